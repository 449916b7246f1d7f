/** Pure text formatting shared by the commands' progress lines and final summaries. */

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12345 → "12,345" (rounded to a whole number). */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? GROUPED.format(n) : '–';
}

/** "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** `count` things over `ms` as "1,234 rows/s"; "–" when no time has passed. */
export function formatRate(count: number, ms: number, unit: string): string {
  if (!(ms > 0)) return `– ${unit}/s`;
  return `${formatCount((count * 1000) / ms)} ${unit}/s`;
}

/** "42%"; "–" when there is nothing to do yet (total 0). Never rounds up to 100% before the end. */
export function formatPercent(value: number, total: number): string {
  if (!(total > 0)) return '–';
  const p = Math.max(0, Math.min(100, (value / total) * 100));
  return `${value < total ? Math.min(99, Math.floor(p)) : 100}%`;
}

/** A fixed-width bar like cli-progress draws, for one-shot output (status) and logs. */
export function textBar(value: number, total: number, width = 20): string {
  const filled = total > 0 ? Math.round(Math.max(0, Math.min(1, value / total)) * width) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** One plain progress line for logs: "name 1,234/5,000 (24%) extra". */
export function progressLine(name: string, value: number, total: number, extra = ''): string {
  return `${name} ${formatCount(value)}/${formatCount(total)} (${formatPercent(value, total)})${extra ? ` ${extra}` : ''}`;
}

export type Align = 'left' | 'right';

/**
 * Rows as aligned columns (two spaces apart), with an optional header underlined by
 * dashes. Columns are left-aligned unless `align` says otherwise; trailing spaces are cut.
 */
export function formatTable(
  rows: readonly (readonly string[])[],
  options: { header?: readonly string[]; align?: readonly Align[]; indent?: string } = {},
): string {
  const all = options.header ? [options.header, ...rows] : [...rows];
  const columns = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...all.map((r) => [...(r[c] ?? '')].length)));
  const render = (row: readonly string[]) =>
    (options.indent ?? '') +
    widths
      .map((w, c) => {
        const cell = row[c] ?? '';
        const pad = ' '.repeat(w - [...cell].length);
        return options.align?.[c] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const lines = all.map(render);
  if (options.header) lines.splice(1, 0, (options.indent ?? '') + widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

/** Word-wraps one line to lines of at most `width` characters (a longer word stays whole). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}
