/** Small numeric and formatting helpers for the bench report. */

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Ours / theirs as "0.84×"; "–" when either side is missing or theirs is zero. */
export function formatRatio(ours: number | null, theirs: number | null): string {
  if (ours === null || theirs === null || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0)
    return '–';
  const ratio = ours / theirs;
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/** Whether ours / theirs is within the target ratio; null when a side is missing. */
export function meetsTarget(ours: number | null, theirs: number | null, target: number): boolean | null {
  if (ours === null || theirs === null || theirs === 0) return null;
  return ours / theirs <= target;
}

/** Seconds as "812 µs", "3.4 ms", "1.27 s", "4 min 05 s". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 1e-3) return `${(seconds * 1e6).toFixed(0)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toPrecision(3)} ms`;
  if (seconds < 120) return `${seconds.toPrecision(3)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

/** Kibibytes as "812 MB" / "1.32 GB" (decimal units of bytes). */
export function formatKilobytes(kilobytes: number | null): string {
  if (kilobytes === null || !Number.isFinite(kilobytes)) return '–';
  const bytes = kilobytes * 1024;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(0)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/**
 * A plain-text table: columns padded to their widest cell. `align` has one letter per column, `l` or
 * `r`; by default the first column is left-aligned and the others right-aligned.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align?: string): string {
  const left = (column: number): boolean => (align === undefined ? column === 0 : align[column] !== 'r');
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        left(column) ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** The p-th percentile (0 < p ≤ 100) by nearest rank: the smallest value with at least p % at or below it; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
