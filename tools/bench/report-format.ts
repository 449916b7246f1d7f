/** One line of the bench's figure table (and of its JSON). */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
}

/** a / b, or NaN when either is missing, not finite or not positive (a ratio of nothing is not 0). */
export function ratio(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || a <= 0 || b <= 0) return NaN;
  return a / b;
}

export function roundTo(n: number, digits: number): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Thousands separated; up to `digits` decimals; '–' for a figure that was not measured (NaN). */
export function formatNumber(n: number, digits = 3): string {
  if (Number.isNaN(n)) return '–';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A ratio as the table shows it: two decimals (two significant digits below 1) and a ×, '–' when there is none. */
export function formatRatio(r: number): string {
  if (Number.isNaN(r)) return '–';
  return `${r < 1 ? r.toPrecision(2) : r.toFixed(2)}×`;
}

/**
 * A plain-text table: a header row, a rule, the rows. Columns listed in `rightAligned`
 * (by index) are padded on the left, the others on the right.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatFigures(figures: readonly Figure[]): string[] {
  return formatTable(
    ['figure', 'value', 'unit'],
    figures.map((f) => [f.figure, formatNumber(f.value), f.unit]),
    [1],
  );
}
