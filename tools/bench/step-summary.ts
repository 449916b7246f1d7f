import { formatNumber, formatRatio, formatTable, ratio } from './report-format';
import type { StepRun } from './step-runs';

/** One step's line of the bench: its runs and baselines reduced to rates and ratios (NaN = not measured). */
export interface StepSummary {
  step: string;
  records: number;
  /** 1 instance, from its ready line to lag 0 (group join included). */
  eventsPerSec: number;
  /** 1 instance, once its group was stable (start-up and join excluded). */
  steadyEventsPerSec: number;
  rpcCallsPerEvent: number;
  /** 2 instances, from the first ready line to lag 0. */
  twoInstancesEventsPerSec: number;
  twoOverOne: number;
  /** 2 instances, once the group was stable with both (start-up, joins and the rebalance excluded). */
  twoInstancesSteadyEventsPerSec: number;
  steadyTwoOverOne: number;
  /** The 2-instance run wrote the same tables as the 1-instance run (null: not run). */
  twoInstancesTablesEqual: boolean | null;
  /** Seconds after the first ready line until the 2-instance group was stable with both (null: never before lag 0). */
  twoInstancesStableAfterSeconds: number | null;
  rowsWritten: number;
  /** Rows in the step's tables / seconds of its 1-instance run. */
  sinkRowsPerSec: number;
  /** The same rows through COPY TO → COPY FROM into an empty clone. */
  copyRowsPerSec: number;
  sinkOverCopy: number;
  peakRssBytes: number;
  /** The larger of the two instances' peaks. */
  twoInstancesPeakRssBytes: number;
}

export interface StepMeasurements {
  one: StepRun;
  two?: StepRun;
  twoTablesEqual?: boolean;
  rowsWritten: number;
  copy?: { rows: number; seconds: number };
  /** Peak RSS by process name (the RSS sampler's). */
  rssPeak: ReadonlyMap<string, number>;
}

const peakOf = (names: readonly string[] | undefined, rss: ReadonlyMap<string, number>) => {
  const peaks = (names ?? []).map((n) => rss.get(n)).filter((b): b is number => b !== undefined);
  return peaks.length === 0 ? NaN : Math.max(...peaks);
};

export function summarizeStep(m: StepMeasurements): StepSummary {
  const rate = (run: StepRun | undefined) => (run ? ratio(run.records, run.seconds) : NaN);
  const eventsPerSec = rate(m.one);
  const twoInstancesEventsPerSec = rate(m.two);
  const sinkRowsPerSec = ratio(m.rowsWritten, m.one.seconds);
  const copyRowsPerSec = m.copy ? ratio(m.copy.rows, m.copy.seconds) : NaN;
  return {
    step: m.one.step,
    records: m.one.records,
    eventsPerSec,
    steadyEventsPerSec: m.one.steadyEventsPerSec,
    rpcCallsPerEvent: m.one.records > 0 ? m.one.rpcCalls / m.one.records : NaN,
    twoInstancesEventsPerSec,
    twoOverOne: ratio(twoInstancesEventsPerSec, eventsPerSec),
    twoInstancesSteadyEventsPerSec: m.two?.steadyEventsPerSec ?? NaN,
    steadyTwoOverOne: ratio(m.two?.steadyEventsPerSec, m.one.steadyEventsPerSec),
    twoInstancesTablesEqual: m.two ? (m.twoTablesEqual ?? null) : null,
    twoInstancesStableAfterSeconds: m.two?.stableAfterSeconds ?? null,
    rowsWritten: m.rowsWritten,
    sinkRowsPerSec,
    copyRowsPerSec,
    sinkOverCopy: ratio(sinkRowsPerSec, copyRowsPerSec),
    peakRssBytes: peakOf(m.one.processNames, m.rssPeak),
    twoInstancesPeakRssBytes: peakOf(m.two?.processNames, m.rssPeak),
  };
}

const int = (n: number) => formatNumber(Math.round(n), 0);
const mib = (bytes: number) => formatNumber(Math.round(bytes / 2 ** 20), 0);

/** Throughput and scaling: one line per step. */
export function formatStepRates(rows: readonly StepSummary[]): string[] {
  const header = ['step', 'records', 'RPC/ev', 'ev/s 1 inst', 'ev/s 2 inst', '2/1', '2 joined after s', 'steady 1', 'steady 2', 'steady 2/1', 'same tables'];
  const body = rows.map((r) => [
    r.step,
    int(r.records),
    formatNumber(r.rpcCallsPerEvent, 3),
    int(r.eventsPerSec),
    int(r.twoInstancesEventsPerSec),
    formatRatio(r.twoOverOne),
    r.twoInstancesStableAfterSeconds === null ? '–' : formatNumber(r.twoInstancesStableAfterSeconds, 1),
    int(r.steadyEventsPerSec),
    int(r.twoInstancesSteadyEventsPerSec),
    formatRatio(r.steadyTwoOverOne),
    r.twoInstancesTablesEqual === null ? '–' : r.twoInstancesTablesEqual ? 'yes' : 'NO',
  ]);
  return formatTable(header, body, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
}

/** Sinks against COPY, and memory: one line per step. */
export function formatStepSinks(rows: readonly StepSummary[]): string[] {
  const header = ['step', 'rows written', 'sink rows/s', 'COPY rows/s', 'sink/COPY', 'peak RSS MiB 1 inst', 'peak RSS MiB 2 inst'];
  const body = rows.map((r) => [
    r.step,
    int(r.rowsWritten),
    int(r.sinkRowsPerSec),
    int(r.copyRowsPerSec),
    formatRatio(r.sinkOverCopy),
    mib(r.peakRssBytes),
    mib(r.twoInstancesPeakRssBytes),
  ]);
  return formatTable(header, body, [1, 2, 3, 4, 5, 6]);
}
