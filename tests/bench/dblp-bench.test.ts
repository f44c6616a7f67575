import { describe, expect, it } from 'vitest';
import { DBLP_TARGETS, type DblpRun, availableKb, dblpRows, extrapolate } from '../../src/bench/dblp-bench.ts';
import { verdict } from '../../src/bench/report.ts';

const run = (papers: number, scale: number): DblpRun => ({
  papers,
  authors: Math.round(papers * 0.49),
  authorships: papers * 4,
  buildSeconds: 40 * scale,
  buildPeakKb: 1_000_000 * scale,
  readySeconds: 2 * scale,
  residentKb: 500_000 * scale,
  estimatesServed: true,
  firstRankingSeconds: 0.05,
});

describe('the DBLP-scale bench section', () => {
  it('reads MemAvailable from /proc/meminfo', () => {
    const meminfo =
      'MemTotal:       24676544 kB\nMemFree:        13525468 kB\nMemAvailable:   19920548 kB\nBuffers: 1 kB\n';
    expect(availableKb(meminfo)).toBe(19_920_548);
    expect(availableKb('MemTotal: 1 kB\n')).toBeNull();
  });

  it('extrapolates linearly from the two largest sizes, only when they fall short of the target size', () => {
    expect(
      extrapolate(
        [
          [1_000_000, 40],
          [3_000_000, 100],
        ],
        7_500_000,
      ),
    ).toBeCloseTo(235, 9); // 100 + 30e-6 × 4.5e6
    expect(
      extrapolate(
        [
          [3_000_000, 100],
          [500_000, 30],
          [1_000_000, 40],
        ],
        7_500_000,
      ),
    ).toBeCloseTo(235, 9);
    expect(extrapolate([[1_000_000, 40]], 7_500_000)).toBeNull();
    expect(
      extrapolate(
        [
          [1_000_000, 40],
          [7_500_000, 300],
        ],
        7_500_000,
      ),
    ).toBeNull();
  });

  it('judges the targets at DBLP size only; smaller runs are shown, then extrapolated without a verdict', () => {
    const small = dblpRows([run(1_000_000, 1), run(3_000_000, 3)]);
    expect(small.filter((row) => row.target !== null)).toEqual([]);
    const extrapolated = small.filter((row) => row.what.includes('(extrapolated)'));
    expect(extrapolated.map((row) => row.what)).toEqual([
      'build, 7,500,000 papers (extrapolated)',
      'build peak memory, 7,500,000 papers (extrapolated)',
      'start to ready serving the snapshot, 7,500,000 papers (extrapolated)',
      'resident memory at ready, 7,500,000 papers (extrapolated)',
    ]);
    // 40 s per million papers: 300 s at 7.5 M, under 6 min; 1 GB per million: 7.5 GB, under 12 GB.
    expect(extrapolated[0]?.ours).toBeCloseTo(300, 9);
    expect(extrapolated[0]?.note).toMatch(/would be met/u);
    expect(extrapolated[3]?.ours).toBeCloseTo(3_750_000, 6);
    // The estimates row is a yes/no verdict at any size.
    expect(small.filter((row) => verdict(row) === 'met')).toHaveLength(2);

    const full = dblpRows([{ ...run(7_500_000, 7.5), buildSeconds: 400 }]);
    expect(full.map(verdict)).toEqual(['MISSED', 'met', 'met', 'met', 'met']);
    expect(full[0]?.target).toBe(DBLP_TARGETS.buildSeconds);
    expect(full.some((row) => row.what.includes('extrapolated'))).toBe(false);
  });
});
