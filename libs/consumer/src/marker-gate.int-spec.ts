import { createTestDatabase, type TestDatabase } from '@lib/db';
import { END_OF_REPLAY, type EndOfReplayMarker } from '@lib/kafka';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import { MarkerGate } from './marker-gate';

const forwarded = (runId: string, origin: number): EndOfReplayMarker => ({
  kind: END_OF_REPLAY,
  runId,
  asOf: 1000 + Number(runId),
  partitions: 4,
  origin,
  origins: 3,
});
const batch = (partition: number, markers: EndOfReplayMarker[]) => ({ topic: 'attributed', partition, markers });
const runs = (markers: EndOfReplayMarker[]) => markers.map((m) => m.runId);

describe('MarkerGate (PostgreSQL)', () => {
  let db: TestDatabase;
  let gate: MarkerGate;
  let origins: EndMarkerOriginRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    origins = new EndMarkerOriginRepository(db.pool);
    gate = new MarkerGate(origins, 'position-health');
  });
  afterAll(() => db.drop());

  it("ends a run in a partition only at the last origin's marker, whatever the order and the duplicates", async () => {
    expect(await gate.ended(batch(1, [forwarded('7', 2)]))).toEqual([]);
    expect(await gate.ended(batch(1, [forwarded('7', 2), forwarded('7', 2)]))).toEqual([]); // redelivered: no new origin
    expect(await gate.ended(batch(1, [forwarded('7', 0)]))).toEqual([]);
    expect(await gate.ended(batch(1, [forwarded('7', 1)]))).toEqual([forwarded('7', 1)]);
    // Another partition of the same run keeps its own count.
    expect(await gate.ended(batch(0, [forwarded('7', 0), forwarded('7', 1)]))).toEqual([]);
  });

  it('ends the run again when its last batch is delivered again (a crash after recording, before computing)', async () => {
    expect(await gate.ended(batch(1, [forwarded('7', 1)]))).toEqual([forwarded('7', 1)]);
    expect(await gate.ended(batch(1, [forwarded('7', 0)]))).toEqual([forwarded('7', 0)]);
  });

  it('counts a second run independently, and answers once per run for a batch holding several origins', async () => {
    expect(await gate.ended(batch(2, [forwarded('8', 0), forwarded('8', 1)]))).toEqual([]);
    expect(runs(await gate.ended(batch(2, [forwarded('9', 0), forwarded('9', 1), forwarded('9', 2), forwarded('8', 2)])))).toEqual(['9', '8']);
    expect(await gate.ended(batch(3, [forwarded('8', 2)]))).toEqual([]); // run 8 has not ended in partition 3
  });

  it('keeps steps and topics apart, and lets a marker the replay wrote itself through without recording it', async () => {
    expect(await new MarkerGate(origins, 'rflr-vesting').ended(batch(1, [forwarded('7', 0)]))).toEqual([]);
    expect(await gate.ended({ topic: 'other', partition: 1, markers: [forwarded('7', 0)] })).toEqual([]);
    const direct: EndOfReplayMarker = { kind: END_OF_REPLAY, runId: '10', asOf: 5, partitions: 3 };
    expect(await gate.ended(batch(0, [direct, direct]))).toEqual([direct]);
    const { rows } = await db.pool.query(
      `SELECT step, run_id, partition, origin FROM end_marker_origin WHERE run_id = '10' OR step = 'rflr-vesting' ORDER BY step, origin`,
    );
    expect(rows).toEqual([{ step: 'rflr-vesting', run_id: '7', partition: 1, origin: 0 }]);
  });

  it('waits for every origin again after a reset forgot the run for that step, and only for that step', async () => {
    const other = new MarkerGate(origins, 'apr');
    await other.ended(batch(5, [forwarded('11', 0), forwarded('11', 1)]));
    await gate.ended(batch(5, [forwarded('11', 0), forwarded('11', 1), forwarded('11', 2)]));
    await origins.forget(['position-health'], '11');
    expect(await gate.ended(batch(5, [forwarded('11', 2)]))).toEqual([]);
    expect(await other.ended(batch(5, [forwarded('11', 2)]))).toEqual([forwarded('11', 2)]);
  });
});
