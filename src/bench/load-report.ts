/** The tables `npm run loadtest` prints: each query against the `{ __typename }` baseline, the mix, the soak. */
import type { KindFigures, LoadResult } from './load-run.ts';
import type { SoakVerdict } from './process-memory.ts';
import { formatKilobytes, formatRatio, formatSeconds, formatTable } from './stats.ts';

export interface MeasuredQuery {
  readonly key: string;
  readonly title: string;
  readonly result: LoadResult;
}

/** Errors, GraphQL errors, non-2xx and timeouts: every one must be 0. */
export function failureCount(result: LoadResult): number {
  return result.errors + result.graphqlErrors + result.non2xx + result.timeouts;
}

/** A run passes when nothing failed and something was answered. */
export function passed(result: LoadResult): boolean {
  return failureCount(result) === 0 && result.completed > 0;
}

export function formatMs(ms: number | null): string {
  return ms === null ? '–' : formatSeconds(ms / 1000);
}

function formatRate(perSecond: number): string {
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toPrecision(3);
}

/**
 * One row per query: requests/s and p99 latency next to their ratio against the baseline (query ÷
 * baseline: a req/s ratio of 0.25× means a quarter of the baseline's throughput, a p99 ratio of 8×
 * eight times its tail latency), the requests answered, then the failure counts.
 */
export function formatQueryTable(baseline: LoadResult, rows: readonly MeasuredQuery[]): string {
  return formatTable(
    [
      'query',
      'req/s',
      'req/s ÷ base',
      'p50',
      'p99',
      'p99 ÷ base',
      'requests',
      'errors',
      'GraphQL errors',
      'non-2xx',
      'timeouts',
      'verdict',
    ],
    rows.map(({ key, result }) => [
      key,
      formatRate(result.requestsPerSecond),
      result === baseline ? '1 (base)' : formatRatio(result.requestsPerSecond, baseline.requestsPerSecond),
      formatMs(result.p50Ms),
      formatMs(result.p99Ms),
      result === baseline ? '1 (base)' : formatRatio(result.p99Ms, baseline.p99Ms),
      String(result.completed),
      String(result.errors),
      String(result.graphqlErrors),
      String(result.non2xx),
      String(result.timeouts),
      passed(result) ? 'ok' : result.completed === 0 ? 'FAIL (no answer)' : 'FAIL',
    ]),
    'lrrrrrrrrrrl',
  );
}

/** The mix run, per query kind: share of the responses, rate, latency as seen by one connection, failures. */
export function formatMixTable(result: LoadResult, order: readonly string[]): string {
  const total = [...result.byKind.values()].reduce((sum, figures) => sum + figures.responses, 0);
  const kinds = [
    ...order.filter((kind) => result.byKind.has(kind)),
    ...[...result.byKind.keys()].filter((kind) => !order.includes(kind)),
  ];
  return formatTable(
    ['query', 'responses', 'share', 'req/s', 'p50', 'p99', 'failures'],
    kinds.map((kind) => {
      const figures = result.byKind.get(kind) as KindFigures;
      return [
        kind,
        String(figures.responses),
        total === 0 ? '–' : `${((figures.responses / total) * 100).toFixed(1)} %`,
        formatRate(figures.responses / result.durationSeconds),
        formatMs(figures.p50Ms),
        formatMs(figures.p99Ms),
        String(figures.failures),
      ];
    }),
    'lrrrrrr',
  );
}

export function formatSoak(verdict: SoakVerdict): string {
  const sign = verdict.growthPercent >= 0 ? '+' : '';
  return [
    `  RSS at start ${formatKilobytes(verdict.startKb)} (${verdict.startKb} kB), at end ${formatKilobytes(verdict.endKb)} (${verdict.endKb} kB), peak ${formatKilobytes(verdict.peakKb)}`,
    `  growth ${sign}${verdict.growthPercent.toFixed(1)} % (limit < ${verdict.limitPercent} %): ${verdict.passed ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

/** The response cache's target: a repeated query at ≥ 0.8× the baseline's requests/s ("met" or "MISSED"). */
export function responseCacheTarget(repeated: LoadResult, baseline: LoadResult): string {
  const ratio = repeated.requestsPerSecond / baseline.requestsPerSecond;
  return `  ${ratio >= 0.8 ? 'met   ' : 'MISSED'} the same author query repeated (answered by the response cache): ${repeated.requestsPerSecond.toFixed(1)} req/s, ${ratio.toFixed(2)}× the baseline (target ≥ 0.8×); p99 ${formatMs(repeated.p99Ms)}`;
}

/** Compression's targets for one query: answers ≥ 4× smaller, p99 ≤ 1.2× the uncompressed run's. */
export function compressionTargets(key: string, plain: LoadResult, compressed: LoadResult): string[] {
  const smaller = compressed.bytesPerResponse === 0 ? 0 : plain.bytesPerResponse / compressed.bytesPerResponse;
  const slower = compressed.p99Ms / plain.p99Ms;
  return [
    `  ${smaller >= 4 ? 'met   ' : 'MISSED'} ${key} compressed (brotli): ${(compressed.bytesPerResponse / 1024).toFixed(1)} KB per answer against ${(plain.bytesPerResponse / 1024).toFixed(1)} KB, ${smaller.toFixed(1)}× smaller (target ≥ 4×)`,
    `  ${slower <= 1.2 ? 'met   ' : 'MISSED'} ${key} compressed p99 ${formatMs(compressed.p99Ms)} against ${formatMs(plain.p99Ms)} uncompressed: ${slower.toFixed(2)}× (target ≤ 1.2×); req/s ${compressed.requestsPerSecond.toFixed(1)} against ${plain.requestsPerSecond.toFixed(1)}`,
  ];
}
