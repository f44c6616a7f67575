/** The rows `npm run bench` prints: our median next to a peer's, the ratio, and the target. */
import { formatKilobytes, formatRatio, formatSeconds, formatTable, meetsTarget } from './stats.ts';

export type Unit = 'seconds' | 'kilobytes';

export interface Comparison {
  readonly what: string;
  readonly unit: Unit;
  readonly ours: number | null;
  /** The peer, e.g. "NetworkX parse+build"; null for a figure of ours alone. */
  readonly peer: string | null;
  readonly theirs: number | null;
  /** The target for ours / theirs (e.g. 1 for "≤ 1.0×"), or for a figure alone the limit in `unit`. */
  readonly target: number | null;
  /** Why a figure is missing, or anything to read next to it. */
  readonly note?: string;
  /** For a yes/no target (e.g. "the same top 10 as igraph"): met or not, instead of a ratio; null when not measured. */
  readonly met?: boolean | null;
}

export function formatValue(value: number | null, unit: Unit): string {
  return unit === 'seconds' ? formatSeconds(value) : formatKilobytes(value);
}

function targetText(row: Comparison): string {
  if (row.target === null) return '';
  if (row.peer === null) return `< ${formatValue(row.target, row.unit)}`;
  // Two decimals when the target has them (1.15× must not print as 1.1×), else one.
  return `≤ ${row.target.toFixed(2).replace(/0$/u, '')}×`;
}

export function verdict(row: Comparison): 'met' | 'MISSED' | '' {
  if (row.met !== undefined) return row.met === null ? '' : row.met ? 'met' : 'MISSED';
  if (row.target === null) return '';
  const met =
    row.peer === null
      ? row.ours === null
        ? null
        : row.ours < row.target
      : meetsTarget(row.ours, row.theirs, row.target);
  return met === null ? '' : met ? 'met' : 'MISSED';
}

export function formatComparisons(rows: readonly Comparison[]): string {
  return formatTable(
    ['measure', 'ours', 'peer', 'theirs', 'ours/theirs', 'target', 'verdict', 'note'],
    rows.map((row) => [
      row.what,
      formatValue(row.ours, row.unit),
      row.peer ?? '',
      row.peer === null ? '' : formatValue(row.theirs, row.unit),
      row.peer === null ? '' : formatRatio(row.ours, row.theirs),
      targetText(row),
      verdict(row),
      row.note ?? '',
    ]),
    'lrlrrlll',
  );
}
