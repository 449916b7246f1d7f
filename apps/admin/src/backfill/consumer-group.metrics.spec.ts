import type { BackfillStatus, StatusOffsets } from './backfill-status.service';
import { consumerGroupSamples } from './consumer-group.metrics';
import { partitionProgress } from './step-progress';

const status = (running: boolean, instances: number): BackfillStatus =>
  ({ running, steps: [{ name: 'fees-usd', group: 'lp-enrich.fees-usd.v1', instances }] }) as unknown as BackfillStatus;

describe('consumerGroupSamples (kafka_exporter names)', () => {
  // A run from offsets {0: 10, 1: 0} to {0: 20, 1: 5}; the group committed 15 on 0 and nothing on 1.
  const offsets: StatusOffsets = {
    steps: [
      {
        name: 'fees-usd',
        group: 'lp-enrich.fees-usd.v1',
        input: 'lp.position-events.attributed.v1',
        partitions: partitionProgress({ '0': '10', '1': '0' }, { '0': '20', '1': '5' }, { '0': '15' }),
      },
    ],
    high: { 'lp.position-events.attributed.v1': { '0': '22', '1': '5' } },
  };
  const samples = consumerGroupSamples(status(true, 2), offsets);
  const value = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).map((s) => s.value);

  it('lag per partition: the run end minus the committed offset (never-committed = the run start)', () => {
    expect(value('kafka_consumergroup_lag', { partition: '0' })).toEqual([5]);
    expect(value('kafka_consumergroup_lag', { partition: '1' })).toEqual([5]);
    expect(samples.find((s) => s.name === 'kafka_consumergroup_lag')!.labels).toEqual({
      consumergroup: 'lp-enrich.fees-usd.v1',
      topic: 'lp.position-events.attributed.v1',
      partition: '0',
    });
  });

  it('current offset of the group, high watermarks, members and the running flag', () => {
    expect(value('kafka_consumergroup_current_offset', { partition: '0' })).toEqual([15]);
    expect(value('kafka_consumergroup_current_offset', { partition: '1' })).toEqual([0]);
    expect(value('kafka_topic_partition_current_offset', { partition: '0' })).toEqual([22]);
    expect(value('kafka_consumergroup_members', { consumergroup: 'lp-enrich.fees-usd.v1' })).toEqual([2]);
    expect(value('lp_backfill_running')).toEqual([1]);
    expect(consumerGroupSamples(status(false, 0), { steps: [], high: {} })).toEqual([
      { name: 'lp_backfill_running', labels: {}, value: 0 },
      { name: 'kafka_consumergroup_members', labels: { consumergroup: 'lp-enrich.fees-usd.v1' }, value: 0 },
    ]);
  });
});
