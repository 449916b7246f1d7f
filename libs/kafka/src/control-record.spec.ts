import { distinctMarkers, END_OF_REPLAY, endOfReplayHeaders, readControlRecord, type EndOfReplayMarker } from './control-record';

const marker = (runId: string, asOf: number): EndOfReplayMarker => ({ kind: END_OF_REPLAY, runId, asOf });

describe('end-of-replay markers', () => {
  it('round-trip through headers', () => {
    expect(readControlRecord(endOfReplayHeaders({ runId: '7', asOf: 1735689600 }))).toEqual(marker('7', 1735689600));
    expect(readControlRecord({ other: 'x' })).toBeUndefined();
  });

  it('collapse to one per run and as-of time, in first-seen order', () => {
    const markers = [marker('1', 100), marker('1', 100), marker('2', 100), marker('1', 200), marker('2', 100)];
    expect(distinctMarkers(markers)).toEqual([marker('1', 100), marker('2', 100), marker('1', 200)]);
    expect(distinctMarkers([])).toEqual([]);
  });
});
