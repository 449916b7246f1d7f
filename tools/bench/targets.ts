import { formatNumber, formatTable } from './report-format';

/** The targets of issue 8, as numbers. */
export const TARGETS = {
  endToEnd: { positionEvents: 1_000_000, seconds: 300 },
  replayRowsPerSec: 100_000,
  dbStepEventsPerSec: 30_000,
  batchOverStock: 10,
  twoOverOne: 1.6,
  consumerRssBytes: 250e6,
} as const;

/** `met (8 of 10 steps)`: the end-to-end time on a dataset that cannot drive every step. */
export type TargetStatus = 'met' | 'missed' | 'not measured' | `${'met' | 'missed'} (${number} of ${number} steps)`;

export interface TargetRow {
  target: string;
  measured: string;
  status: TargetStatus;
}

/** What the bench measured that a target speaks of; anything absent was not measured. */
export interface TargetInputs {
  /** "PositionEvent" rows of the dataset. */
  positionEvents: number;
  /** All ten steps running at once, from `POST start` until every lag is 0 (`--end-to-end`). */
  endToEndSeconds?: number;
  /**
   * With `endToEndSeconds`: the steps that ran end to end when the dataset cannot drive
   * all ten (those left out named), so the row says so instead of "all ten".
   */
  endToEndPartial?: { steps: number; leftOut: readonly string[] };
  replayRowsPerSec?: number;
  /** Steps that made no RPC call, events/s with one instance. */
  dbDerivedSteps: { step: string; eventsPerSec: number }[];
  /** Batch over stock transport on the same DB-only transform. */
  batchOverStock?: number;
  /** Per step: events/s with 2 instances over events/s with 1 (whole runs: joins and rebalances included). */
  scaling: { step: string; ratio: number }[];
  /** Peak RSS of each step consumer process. */
  consumerRss: { process: string; bytes: number }[];
}

/** The pipeline's steps, as the end-to-end target counts them. */
const STEP_COUNT = 10;
const mb = (bytes: number) => `${formatNumber(bytes / 1e6, 0)} MB`;
const status = (ok: boolean): 'met' | 'missed' => (ok ? 'met' : 'missed');
const finite = <T extends Record<K, number>, K extends keyof T>(xs: T[], k: K) => xs.filter((x) => Number.isFinite(x[k]));

export function evaluateTargets(m: TargetInputs): TargetRow[] {
  const rows: TargetRow[] = [];
  const e2e = TARGETS.endToEnd;
  const e2eTarget = `all ten steps over ${formatNumber(e2e.positionEvents)} position events ≤ ${e2e.seconds / 60} min`;
  const partial = m.endToEndPartial && m.endToEndPartial.steps < STEP_COUNT ? m.endToEndPartial : undefined;
  const onSteps = partial ? ` on ${partial.steps} of ten steps (${partial.leftOut.join(', ')} left out: the dataset cannot drive them)` : '';
  if (m.endToEndSeconds === undefined) {
    rows.push({
      target: e2eTarget,
      measured: `needs --end-to-end with all ten steps (dataset: ${formatNumber(m.positionEvents)} position events)`,
      status: 'not measured',
    });
  } else if (m.positionEvents < e2e.positionEvents) {
    rows.push({
      target: e2eTarget,
      measured: `${formatNumber(m.endToEndSeconds, 1)} s for ${formatNumber(m.positionEvents)} position events${onSteps} (smaller dataset)`,
      status: 'not measured',
    });
  } else {
    const met = status(m.endToEndSeconds <= e2e.seconds);
    rows.push({
      target: e2eTarget,
      measured: `${formatNumber(m.endToEndSeconds, 1)} s for ${formatNumber(m.positionEvents)} position events${onSteps}`,
      status: partial ? `${met} (${partial.steps} of ${STEP_COUNT} steps)` : met,
    });
  }

  const replayTarget = `replay ≥ ${formatNumber(TARGETS.replayRowsPerSec)} rows/s`;
  rows.push(
    m.replayRowsPerSec === undefined || !Number.isFinite(m.replayRowsPerSec)
      ? { target: replayTarget, measured: '–', status: 'not measured' }
      : { target: replayTarget, measured: `${formatNumber(m.replayRowsPerSec, 0)} rows/s`, status: status(m.replayRowsPerSec >= TARGETS.replayRowsPerSec) },
  );

  const dbTarget = `a DB-derived step ≥ ${formatNumber(TARGETS.dbStepEventsPerSec)} events/s per instance`;
  const db = finite(m.dbDerivedSteps, 'eventsPerSec').sort((a, b) => b.eventsPerSec - a.eventsPerSec);
  rows.push(
    db.length === 0
      ? { target: dbTarget, measured: 'no DB-derived step ran', status: 'not measured' }
      : {
          target: dbTarget,
          measured: `best ${db[0].step} ${formatNumber(db[0].eventsPerSec, 0)} events/s (of ${db.length} DB-derived steps)`,
          status: status(db[0].eventsPerSec >= TARGETS.dbStepEventsPerSec),
        },
  );

  const stockTarget = `batch transport ≥ ${TARGETS.batchOverStock}× the stock NestJS Kafka transport`;
  rows.push(
    m.batchOverStock === undefined || !Number.isFinite(m.batchOverStock)
      ? { target: stockTarget, measured: '–', status: 'not measured' }
      : {
          target: stockTarget,
          measured: `${formatNumber(m.batchOverStock, 1)}× (DB-only copy transform)`,
          status: status(m.batchOverStock >= TARGETS.batchOverStock),
        },
  );

  const scaleTarget = `2 instances ≥ ${TARGETS.twoOverOne}× one`;
  const scaled = finite(m.scaling, 'ratio').sort((a, b) => a.ratio - b.ratio);
  if (scaled.length === 0) rows.push({ target: scaleTarget, measured: 'no step ran with 2 instances', status: 'not measured' });
  else {
    const reached = scaled.filter((s) => s.ratio >= TARGETS.twoOverOne).length;
    const worst = scaled[0];
    const best = scaled[scaled.length - 1];
    rows.push({
      target: scaleTarget,
      measured: `whole runs: ${reached} of ${scaled.length} steps; worst ${worst.step} ${formatNumber(worst.ratio, 2)}×, best ${best.step} ${formatNumber(best.ratio, 2)}×`,
      status: status(reached === scaled.length),
    });
  }

  const rssTarget = `≤ ${mb(TARGETS.consumerRssBytes)} RSS per consumer`;
  const rss = finite(m.consumerRss, 'bytes').sort((a, b) => b.bytes - a.bytes);
  if (rss.length === 0) rows.push({ target: rssTarget, measured: '–', status: 'not measured' });
  else {
    const over = rss.filter((r) => r.bytes > TARGETS.consumerRssBytes).length;
    rows.push({
      target: rssTarget,
      measured: `max ${rss[0].process} ${mb(rss[0].bytes)}; ${over} of ${rss.length} consumers above`,
      status: status(over === 0),
    });
  }
  return rows;
}

export function formatTargets(rows: readonly TargetRow[]): string[] {
  return formatTable(
    ['target', 'status', 'measured'],
    rows.map((r) => [r.target, r.status, r.measured]),
  );
}
