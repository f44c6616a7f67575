import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { windowNetwork } from '../../src/graph/year-window.ts';
import { inThreadWork, workerThreadWork } from '../../src/work/request-work.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';
import { expectYearWindowStats } from '../helpers/reference.ts';
import { yearWindowExpected } from '../reference/year-window-expected.ts';
import { parse } from 'graphql';
import { schema } from '../../src/api/schema.ts';
import { WINDOW_COST } from '../../src/api/complexity.ts';
import { queryCost } from '../../src/http/query-cost.ts';
import { loadAcl2016And2017Network } from '../helpers/acl-slice.ts';

/**
 * `years: YearRange` through the API, on the ACL 2016 slice followed by the ACL 2017 main venues,
 * against tests/reference/year_window_reference.py (NetworkX on the 2017 papers alone, no project code).
 */
const data = analyzeNetwork(loadAcl2016And2017Network(), { threads: 1 });
const app = bundledApp({ data });
afterAll(() => data.dispose());

const expected = yearWindowExpected;
const from2017 = { from: 2017 };

function expectClose(actual: number, wanted: number, label: string): void {
  expect(Math.abs(actual - wanted), `${label}: ${actual} vs ${wanted}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(wanted)),
  );
}

describe('years: {from: 2017}', () => {
  it('graphStats gives the figures of the 2017 papers alone', async () => {
    const { window, whole } = await query(
      app,
      `query ($years: YearRange) {
        window: graphStats(years: $years) { paperCount authorCount collaborationCount componentCount largestComponentSize degeneracy density transitivity averageClustering figuresExact }
        whole: graphStats { authorCount }
      }`,
      { years: from2017 },
    );
    expectYearWindowStats((key) => window[key], 1e-9);
    expect(window.figuresExact).toBe(true);
    expect(whole.authorCount).toBe(expected.wholeAuthorCount);
  });

  it('centralityRanking ranks the window: PageRank, degree and (exact, a small window) betweenness as NetworkX', async () => {
    const result = await query(
      app,
      `query ($years: YearRange) {
        pagerank: centralityRanking(metric: PAGERANK, years: $years) { nodes { score exact author { id } } }
        degree: centralityRanking(metric: DEGREE, years: $years) { nodes { score author { id } } }
        betweenness: centralityRanking(metric: BETWEENNESS, years: $years) { nodes { score exact sampleSize author { id } } }
      }`,
      { years: from2017 },
    );
    for (const metric of ['pagerank', 'degree', 'betweenness'] as const) {
      const want = expected[metric] as readonly (readonly [string, number])[];
      const got = (result[metric] as { nodes: { score: number; author: { id: string } }[] }).nodes;
      got.forEach((entry, i) => {
        expectClose(entry.score, want[i]?.[1] as number, `${metric} #${i + 1}`);
      });
      // Ties in score aside, the same authors in the same order.
      expect(new Set(got.map((e) => e.author.id))).toEqual(new Set(want.map(([id]) => id)));
    }
    expect(result.betweenness.nodes[0]).toMatchObject({
      exact: true,
      sampleSize: null,
      author: { id: 'graham-neubig' },
    });
  });

  it('Author.centrality and coauthors read the window; an author without a paper there is BAD_USER_INPUT', async () => {
    const id = expected.pagerank[0][0];
    const { author } = await query(
      app,
      `query ($id: ID!, $years: YearRange) { author(id: $id) {
        window: centrality(years: $years) { pagerank degree }
        whole: centrality { pagerank }
        coauthors(years: $years, first: 100) { totalCount edges { jointPaperCount jointPapers { year } } }
        all: coauthors(first: 100) { totalCount }
      } }`,
      { id, years: from2017 },
    );
    expectClose(author.window.pagerank, expected.pagerank[0][1], 'pagerank');
    expect(author.whole.pagerank).not.toBeCloseTo(author.window.pagerank, 6);
    for (const edge of author.coauthors.edges) {
      expect(edge.jointPapers).toHaveLength(edge.jointPaperCount);
      for (const paper of edge.jointPapers) expect(paper.year).toBe(2017);
    }
    expect(author.coauthors.totalCount).toBeLessThan(author.all.totalCount);
    // An author of 2016 papers only.
    const window2017 = windowNetwork(data.network, { from: 2017, to: null });
    const absent = data.network.authorIds.find((id) => !window2017.authorIndex.has(id)) as string;
    const errors = await failure(app, `{ author(id: "${absent}") { centrality(years: {from: 2017}) { pagerank } } }`);
    expect(errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'years' });
  });

  it('paths and distances cross only ties of the window, and cite only its papers', async () => {
    const [pair, length] = Object.entries(expected.paths).find(([, l]) => l !== null) as [string, number];
    const [from, to] = pair.split('|') as [string, string];
    const result = await query(
      app,
      `query ($from: ID!, $to: ID!, $years: YearRange) {
        collaborationPath(from: $from, to: $to, years: $years) { length steps { papers { year } } }
        collaborationPaths(from: $from, to: $to, years: $years, first: 3) { nodes { length } }
        author(id: $from) { collaborationDistance(to: $to, years: $years) }
        none: collaborationPath(from: "noah-a-smith", to: "dan-klein", years: $years) { length }
        whole: collaborationPath(from: "noah-a-smith", to: "dan-klein") { length }
      }`,
      { from, to, years: from2017 },
    );
    expect(result.collaborationPath.length).toBe(length);
    expect(result.author.collaborationDistance).toBe(length);
    for (const path of result.collaborationPaths.nodes) expect(path.length).toBe(length);
    for (const step of result.collaborationPath.steps) for (const paper of step.papers) expect(paper.year).toBe(2017);
    expect(result.none).toBeNull();
    expect(result.whole).not.toBeNull();
  });
});

describe('years: other windows', () => {
  it('estimates betweenness in a large window from a sample (exact: false, sampleSize)', async () => {
    const { centralityRanking } = await query(
      app,
      `{ centralityRanking(metric: BETWEENNESS, years: {to: 2016}, first: 1) { nodes { exact sampleSize } } }`,
    );
    expect(centralityRanking.nodes[0]).toEqual({ exact: false, sampleSize: 256 });
  });

  it('treats both ends open as the whole network, and refuses from after to', async () => {
    const { open, whole } = await query(
      app,
      `{ open: graphStats(years: {}) { authorCount } whole: graphStats { authorCount } }`,
    );
    expect(open).toEqual(whole);
    const errors = await failure(app, `{ graphStats(years: {from: 2018, to: 2017}) { authorCount } }`);
    expect(errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'years' });
  });

  it('computes a window in a worker thread exactly as in this thread', async () => {
    const text = `{ centralityRanking(metric: PAGERANK, years: {from: 2017}, first: 20) { nodes { score author { id } } } graphStats(years: {from: 2017}) { collaborationCount transitivity } }`;
    const withWorkers = bundledApp({ data, work: (served) => workerThreadWork(served, { threads: 1 }) });
    try {
      expect(await query(withWorkers, text)).toEqual(await query(app, text));
    } finally {
      await withWorkers.dispose();
    }
  });
});

describe('Author.timeline', () => {
  const fields =
    'year paperCount coauthorCount newCoauthors lastJointYearCoauthors cumulativeCoauthorCount degreeRank pagerankRank';

  it.each(Object.keys(expected.timelines))(
    "gives %s's years as the brute-force reference (ranks in the cumulative networks by NetworkX)",
    async (id) => {
      const { author } = await query(app, `query ($id: ID!) { author(id: $id) { timeline { ${fields} } } }`, { id });
      expect(author.timeline).toEqual(expected.timelines[id as keyof typeof expected.timelines]);
    },
  );

  it('starts every count and cumulative network at the window asked for', async () => {
    const { author } = await query(
      app,
      `{ author(id: "graham-neubig") { timeline(years: {from: 2017}) { year coauthorCount newCoauthors cumulativeCoauthorCount lastJointYearCoauthors } } }`,
    );
    // In 2017 alone every co-author of the year is new, and every collaboration ends there.
    const coauthors = expected.timelines['graham-neubig'][1].coauthorCount;
    expect(author.timeline).toEqual([
      {
        year: 2017,
        coauthorCount: coauthors,
        newCoauthors: coauthors,
        cumulativeCoauthorCount: coauthors,
        lastJointYearCoauthors: coauthors,
      },
    ]);
  });

  it('builds no cumulative network unless a rank is asked for, and one per year when one is', async () => {
    const asked: unknown[] = [];
    const counting = bundledApp({
      data,
      work: (served) => {
        const work = inThreadWork(served);
        return {
          ...work,
          cumulativeRanks: (range, signal) => {
            asked.push(range);
            return work.cumulativeRanks(range, signal);
          },
        };
      },
    });
    try {
      const text = (fields: string) => `{ author(id: "noah-a-smith") { timeline { ${fields} } } }`;
      const { author } = await query(counting, text('year paperCount cumulativeCoauthorCount'));
      expect(author.timeline.length).toBeGreaterThan(0);
      expect(asked).toEqual([]);
      const ranked = await query(counting, text('year degreeRank pagerankRank'));
      // Both ranks of a year come from one cumulative network: one request per year.
      expect(asked).toEqual(ranked.author.timeline.map((entry: { year: number }) => ({ from: null, to: entry.year })));
    } finally {
      await counting.dispose();
    }
  });

  it('gives the same ranks from a worker thread', async () => {
    const text = `{ author(id: "noah-a-smith") { timeline { year degreeRank pagerankRank } } }`;
    const withWorkers = bundledApp({ data, work: (served) => workerThreadWork(served, { threads: 1 }) });
    try {
      expect(await query(withWorkers, text)).toEqual(await query(app, text));
    } finally {
      await withWorkers.dispose();
    }
  });
});

describe('the price of a window', () => {
  const cost = (text: string, variables: Record<string, unknown> = {}) =>
    queryCost(schema, parse(text), variables, null, { data }) as number;

  it('prices a timeline per year the data holds in its window, and each rank as a window per year', () => {
    // The slice holds papers of two years, 2016 and 2017 (tests/helpers/acl-slice.ts).
    const timeline = (args: string, fields: string) => cost(`{ author(id: "a") { timeline${args} { ${fields} } } }`);
    const author = 1;
    const walk = 10; // a search's price: the walk over the author's papers
    expect(timeline('', 'year paperCount')).toBe(author + walk + 2 * 2);
    expect(timeline('(years: {from: 2017})', 'year paperCount')).toBe(author + walk + 1 * 2);
    expect(timeline('(years: {to: 2015})', 'year')).toBe(author + walk);
    expect(timeline('', 'year degreeRank')).toBe(author + walk + 2 * (1 + WINDOW_COST));
    expect(timeline('', 'degreeRank pagerankRank')).toBe(author + walk + 2 * 2 * WINDOW_COST);
  });

  it('adds WINDOW_COST to each field that asks for a bounded window, nothing for the whole network', () => {
    for (const field of [
      'graphStats(YEARS) { authorCount }',
      'centralityRanking(metric: DEGREE, first: 1, YEARS) { nodes { rank } }',
      'collaborationPath(from: "a", to: "b", YEARS) { length }',
      'author(id: "a") { centrality(YEARS) { degree } }',
      'author(id: "a") { coauthors(first: 1, YEARS) { totalCount } }',
    ]) {
      const plain = cost(`{ ${field.replace('(YEARS)', '').replace(', YEARS', '')} }`);
      expect(cost(`{ ${field.replace('YEARS', 'years: {from: 2017}')} }`) - plain, field).toBe(WINDOW_COST);
      expect(cost(`{ ${field.replace('YEARS', 'years: {}')} }`), field).toBe(plain);
      expect(
        cost(`query ($y: YearRange) { ${field.replace('YEARS', 'years: $y')} }`, { y: { to: 2016 } }) - plain,
      ).toBe(WINDOW_COST);
    }
  });
});
