/**
 * `report --summary` and `report --years`: the network's figures in every output format, equal to
 * NetworkX's on the seed and on the ACL 2016 slice (the same generated literals as the graphStats tests:
 * tests/reference/networkx-expected.ts, tests/fixtures/acl-anthology-2016-networkx.json,
 * tests/reference/year-window-expected.ts), and the window of `--years`.
 */
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { networkSummary, renderSummary } from '../../src/commands/report-summary.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import { acl2016And2017File, aclSliceExpected } from '../helpers/acl-slice.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { expectYearWindowStats } from '../helpers/reference.ts';
import { yearWindowExpected } from '../reference/year-window-expected.ts';

async function report(...args: string[]) {
  const io = captureIO();
  const code = await main(['report', ...args], io);
  return { code, ...io };
}

const combined = acl2016And2017File();

function expectClose(actual: unknown, wanted: number, tolerance: number, label: string): void {
  expect(typeof actual, label).toBe('number');
  expect(Math.abs((actual as number) - wanted), `${label}: ${String(actual)} vs ${wanted}`).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(wanted)),
  );
}

describe('report --summary on the seed', () => {
  it('prints the figures as a Markdown table by default (NetworkX: seedExpected.stats and .structure)', async () => {
    const { code, stdout } = await report('--summary');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        '| Figure | Value |',
        '| --- | ---: |',
        '| Years | all |',
        '| Papers | 10 |',
        '| Authors | 30 |',
        '| Ties (co-author pairs) | 89 |',
        '| Mean degree (co-authors per author) | 5.93333 |',
        '| Density | 0.204598 |',
        '| Most joint papers of one pair | 3 |',
        '| Single-author papers | 0 |',
        '| Authors without co-authors | 0 |',
        '| Components | 1 |',
        '| Largest component (authors) | 30 |',
        "| Largest component's share of authors | 1 |",
        '| Average shortest path length (largest component) | 1.79540 |',
        '| Diameter (largest component) | 2 |',
        '| Degeneracy (largest k-core) | 8 |',
        '| Transitivity (global clustering) | 0.529639 |',
        '| Average clustering | 0.931117 |',
        '| Degree assortativity | -0.241624 |',
        '| Author limit per paper | none |',
        '| Papers over the author limit (no ties) | 0 |',
        '',
      ].join('\n'),
    );
  });

  it('writes JSON with the graphStats names at full precision', async () => {
    const { code, stdout } = await report('--summary', '--format', 'json');
    expect(code).toBe(0);
    const figures = JSON.parse(stdout) as Record<string, unknown>;
    expect(figures).toMatchObject({
      years: { from: null, to: null },
      paperCount: 10,
      authorCount: 30,
      collaborationCount: 89,
      componentCount: 1,
      largestComponentSize: 30,
      isolatedAuthorCount: 0,
      singleAuthorPaperCount: 0,
      maxJointPapers: 3,
      maxAuthorsPerPaper: null,
      papersOverAuthorLimit: 0,
      degeneracy: seedExpected.structure.degeneracy,
      diameter: seedExpected.structure.diameter,
      figuresExact: true,
    });
    for (const key of ['density', 'averageDegree'] as const)
      expectClose(figures[key], seedExpected.stats[key], 1e-12, key);
    for (const key of [
      'transitivity',
      'averageClustering',
      'degreeAssortativity',
      'largestComponentShare',
      'averageShortestPathLength',
    ] as const)
      expectClose(figures[key], seedExpected.structure[key], 1e-12, key);
  });

  it('writes CSV (figure, description, value, exact) and an aligned table', async () => {
    const csv = (await report('--summary', '--format', 'csv')).stdout.trim().split('\n');
    expect(csv[0]).toBe('figure,description,value,exact');
    expect(csv).toContain('authorCount,Authors,30,true');
    expect(csv).toContain('maxAuthorsPerPaper,Author limit per paper,,true');
    expect(csv).toContain(
      `averageShortestPathLength,Average shortest path length (largest component),${seedExpected.structure.averageShortestPathLength},true`,
    );
    const assortativity = csv.find((row) => row.startsWith('degreeAssortativity,'))!.split(',');
    expect(assortativity[3]).toBe('true');
    expectClose(Number(assortativity[2]), seedExpected.structure.degreeAssortativity, 1e-12, 'degreeAssortativity');
    expect(csv).toHaveLength(21);
    const table = (await report('--summary', '--format', 'table')).stdout.split('\n');
    expect(table[0]).toBe('Years                                             all');
    expect(table).toContain('Diameter (largest component)                      2');
  });

  it('marks the path figures as estimates in every format when the pass was not exact', () => {
    const stats = computeGraphStats(loadSeedNetwork());
    const summary = networkSummary(
      stats,
      { averageShortestPathLength: 1.8, diameter: 2, exact: false },
      {
        from: null,
        to: null,
      },
    );
    const markdown = renderSummary(summary, 'markdown');
    expect(markdown).toContain('| Average shortest path length (largest component) | 1.80000 (estimate) |');
    // A sampled diameter is the largest eccentricity seen: a lower bound.
    expect(markdown).toContain('| Diameter (largest component) | ≥ 2 (estimate) |');
    expect(markdown).toContain('| Authors | 30 |');
    const csv = renderSummary(summary, 'csv');
    expect(csv).toContain('averageShortestPathLength,Average shortest path length (largest component),1.8,false');
    expect(csv).toContain('diameter,Diameter (largest component),2,false');
    expect(csv).toContain('authorCount,Authors,30,true');
    expect(JSON.parse(renderSummary(summary, 'json'))).toMatchObject({ diameter: 2, figuresExact: false });
    expect(renderSummary(summary, 'table')).toContain('≥ 2 (estimate)');
  });
});

describe('report --years', () => {
  it('--years -2016 of ACL 2016 + 2017 is the ACL 2016 slice: every figure equals NetworkX on it', async () => {
    const { code, stdout, stderr } = await report(
      '--summary',
      '--format',
      'json',
      '--years',
      '-2016',
      '--data',
      combined,
      '--no-cache',
    );
    expect(stderr).toContain('computing exact betweenness, closeness and harmonic in worker threads\n');
    expect(code).toBe(0);
    const figures = JSON.parse(stdout) as Record<string, unknown>;
    const { stats, structure } = aclSliceExpected();
    expect(figures).toMatchObject({
      years: { from: null, to: 2016 },
      paperCount: stats.papers,
      authorCount: stats.authors,
      collaborationCount: stats.collaborations,
      componentCount: stats.components,
      largestComponentSize: stats.largestComponent,
      degeneracy: structure.degeneracy,
      diameter: structure.diameter,
      figuresExact: true,
    });
    for (const key of ['transitivity', 'averageClustering', 'degreeAssortativity', 'largestComponentShare'] as const)
      expectClose(figures[key], structure[key] as number, 1e-12, key);
    // From the exact all-pairs pass: to 1e-9, as the issue asks.
    expectClose(
      figures.averageShortestPathLength,
      structure.averageShortestPathLength,
      1e-9,
      'averageShortestPathLength',
    );
  }, 180_000);

  it('--years 2017- (CSV) gives the figures of the 2017 papers alone, and the ranking of that window', async () => {
    const { code, stdout } = await report(
      '--summary',
      '--format',
      'csv',
      '--years',
      '2017-',
      '--data',
      combined,
      '--no-cache',
    );
    expect(code).toBe(0);
    const rows = new Map(
      stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => {
          const [key, , value] = line.split(',');
          return [key, value] as const;
        }),
    );
    // year-window-expected.ts: NetworkX on the graph of the 2017 papers (tests/reference/year_window_reference.py).
    expect(rows.get('years')).toBe('2017-');
    expectYearWindowStats((key) => Number(rows.get(key)), 1e-12);

    const ranking = await report(
      '--metric',
      'degree',
      '--format',
      'json',
      '--years',
      '2017-',
      '--data',
      combined,
      '--no-cache',
    );
    expect(ranking.code).toBe(0);
    const authors = (JSON.parse(ranking.stdout) as { authors: { id: string; score: number }[] }).authors;
    expect(authors.map((author) => author.id)).toEqual(yearWindowExpected.degree.map(([id]) => id));
    authors.forEach((author, i) => expectClose(author.score, yearWindowExpected.degree[i]![1], 1e-12, author.id));
  }, 180_000);

  it('refuses a malformed or reversed window with exit code 2 and says how to write one', async () => {
    for (const years of ['2016-2019-2020', 'abc', '16-19', '2016..2019', '']) {
      const result = await report('--summary', '--years', years);
      expect(result.code, years).toBe(2);
      expect(result.stderr, years).toContain(`--years: "${years}" is not a window of years: write FROM-TO`);
    }
    const reversed = await report('--summary', '--years', '2019-2016');
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain(`--years: the window's "from" (2019) is after its "to" (2016)`);
  });

  it('refuses a window with no paper (exit code 1), naming the years the data spans', async () => {
    const files = tempFiles({
      'papers.jsonl': [
        { title: 'One', authors: ['Ann Lee', 'Bo Chen'], year: 2001 },
        { title: 'Two', authors: ['Ann Lee', 'Cy Diaz'], year: 2004 },
      ]
        .map((paper) => JSON.stringify(paper))
        .join('\n'),
    });
    const result = await report('--summary', '--years', '2010-', '--data', files['papers.jsonl']!, '--no-cache');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("report: no paper falls in the years 2010- (the data's papers span 2001-2004)\n");
    // The seed has no years at all: every bounded window is empty.
    const seed = await report('--summary', '--years', '2019');
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain('no paper of the data has a year');
  });

  it('refuses options that do not go together', async () => {
    const both = await report('--summary', '--metric', 'degree');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('report takes one of --metric NAME, --summary and --html FILE');
    const weighting = await report('--summary', '--weighting', 'fractional');
    expect(weighting.code).toBe(2);
    expect(weighting.stderr).toContain('--weighting does not apply to --summary');
    expect((await report('--summary', '--top', '3')).stderr).toContain('--top does not apply to --summary');
  });
});

describe('report --summary from a snapshot and from the shared store', () => {
  const papers = tempFiles({
    'papers.jsonl': [
      { id: 'p1', title: 'One', authors: ['Ann Lee', 'Bo Chen', 'Cy Diaz'], year: 2019 },
      { id: 'p2', title: 'Two', authors: ['Ann Lee', 'Di Eng'], year: 2020 },
      { id: 'p3', title: 'Three', authors: ['Di Eng', 'Ed Fox'], year: 2021 },
    ]
      .map((paper) => JSON.stringify(paper))
      .join('\n'),
  })['papers.jsonl']!;
  // Ann–Bo–Cy a triangle (2019), Ann–Di (2020), Di–Ed (2021): 5 authors, 5 ties; the window 2020- is the path Ann–Di–Ed.
  const windowFigures = {
    years: { from: 2020, to: null },
    paperCount: 2,
    authorCount: 3,
    collaborationCount: 2,
    componentCount: 1,
    diameter: 2,
    degeneracy: 1,
    transitivity: 0,
    figuresExact: true,
  };

  it('reads a snapshot made by build, and takes --years on it', async () => {
    const snapshot = join(dirname(papers), 'papers.cgsnap');
    expect(await main(['build', '--data', papers, '--no-cache', '--out', snapshot], captureIO())).toBe(0);
    const whole = await report('--summary', '--format', 'json', '--snapshot', snapshot);
    expect(whole.code).toBe(0);
    expect(JSON.parse(whole.stdout)).toMatchObject({
      paperCount: 3,
      authorCount: 5,
      collaborationCount: 5,
      diameter: 3,
    });
    const window = await report('--summary', '--format', 'json', '--snapshot', snapshot, '--years', '2020-');
    expect(window.code).toBe(0);
    const figures = JSON.parse(window.stdout) as Record<string, number>;
    expect(figures).toMatchObject(windowFigures);
    // NetworkX on the path a–b–c: average_shortest_path_length 4/3 (pairs at 1, 1, 2), density 2/3.
    expectClose(figures.averageShortestPathLength, 4 / 3, 1e-12, 'averageShortestPathLength');
    expectClose(figures.density, 2 / 3, 1e-12, 'density');
  }, 60_000);

  describe.runIf(postgresAvailable)('with --database', () => {
    let testDatabase: TestDatabase;
    beforeAll(async () => {
      testDatabase = await createTestDatabase('report_summary');
      expect(await main(['db', 'migrate', '--database', testDatabase.url], captureIO())).toBe(0);
      expect(await main(['import', '--database', testDatabase.url, '--data', papers], captureIO())).toBe(0);
    }, 60_000);
    afterAll(async () => {
      await testDatabase?.drop();
    });

    it("summarises a window of the store's current version", async () => {
      const result = await report(
        '--summary',
        '--format',
        'json',
        '--database',
        testDatabase.url,
        '--years',
        '2020-',
        '--no-cache',
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject(windowFigures);
    }, 60_000);
  });
});
