import type { BackfillStatus, EnrichedCounts } from './admin-client';
import { isFinal, runLine, statusReport, stepDetail, summaryReport } from './status-view';

const step = (name: string, committed: number, end: number, extra: Partial<BackfillStatus['steps'][number]> = {}): BackfillStatus['steps'][number] => ({
  name,
  title: name.toUpperCase(),
  group: `lp-enrich.${name}.v1`,
  input: 'lp.position-events.v1',
  state: committed === end && end > 0 ? 'complete' : 'running',
  committed,
  end,
  lag: end - committed,
  ratePerSec: 120,
  instances: 1,
  dlq: 0,
  lastError: null,
  ...extra,
});

const status = (over: Partial<BackfillStatus> = {}): BackfillStatus => ({
  running: true,
  startedAt: '2025-01-01T00:00:00.000Z',
  currentProcess: null,
  completedProcesses: [],
  failedProcesses: [],
  progress: { total: 2, completed: 1, failed: 0 },
  state: 'replayed',
  runId: '7',
  asOfTime: null,
  replay: { rowsTotal: 2000, rowsProduced: 2000 },
  steps: [step('pool-attribution', 2000, 2000), step('fees-usd', 500, 2000, { dlq: 3, lastError: 'boom' })],
  ...over,
});

describe('backfill status view', () => {
  const now = Date.parse('2025-01-01T00:02:05.000Z');

  it('says there is no run, or the run with its age and replay progress', () => {
    expect(runLine(status({ runId: null, state: 'idle' }), now)).toBe('backfill: no run yet (start one: npm run backfill -- start)');
    expect(runLine(status(), now)).toBe(
      'backfill replayed, run 7 since 2025-01-01T00:00:00.000Z (2 min 05 s ago) · replay 2,000/2,000 rows (100%) · steps complete 1/2',
    );
  });

  it('prints one line per step with a bar of committed/end, lag, rate, instances, DLQ and state, then last errors', () => {
    const lines = statusReport(status(), now).split('\n');
    expect(lines[1]).toMatch(/^step\s+progress \(committed\/end\)\s+records\s+lag\s+rate\s+inst\s+dlq\s+state$/);
    expect(lines[3]).toBe('pool-attribution  ████████████████████ 100%  2,000/2,000      0  120/s     1    0  complete');
    expect(lines[4]).toBe('fees-usd          █████░░░░░░░░░░░░░░░  25%    500/2,000  1,500  120/s     1    3  running');
    expect(lines[5]).toBe('fees-usd: last error: boom');
    expect(lines).toHaveLength(6);
  });

  it('follows a running step with lag, rate, instances and DLQ, a complete one without what changes no more', () => {
    expect(stepDetail(step('fees-usd', 500, 2000, { dlq: 3 }))).toBe('lag 1,500 · 120/s · 1 inst · dlq 3 · running');
    expect(stepDetail(step('fees-usd', 2000, 2000, { ratePerSec: 7 }))).toBe('complete · dlq 0');
  });

  it('knows which states end following', () => {
    expect(['completed', 'failed', 'stopped', 'idle'].map((state) => isFinal(status({ state })))).toEqual([true, true, true, true]);
    expect(['running', 'paused', 'replayed'].map((state) => isFinal(status({ state })))).toEqual([false, false, false]);
  });

  it('summarizes records and average rate per step, what is enriched and where the results are', () => {
    const counts: EnrichedCounts = {
      at: '2025-01-01T00:02:05.000Z',
      positionEvents: { total: 2000, unknownPool: 0, collectsPriced: 90, collectsUnpriced: 10 },
      positions: 300,
      steps: [{ name: 'pool-attribution', title: 'Pool attribution', tables: [{ table: 'position_registry', rows: 300 }] }],
    };
    const text = summaryReport(status({ state: 'completed' }), counts, {
      elapsedMs: 10_000,
      adminUrl: 'http://127.0.0.1:3000',
      database: 'postgres://postgres@127.0.0.1:5432/x',
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('== backfill completed after 10.0 s (run 7): 2,000 rows replayed, 1/2 steps complete, 3 dead letter(s)');
    expect(text).toContain('   POOL-ATTRIBUTION    2,000  200 rec/s    0  complete');
    expect(text).toContain('   FEES-USD              500   50 rec/s    3  running');
    expect(text).toMatch(/COLLECT events without a USD value\s+10\n/);
    expect(text).toMatch(/rows in position_registry\s+300/);
    expect(text).toContain('results: tables in postgres://postgres@127.0.0.1:5432/x');
    expect(lines.at(-1)).toBe(
      'status:  http://127.0.0.1:3000/api/admin/backfill · dashboard http://127.0.0.1:3000/admin/enrichment · npm run backfill -- status',
    );
  });

  it('leaves out counts it could not read, and rates of a run that had ended before it was followed', () => {
    const text = summaryReport(status(), undefined, { elapsedMs: undefined, adminUrl: 'http://a' });
    expect(text.split('\n')[0]).toBe('== backfill replayed (run 7): 2,000 rows replayed, 1/2 steps complete, 3 dead letter(s)');
    expect(text).not.toContain('what is enriched');
    expect(text).toContain("results: the admin app's database");
    expect(text).toContain('– rec/s');
  });
});
