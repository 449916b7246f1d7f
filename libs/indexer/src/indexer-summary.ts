/** The end-of-run report of the indexer (pure text from the results). */
import type { DexIndexResult } from './index-dex';
import { TABLES } from './indexed-window';

export function eventsPerSecond(logs: number, elapsedMs: number): number {
  return elapsedMs <= 0 ? 0 : (logs * 1000) / elapsedMs;
}

export function formatIndexerSummary(results: readonly DexIndexResult[], elapsedMs: number): string {
  const lines: string[] = [];
  let logs = 0;
  for (const r of results) {
    logs += r.logs;
    const range =
      r.blocks === 0
        ? 'nothing to do'
        : `blocks ${r.fromBlock}..${r.fromBlock + r.blocks - 1} (${r.blocks} blocks, ${r.windows} windows, ${r.requests} getLogs)`;
    lines.push(`${r.dex}: ${range}${r.stopped ? ', STOPPED early' : ''}; checkpoint ${r.lastBlock ?? 'none'}`);
    for (const table of TABLES) lines.push(`  ${table.padEnd(17)} ${String(r.rows[table]).padStart(8)} rows (${r.changed[table]} inserted or changed)`);
    lines.push(`  logs ${r.logs}, ${eventsPerSecond(r.logs, r.elapsedMs).toFixed(0)} events/s`);
    if (r.skipped > 0) {
      lines.push(`  skipped ${r.skipped} log(s):`);
      for (const [reason, count] of Object.entries(r.skippedByReason)) lines.push(`    ${count} × ${reason}`);
    }
  }
  lines.push(`total: ${logs} logs in ${(elapsedMs / 1000).toFixed(1)} s, ${eventsPerSecond(logs, elapsedMs).toFixed(0)} events/s`);
  return lines.join('\n');
}
