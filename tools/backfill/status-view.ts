/** Pure text of the backfill's status (one line per step) and of its final summary. */
import { formatCount, formatDuration, formatPercent, formatRate, formatTable, textBar } from '../cli/format';
import type { BackfillStatus, EnrichedCounts } from './admin-client';

type Step = BackfillStatus['steps'][number];

/** States after which following the run is over: nothing moves without a new action. */
export const FINAL_STATES: readonly string[] = ['completed', 'failed', 'stopped', 'idle'];

export function isFinal(status: BackfillStatus): boolean {
  return FINAL_STATES.includes(status.state);
}

/** The run in one line: state, id, start, replay progress. */
export function runLine(s: BackfillStatus, now = Date.now()): string {
  if (!s.runId) return 'backfill: no run yet (start one: npm run backfill -- start)';
  const since = s.startedAt ? ` since ${s.startedAt} (${formatDuration(now - Date.parse(s.startedAt))} ago)` : '';
  const replay = `replay ${formatCount(s.replay.rowsProduced)}/${formatCount(s.replay.rowsTotal)} rows (${formatPercent(s.replay.rowsProduced, s.replay.rowsTotal)})`;
  return `backfill ${s.state}, run ${s.runId}${since} · ${replay} · steps complete ${s.progress.completed}/${s.progress.total}`;
}

/** What follows a step's bar: lag, rate, instances, dead letters while it runs; once complete only what stays. */
export function stepDetail(st: Step): string {
  if (st.state === 'complete') return `complete · dlq ${formatCount(st.dlq)}`;
  return `lag ${formatCount(st.lag)} · ${formatCount(st.ratePerSec)}/s · ${st.instances} inst · dlq ${formatCount(st.dlq)} · ${st.state}`;
}

/** The status table: a bar of committed/end per step, with lag, rate, instances, DLQ; last errors below. */
export function statusReport(s: BackfillStatus, now = Date.now()): string {
  const rows = s.steps.map((st) => [
    st.name,
    `${textBar(st.committed, st.end)} ${formatPercent(st.committed, st.end).padStart(4)}`,
    `${formatCount(st.committed)}/${formatCount(st.end)}`,
    formatCount(st.lag),
    `${formatCount(st.ratePerSec)}/s`,
    String(st.instances),
    formatCount(st.dlq),
    st.state,
  ]);
  const table = formatTable(rows, {
    header: ['step', 'progress (committed/end)', 'records', 'lag', 'rate', 'inst', 'dlq', 'state'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  const errors = s.steps.filter((st) => st.lastError).map((st) => `${st.name}: last error: ${st.lastError}`);
  return [runLine(s, now), table, ...errors].join('\n');
}

export interface SummaryContext {
  /** How long this command followed the run; undefined when it had ended before (no rates then). */
  elapsedMs: number | undefined;
  adminUrl: string;
  /** The database the results are in, when this command knows it (password hidden). */
  database?: string;
}

/** The final summary: the run's outcome, records per step, what is enriched, where to look. */
export function summaryReport(s: BackfillStatus, counts: EnrichedCounts | undefined, ctx: SummaryContext): string {
  const out: string[] = [];
  const dlq = s.steps.reduce((n, st) => n + st.dlq, 0);
  out.push(
    `== backfill ${s.state}${ctx.elapsedMs === undefined ? '' : ` after ${formatDuration(ctx.elapsedMs)}`} (run ${s.runId ?? 'none'}): ${formatCount(s.replay.rowsProduced)} rows replayed, ` +
      `${s.progress.completed}/${s.progress.total} steps complete, ${formatCount(dlq)} dead letter(s)`,
  );
  out.push(
    formatTable(
      s.steps.map((st) => [st.title, formatCount(st.committed), formatRate(st.committed, ctx.elapsedMs ?? 0, 'rec'), formatCount(st.dlq), st.state]),
      { header: ['step', 'records', 'average', 'dlq', 'state'], align: ['left', 'right', 'right', 'right', 'left'], indent: '   ' },
    ),
  );
  for (const failed of s.failedProcesses) out.push(`   failed: ${failed}`);
  if (counts) {
    const pe = counts.positionEvents;
    const facts: [string, number | null][] = [
      ['position events', pe.total],
      ["position events with pool 'unknown' left", pe.unknownPool],
      ['positions attributed (manager, token id)', counts.positions],
      ['COLLECT events with a USD value', pe.collectsPriced],
      ['COLLECT events without a USD value', pe.collectsUnpriced],
      ...counts.steps.flatMap((st) => st.tables.map((t) => [`rows in ${t.table}`, t.rows] as [string, number])),
    ];
    out.push('', '== what is enriched');
    out.push(
      formatTable(
        facts.filter(([, n]) => n !== null).map(([label, n]) => [label, formatCount(n!)]),
        { align: ['left', 'right'], indent: '   ' },
      ),
    );
  }
  out.push('', `results: ${ctx.database ? `tables in ${ctx.database}` : "the admin app's database"}`);
  out.push(`status:  ${ctx.adminUrl}/api/admin/backfill · dashboard ${ctx.adminUrl}/admin/enrichment · npm run backfill -- status`);
  return out.join('\n');
}
