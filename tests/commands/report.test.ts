import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCentrality } from '../../src/analysis/centrality.ts';
import { syntheticNetwork } from '../helpers/networks.ts';
import { main } from '../../src/cli.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

async function report(...args: string[]) {
  const io = captureIO();
  const code = await main(['report', ...args], io);
  return { code, ...io };
}

describe('report', () => {
  it('prints an aligned table by default', async () => {
    const { code, stdout } = await report('--metric', 'betweenness', '--top', '3');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'rank  author            id              betweenness',
      '   1  David Duvenaud    david-duvenaud     0.830665',
      '   2  Jacob Kelly       jacob-kelly      0.00985222',
      '   2  Ricky T. Q. Chen  ricky-t-q-chen   0.00985222',
      '',
    ]);
  });

  it('writes CSV with full-precision NetworkX scores', async () => {
    const { stdout } = await report('--metric', 'PAGERANK', '--format', 'csv', '--top', '30');
    const [header, ...rows] = stdout.trim().split('\n');
    expect(header).toBe('rank,id,name,pagerank');
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      const [, , name, score] = row.split(',');
      // NetworkX's PageRank run to convergence (metricsTight): full precision, to 1e-10 relative.
      const want = (seedExpected.metricsTight.pagerank as Record<string, number>)[name!]!;
      expect(Math.abs(Number(score) - want)).toBeLessThanOrEqual(1e-10 * want);
    }
  });

  it('writes JSON and Markdown', async () => {
    const json = JSON.parse((await report('--metric', 'weighted-degree', '--format', 'json', '--top', '2')).stdout);
    expect(json).toEqual({
      metric: 'weightedDegree',
      authors: [
        { rank: 1, id: 'david-duvenaud', name: 'David Duvenaud', score: 37 },
        { rank: 2, id: 'charlie-nash', name: 'Charlie Nash', score: 8 }, // tied with others at 8: first by id
      ],
    });
    const markdown = (await report('--metric', 'degree', '--format', 'markdown', '--top', '1')).stdout;
    expect(markdown).toBe(
      '| rank | author | id | degree |\n| ---: | --- | --- | ---: |\n| 1 | David Duvenaud | david-duvenaud | 1.00000 |\n',
    );
  });

  it('rejects an unknown metric or format with exit code 2 and the usage', async () => {
    const metric = await report('--metric', 'fame');
    expect(metric.code).toBe(2);
    expect(metric.stderr).toContain('unknown metric "fame"');
    expect((await report('--metric', 'degree', '--format', 'xml')).code).toBe(2);
    expect((await report()).stderr).toContain('--metric is required');
  });

  it('refuses to report on data with unreadable records', async () => {
    const files = tempFiles({ 'bad.jsonl': '{"title": "x"}\n' });
    const result = await report('--metric', 'degree', '--data', files['bad.jsonl']!);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${files['bad.jsonl']}:1: error`);
  });
});

describe('report on a network too large for an exact pass at load', () => {
  it('waits for the exact values (saying so), prints them, and reads them from the cache the next time', async () => {
    const network = syntheticNetwork(31, 6000, { newAuthorShare: 0.4 });
    const lines = [...network.papers.values()].map((paper) =>
      JSON.stringify({
        id: paper.id,
        title: paper.title,
        authors: paper.authorIds.map((id) => network.authors.get(id)?.name),
      }),
    );
    const files = tempFiles({ 'papers.jsonl': `${lines.join('\n')}\n` });
    const cache = join(dirname(files['papers.jsonl']!), 'cache');
    const args = [
      'report',
      '--metric',
      'betweenness',
      '--top',
      '3',
      '--output-format',
      'csv',
      '--data',
      files['papers.jsonl']!,
      '--cache-dir',
      cache,
      '--threads',
      '1',
    ];
    const first = captureIO();
    expect(await main(args, first)).toBe(0);
    expect(first.stderr).toContain('computing exact betweenness, closeness and harmonic');
    const exact = computeCentrality(network).ranking('betweenness').slice(0, 3);
    const rows = first.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(','));
    expect(rows.map(([rank, id]) => [Number(rank), id])).toEqual(exact.map((entry) => [entry.rank, entry.authorId]));
    rows.forEach(([, , , score], i) => expect(Number(score)).toBeCloseTo(exact[i]?.score as number, 12));
    const second = captureIO();
    expect(await main(args, second)).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
  }, 120_000);
});
