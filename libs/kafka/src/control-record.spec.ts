import { END_OF_REPLAY, endOfReplayHeaders, readControlRecord, type EndOfReplayMarker } from './control-record';

const marker = (runId: string, asOf: number): EndOfReplayMarker => ({ kind: END_OF_REPLAY, runId, asOf });

describe('end-of-replay markers', () => {
  it('round-trip through headers', () => {
    expect(readControlRecord(endOfReplayHeaders({ runId: '7', asOf: 1735689600 }))).toEqual(marker('7', 1735689600));
    expect(readControlRecord({ other: 'x' })).toBeUndefined();
  });

  it('carry the partition count and, when forwarded, the origin partition and the origin count', () => {
    const forwarded = { runId: '7', asOf: 100, partitions: 6, origin: 2, origins: 3 };
    expect(readControlRecord(endOfReplayHeaders(forwarded))).toEqual({ kind: END_OF_REPLAY, ...forwarded });
    expect(readControlRecord(endOfReplayHeaders({ runId: '7', asOf: 100, partitions: 3 }))).toEqual({ ...marker('7', 100), partitions: 3 });
    // Origin 0 is a value, not an absence.
    expect(readControlRecord(endOfReplayHeaders({ runId: '7', asOf: 100, partitions: 1, origin: 0, origins: 1 }))).toMatchObject({ origin: 0, origins: 1 });
  });

  it('read records without the newer headers (or with garbage in them) as before: no partitions, no origins', () => {
    const old = { 'lp-control': 'end-of-replay', 'lp-run-id': '3', 'lp-as-of': '50' };
    expect(readControlRecord(old)).toEqual(marker('3', 50));
    expect(Object.keys(readControlRecord(old)!)).toEqual(['kind', 'runId', 'asOf']);
    expect(readControlRecord({ ...old, 'lp-partitions': 'six', 'lp-origin': '-1', 'lp-origins': Buffer.from('3') })).toEqual({
      ...marker('3', 50),
      origins: 3,
    });
  });
});
