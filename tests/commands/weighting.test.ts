import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { captureIO } from '../helpers/files.ts';
import { tieWeightingExpected } from '../reference/tie-weighting-expected.ts';

/**
 * `--weighting` on `report` and `export`, on the bundled seed, against tests/reference/tie_weighting_reference.py
 * (NetworkX's collaboration_weighted_projected_graph for fractional; VOSviewer's formula for association strength).
 */
async function run(...args: string[]) {
  const io = captureIO();
  const code = await main(args, io);
  return { code, ...io };
}

describe('--weighting', () => {
  it('report --weighting fractional ranks by PageRank on fractional tie strengths', async () => {
    const { code, stdout } = await run(
      'report',
      '--metric',
      'pagerank',
      '--weighting',
      'fractional',
      '--format',
      'json',
      '--top',
      '5',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { weighting: string; authors: { id: string; score: number }[] };
    expect(report.weighting).toBe('fractional');
    const expected = tieWeightingExpected.seed.fractional.pagerank as Record<string, number>;
    for (const row of report.authors)
      expect(Math.abs(row.score - (expected[row.id] as number))).toBeLessThanOrEqual(1e-10 * row.score);
    expect(report.authors[0]?.id).toBe('david-duvenaud');
  });

  it('report names the weighting in the heading, and accepts the GraphQL spelling', async () => {
    const { stdout } = await run(
      'report',
      '--metric',
      'weighted-degree',
      '--weighting',
      'ASSOCIATION_STRENGTH',
      '--top',
      '1',
    );
    expect(stdout.split('\n')[0]).toContain("weightedDegree (association strength (VOSviewer's normalisation))");
  });

  it('export --weighting association-strength writes association strengths as edge weights', async () => {
    const { code, stdout } = await run(
      'export',
      '--format',
      'csv',
      '--table',
      'edges',
      '--weighting',
      'association-strength',
    );
    expect(code).toBe(0);
    const reference = new Map(tieWeightingExpected.seed.associationStrength.edges.map(([a, b, w]) => [`${a}|${b}`, w]));
    const [header, ...rows] = stdout.trim().split(/\r?\n/u);
    const columns = (header as string).split(',');
    const at = (name: string) => columns.indexOf(name);
    expect(rows).toHaveLength(reference.size);
    for (const row of rows) {
      const cells = row.split(',');
      const want = reference.get(`${cells[at('Source')]}|${cells[at('Target')]}`) as number;
      expect(Math.abs(Number(cells[at('Weight')]) - want)).toBeLessThanOrEqual(1e-12 * want);
    }
  });

  it('refuses an unknown weighting with the choices', async () => {
    const { code, stderr } = await run('report', '--metric', 'pagerank', '--weighting', 'cosine');
    expect(code).not.toBe(0);
    expect(stderr).toContain('unknown weighting "cosine"; use one of joint-papers, fractional, association-strength');
  });
});
