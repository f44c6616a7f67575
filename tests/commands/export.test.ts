import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

async function run(...args: string[]) {
  const io = captureIO();
  const code = await main(['export', ...args], io);
  return { code, ...io };
}

describe('export', () => {
  it('writes the whole bundled network as GEXF to standard output', async () => {
    const { code, stdout } = await run('--format', 'gexf');
    expect(code).toBe(0);
    const graph = parseGexf(UndirectedGraph, stdout);
    expect([graph.order, graph.size]).toEqual([30, 89]);
    expect(graph.getEdgeAttribute('david-duvenaud', 'ricky-t-q-chen', 'weight')).toBe(3); // Chen and Duvenaud share 3 of the 10 bundled papers
  });

  it('writes the network around --center (by id or name) to --out, as GraphML', async () => {
    const out = join(dirname(tempFiles({ 'x.txt': '' })['x.txt']!), 'vicol.graphml');
    const { code, stdout, stderr } = await run(
      '--format',
      'graphml',
      '--center',
      'Paul Vicol',
      '--depth',
      '1',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote ${out}`);
    const graph = parseGraphml(UndirectedGraph, readFileSync(out, 'utf8'));
    expect(graph.nodes().sort()).toEqual([
      'david-duvenaud',
      'fabian-pedregosa',
      'jonathan-lorraine',
      'matthew-mackay',
      'paul-vicol',
      'roger-grosse',
    ]);
    expect(graph.getNodeAttribute('paul-vicol', 'distance')).toBe(0);
  });

  it('follows --min-joint-papers and says when --max-nodes truncated the network', async () => {
    const { code, stdout, stderr } = await run(
      '--format',
      'vosviewer',
      '--center',
      'david-duvenaud',
      '--max-nodes',
      '5',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).network.items).toHaveLength(5);
    expect(stderr).toContain('truncated at 5 authors');
    const strong = JSON.parse(
      (await run('--format', 'vosviewer', '--center', 'david-duvenaud', '--min-joint-papers', '2')).stdout,
    );
    expect(strong.network.links.every((link: { strength: number }) => link.strength >= 2)).toBe(true);
  });

  it('writes both CSV tables beside --out, or one table with --table', async () => {
    const out = join(dirname(tempFiles({ 'y.txt': '' })['y.txt']!), 'net.csv');
    expect((await run('--format', 'csv', '--out', out)).code).toBe(0);
    const nodes = parseCsv(readFileSync(out.replace(/\.csv$/u, '.nodes.csv'), 'utf8'), { columns: true }) as unknown[];
    const edges = parseCsv(readFileSync(out.replace(/\.csv$/u, '.edges.csv'), 'utf8'), { columns: true }) as unknown[];
    expect([nodes.length, edges.length]).toEqual([30, 89]);
    const { stdout } = await run('--format', 'csv', '--table', 'edges');
    expect(parseCsv(stdout, { columns: true })).toHaveLength(89);
    const both = (await run('--format', 'csv')).stdout.split('\r\n\r\n');
    expect(both).toHaveLength(2);
    expect(both[0]!.startsWith('Id,Label,')).toBe(true);
    expect(both[1]!.startsWith('Source,Target,')).toBe(true);
  });

  it('reads the files given with --data', async () => {
    const files = tempFiles({
      'p.jsonl': '{"title":"T","authors":["A One","B Two"]}\n{"title":"U","authors":["B Two","C Three"]}\n',
    });
    const { code, stdout } = await run('--format', 'csv', '--table', 'nodes', '--data', files['p.jsonl']!);
    expect(code).toBe(0);
    expect((parseCsv(stdout, { columns: true }) as { Label: string }[]).map((row) => row.Label)).toEqual([
      'A One',
      'B Two',
      'C Three',
    ]);
  });

  it('rejects a missing or unknown format, options that need --center, and an unknown author', async () => {
    expect((await run()).code).toBe(2);
    const unknown = await run('--format', 'pajek');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown export format "pajek"; use one of gexf, graphml, vosviewer, csv');
    expect((await run('--format', 'gexf', '--depth', '2')).stderr).toContain('--depth only applies with --center');
    expect((await run('--format', 'gexf', '--table', 'nodes')).stderr).toContain(
      '--table only applies to --format csv',
    );
    const nobody = await run('--format', 'gexf', '--center', 'nobody-at-all');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no author has the id or name "nobody-at-all"');
  });

  it('refuses data with unreadable records', async () => {
    const files = tempFiles({ 'bad.jsonl': '{"title":"T","authors":["A One"]}\n{"title": 5}\n' });
    const { code, stderr } = await run('--format', 'gexf', '--data', files['bad.jsonl']!);
    expect(code).toBe(1);
    expect(stderr).toContain('cannot export');
    expect(stderr).toContain('bad.jsonl:2');
  });
});
