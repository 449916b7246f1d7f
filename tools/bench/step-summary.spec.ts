import type { StepRun } from './step-runs';
import { formatStepRates, formatStepSinks, summarizeStep } from './step-summary';

const run = (over: Partial<StepRun>): StepRun => ({
  step: 'range-status',
  instances: 1,
  records: 8000,
  seconds: 8,
  steadyEventsPerSec: 1250,
  stableAfterSeconds: 1.5,
  startupSeconds: 1.2,
  rpcCalls: 0,
  processNames: ['step range-status'],
  allReady: true,
  ...over,
});

const MiB = 2 ** 20;

describe('summarizeStep', () => {
  const rss = new Map([
    ['step range-status', 200 * MiB],
    ['step range-status (2 instances) #1', 150 * MiB],
    ['step range-status (2 instances) #2', 170 * MiB],
  ]);

  it('turns the runs and baselines into rates and ratios', () => {
    const s = summarizeStep({
      one: run({ rpcCalls: 800 }),
      two: run({
        instances: 2,
        seconds: 5,
        steadyEventsPerSec: 2250,
        stableAfterSeconds: 2.5,
        processNames: ['step range-status (2 instances) #1', 'step range-status (2 instances) #2'],
      }),
      twoTablesEqual: true,
      rowsWritten: 7700,
      copy: { rows: 7700, seconds: 0.05 },
      rssPeak: rss,
    });
    expect(s).toEqual({
      step: 'range-status',
      records: 8000,
      eventsPerSec: 1000,
      steadyEventsPerSec: 1250,
      rpcCallsPerEvent: 0.1,
      twoInstancesEventsPerSec: 1600,
      twoOverOne: 1.6,
      twoInstancesSteadyEventsPerSec: 2250,
      steadyTwoOverOne: 1.8,
      twoInstancesTablesEqual: true,
      twoInstancesStableAfterSeconds: 2.5,
      rowsWritten: 7700,
      sinkRowsPerSec: 962.5,
      copyRowsPerSec: 154000,
      sinkOverCopy: 962.5 / 154000,
      peakRssBytes: 200 * MiB,
      twoInstancesPeakRssBytes: 170 * MiB,
    });
  });

  it('leaves what did not run as NaN / null', () => {
    const s = summarizeStep({ one: run({}), rowsWritten: 0, rssPeak: new Map() });
    expect(s.twoInstancesEventsPerSec).toBeNaN();
    expect(s.twoOverOne).toBeNaN();
    expect(s.steadyTwoOverOne).toBeNaN();
    expect(s.twoInstancesTablesEqual).toBeNull();
    expect(s.copyRowsPerSec).toBeNaN();
    expect(s.sinkOverCopy).toBeNaN();
    expect(s.peakRssBytes).toBeNaN();
  });
});

describe('step tables', () => {
  const rows = [summarizeStep({ one: run({}), rowsWritten: 7700, copy: { rows: 7700, seconds: 0.05 }, rssPeak: new Map([['step range-status', 200 * MiB]]) })];
  const cells = (line: string) => line.trim().split(/\s+/);

  it('prints rates and scaling, one line per step, dashes for what was not measured', () => {
    const lines = formatStepRates(rows);
    expect(lines).toHaveLength(3);
    expect(lines[0].split(/\s{2,}/)).toEqual([
      'step',
      'records',
      'RPC/ev',
      'ev/s 1 inst',
      'ev/s 2 inst',
      '2/1',
      '2 joined after s',
      'steady 1',
      'steady 2',
      'steady 2/1',
      'same tables',
    ]);
    expect(cells(lines[2])).toEqual(['range-status', '8,000', '0', '1,000', '–', '–', '–', '1,250', '–', '–', '–']);
  });

  it('prints sinks against COPY and memory', () => {
    const lines = formatStepSinks(rows);
    expect(lines[0].split(/\s{2,}/)).toEqual(['step', 'rows written', 'sink rows/s', 'COPY rows/s', 'sink/COPY', 'peak RSS MiB 1 inst', 'peak RSS MiB 2 inst']);
    expect(cells(lines[2])).toEqual(['range-status', '7,700', '963', '154,000', '0.0063×', '200', '–']);
  });
});
