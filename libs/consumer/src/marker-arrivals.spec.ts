import { END_OF_REPLAY, type EndOfReplayMarker } from '@lib/kafka';
import { runArrivals, runEnded } from './marker-arrivals';

const forwarded = (runId: string, origin: number, origins = 3): EndOfReplayMarker => ({
  kind: END_OF_REPLAY,
  runId,
  asOf: 100,
  partitions: 6,
  origin,
  origins,
});
const direct = (runId: string): EndOfReplayMarker => ({ kind: END_OF_REPLAY, runId, asOf: 100, partitions: 3 });

describe('runArrivals', () => {
  it("groups a batch's forwarded markers by run, with their distinct origins, first run first", () => {
    expect(runArrivals([forwarded('2', 1), forwarded('1', 2), forwarded('2', 0), forwarded('2', 1)])).toEqual([
      { marker: forwarded('2', 1), origins: 3, seen: [0, 1] },
      { marker: forwarded('1', 2), origins: 3, seen: [2] },
    ]);
    expect(runArrivals([])).toEqual([]);
  });

  it('takes a marker the replay wrote itself (no origins) as complete alone', () => {
    expect(runArrivals([direct('5'), direct('5')])).toEqual([{ marker: direct('5'), origins: undefined, seen: [] }]);
    expect(runArrivals([forwarded('5', 0), { ...direct('5'), origin: 1 }])).toEqual([{ marker: forwarded('5', 0), origins: undefined, seen: [] }]);
  });

  it('leaves out an origin beyond the origin count', () => {
    expect(runArrivals([forwarded('1', 3), forwarded('1', 0)])).toEqual([{ marker: forwarded('1', 3), origins: 3, seen: [0] }]);
  });
});

describe('runEnded', () => {
  it('is true once every origin is recorded, and always without origins', () => {
    expect(runEnded(3, 2)).toBe(false);
    expect(runEnded(3, 3)).toBe(true);
    expect(runEnded(1, 0)).toBe(false);
    expect(runEnded(undefined, 0)).toBe(true);
  });
});
