import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOWEST_PRIORITY } from '../../src/analysis/thread-priority.ts';
import { runPeer } from '../../src/bench/python-peer.ts';
import { requirement } from '../helpers/requirements.ts';
import { fileURLToPath } from 'node:url';
import { BenchUsageError, parseBenchOptions } from '../../src/bench/options.ts';
import { largestComponent, randomPairs } from '../../src/bench/random-pairs.ts';
import { type Comparison, formatComparisons, verdict } from '../../src/bench/report.ts';
import {
  formatKilobytes,
  formatRatio,
  formatSeconds,
  formatTable,
  median,
  meetsTarget,
} from '../../src/bench/stats.ts';

describe('bench statistics and formatting', () => {
  it('takes the median of odd and even counts, unsorted input, without changing it', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(/empty/u);
  });

  it('formats ours / theirs as a ratio, and a dash when a side is missing', () => {
    expect(formatRatio(1, 2)).toBe('0.50×');
    expect(formatRatio(3, 1)).toBe('3.00×');
    expect(formatRatio(125, 10)).toBe('12.5×');
    expect(formatRatio(null, 2)).toBe('–');
    expect(formatRatio(1, 0)).toBe('–');
  });

  it('checks a target ratio inclusively', () => {
    expect(meetsTarget(1, 1, 1)).toBe(true);
    expect(meetsTarget(1.01, 1, 1)).toBe(false);
    expect(meetsTarget(3, 2, 2)).toBe(true);
    expect(meetsTarget(1, null, 1)).toBeNull();
  });

  it('formats durations and memory in readable units', () => {
    expect(formatSeconds(0.000_42)).toBe('420 µs');
    expect(formatSeconds(0.0123)).toBe('12.3 ms');
    expect(formatSeconds(1.2345)).toBe('1.23 s');
    expect(formatSeconds(245)).toBe('4 min 05 s');
    expect(formatSeconds(null)).toBe('–');
    expect(formatKilobytes(512_000)).toBe('524 MB');
    expect(formatKilobytes(2_000_000)).toBe('2.05 GB');
  });

  it('pads table columns, text left and figures right', () => {
    expect(
      formatTable(
        ['what', 'time'],
        [
          ['a', '1 s'],
          ['longer', '10 s'],
        ],
      ),
    ).toBe('what    time\n------  ----\na        1 s\nlonger  10 s');
    expect(formatTable(['a', 'b'], [['xx', 'y']], 'rl')).toBe(' a  b\n--  -\nxx  y');
  });
});

describe('random pairs in the largest component', () => {
  // Components {0, 1, 2, 3} (a path) and {4, 5}, and the isolated 6.
  const edges = [
    [0, 1],
    [1, 2],
    [2, 3],
    [4, 5],
  ] as const;
  const order = 7;
  const lists: number[][] = Array.from({ length: order }, () => []);
  for (const [a, b] of edges) {
    lists[a]?.push(b);
    lists[b]?.push(a);
  }
  const offsets = new Int32Array(order + 1);
  lists.forEach((list, i) => {
    offsets[i + 1] = (offsets[i] as number) + list.length;
  });
  const graph = { order, offsets, neighbors: Int32Array.from(lists.flat()) };

  it('finds the largest component', () => {
    expect(largestComponent(graph)).toEqual([0, 1, 2, 3]);
  });

  it('draws distinct members, the same for the same seed', () => {
    const pairs = randomPairs([0, 1, 2, 3], 50, 'seed');
    expect(pairs).toHaveLength(50);
    for (const [a, b] of pairs) {
      expect(a).not.toBe(b);
      expect([0, 1, 2, 3]).toContain(a);
      expect([0, 1, 2, 3]).toContain(b);
    }
    expect(randomPairs([0, 1, 2, 3], 50, 'seed')).toEqual(pairs);
    expect(randomPairs([0, 1, 2, 3], 50, 'other')).not.toEqual(pairs);
  });
});

describe('bench options', () => {
  it('defaults to the full run on the shared ACL file, with 50 authors per paper for every tool', () => {
    const options = parseBenchOptions([], '/elsewhere');
    expect(options).toMatchObject({
      data: fileURLToPath(new URL('../../../shared/datasets/acl-anthology-2025-11.jsonl', import.meta.url)),
      repeat: 3,
      maxAuthorsPerPaper: 50,
      sliceYears: [2016, 2019],
      pairs: 200,
      fullExact: true,
      syntheticSizes: [10_000, 100_000, 1_000_000],
      quick: false,
    });
  });

  it('makes --quick short, while an explicit --full-exact still wins', () => {
    expect(parseBenchOptions(['--quick'], '/repo')).toMatchObject({
      repeat: 1,
      fullExact: false,
      sliceYears: [2016, 2017],
      syntheticSizes: [10_000, 100_000],
    });
    expect(parseBenchOptions(['--quick', '--full-exact'], '/repo')).toMatchObject({ fullExact: true });
    expect(parseBenchOptions(['--no-full-exact'], '/repo')).toMatchObject({ fullExact: false });
  });

  it('reads every option and refuses nonsense with a clear message', () => {
    expect(
      parseBenchOptions(
        ['--data', 'x.jsonl', '--repeat', '5', '--slice-years', '2018', '--synthetic', '500,2000'],
        '/repo',
      ),
    ).toMatchObject({ data: '/repo/x.jsonl', repeat: 5, sliceYears: [2018, 2018], syntheticSizes: [500, 2000] });
    expect(parseBenchOptions(['--help'])).toBe('help');
    expect(parseBenchOptions(['--only', 'a, c'])).toMatchObject({ sections: new Set(['a', 'c']) });
    expect(parseBenchOptions([])).toMatchObject({
      sections: new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm']),
      searchAuthors: 1_000_000,
    });
    expect(parseBenchOptions(['--only', 'g', '--search-authors', '5000'])).toMatchObject({
      sections: new Set(['g']),
      searchAuthors: 5000,
    });
    expect(() => parseBenchOptions(['--only', 'a,z'])).toThrow(/sections of a, b, c, d, e, f, g, h, i/u);
    // The DBLP-scale section runs only when asked for, at 7.5 M papers unless sizes are given.
    expect(parseBenchOptions([])).toMatchObject({ dblpSizes: [7_500_000] });
    expect([...(parseBenchOptions([]) as { sections: ReadonlySet<string> }).sections]).not.toContain('dblp');
    expect(parseBenchOptions(['--only', 'dblp', '--dblp-papers', '1000000,3000000'])).toMatchObject({
      sections: new Set(['dblp']),
      dblpSizes: [1_000_000, 3_000_000],
    });
    expect(() => parseBenchOptions(['--dblp-papers', '0'])).toThrow(/--dblp-papers/u);
    expect(() => parseBenchOptions(['--repeat', '0'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--slice-years', '2019-2016'])).toThrow(/before/u);
    expect(() => parseBenchOptions(['--full-exact', '--no-full-exact'])).toThrow(/contradict/u);
    expect(() => parseBenchOptions(['--bogus'])).toThrow();
  });
});

describe('bench report rows', () => {
  const row = (fields: Partial<Comparison>): Comparison => ({
    what: 'x',
    unit: 'seconds',
    ours: 1,
    peer: 'peer',
    theirs: 2,
    target: 1,
    ...fields,
  });

  it('judges a ratio against its target, and a figure alone against its limit', () => {
    expect(verdict(row({ ours: 1, theirs: 2, target: 1 }))).toBe('met');
    expect(verdict(row({ ours: 3, theirs: 2, target: 1 }))).toBe('MISSED');
    expect(verdict(row({ ours: 3, theirs: 2, target: 2 }))).toBe('met');
    expect(verdict(row({ peer: null, theirs: null, ours: 600, target: 900 }))).toBe('met');
    expect(verdict(row({ peer: null, theirs: null, ours: 1000, target: 900 }))).toBe('MISSED');
    expect(verdict(row({ theirs: null }))).toBe('');
    expect(verdict(row({ target: null }))).toBe('');
  });

  it("judges a yes/no target (the PageRank top 10 in igraph's order) by its outcome, blank when not measured", () => {
    expect(verdict(row({ ours: null, theirs: null, target: null, met: true }))).toBe('met');
    expect(verdict(row({ ours: null, theirs: null, target: null, met: false }))).toBe('MISSED');
    expect(verdict(row({ ours: null, theirs: null, target: null, met: null }))).toBe('');
  });

  it('prints a target with its own decimals (1.15× is not 1.1×)', () => {
    expect(formatComparisons([row({ target: 1.15 })])).toContain('≤ 1.15×');
    expect(formatComparisons([row({ target: 0.1 })])).toContain('≤ 0.1×');
    expect(formatComparisons([row({ target: 1 })])).toContain('≤ 1.0×');
  });

  it('prints medians, the ratio and the target side by side', () => {
    const text = formatComparisons([
      row({ what: 'path', ours: 0.0002, theirs: 0.0004, peer: 'NetworkX', target: 1 }),
      row({
        what: 'memory',
        unit: 'kilobytes',
        ours: 300_000,
        theirs: 100_000,
        peer: 'NetworkX',
        target: 1.5,
        note: 'at ready',
      }),
      row({ what: 'full pass', ours: 600, peer: null, theirs: null, target: 900 }),
    ]);
    const [header, , path, memory, full] = text.split('\n');
    expect(header).toMatch(/^measure\s+ours\s+peer\s+theirs\s+ours\/theirs\s+target\s+verdict\s+note$/u);
    expect(path).toMatch(/^path\s+200 µs\s+NetworkX\s+400 µs\s+0\.50×\s+≤ 1\.0×\s+met$/u);
    expect(memory).toMatch(/^memory\s+307 MB\s+NetworkX\s+102 MB\s+3\.00×\s+≤ 1\.5×\s+MISSED\s+at ready$/u);
    expect(full).toMatch(/^full pass\s+10 min 00 s\s+< 15 min 00 s\s+met$/u);
  });
});

describe.runIf(requirement('/usr/bin/python3', existsSync('/usr/bin/python3'), 'install python3'))('the peers', () => {
  it('run at the priority our pass threads run at when asked (nice 19), else at ours', async () => {
    const niced = await runPeer<{ nice: number }>('/usr/bin/python3', ['probe'], { nice: LOWEST_PRIORITY });
    expect(niced.result.nice).toBe(LOWEST_PRIORITY);
    const plain = await runPeer<{ nice: number }>('/usr/bin/python3', ['probe']);
    expect(plain.result.nice).toBeLessThan(LOWEST_PRIORITY);
  }, 60_000);
});
