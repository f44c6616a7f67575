import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { windowNetwork } from '../../src/graph/year-window.ts';
import { workerThreadWork } from '../../src/work/request-work.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';
import { windowsExpected } from '../reference/windows-expected.ts';
import { yearWindowExpected } from '../reference/year-window-expected.ts';
import { loadAcl2016And2017Network } from '../helpers/acl-slice.ts';

/**
 * `collaborationNetwork(years:)` and `networkExport(years:)` on the ACL 2016 slice followed by the
 * ACL 2017 main venues, window {from: 2017}, against tests/reference/windows_reference.py (NetworkX's
 * ego_graph and edge weights on the graph of the 2017 papers alone, no project code).
 */
const data = analyzeNetwork(loadAcl2016And2017Network(), { threads: 1 });
const app = bundledApp({ data });
const withWorkers = bundledApp({ data, work: (served) => workerThreadWork(served, { threads: 1 }) });
afterAll(async () => {
  await withWorkers.dispose();
  data.dispose();
});

const expected = windowsExpected.window2017;
const years = { from: 2017 };
const networkQuery = `query ($center: ID!, $years: YearRange) {
  window: collaborationNetwork(center: $center, depth: 1, maxNodes: 1000, years: $years) {
    nodes { author { id } distance } edges { source target jointPaperCount } truncated
  }
  whole: collaborationNetwork(center: $center, depth: 1, maxNodes: 1000) { nodes { author { id } } }
}`;

/** RFC 4180 rows (quoted fields may hold commas and doubled quotes) as objects by header. */
function csvRows(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  for (const line of text.trim().split('\r\n')) {
    const fields = [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/gu)].map(([, field]) =>
      (field as string).startsWith('"') ? (field as string).slice(1, -1).replaceAll('""', '"') : (field as string),
    );
    rows.push(fields);
  }
  const [names, ...lines] = rows as [string[], ...string[][]];
  return lines.map((fields) => Object.fromEntries(fields.map((value, i) => [names[i], value])));
}

describe.each([
  ['in this thread', app],
  ['in a worker thread', withWorkers],
])('collaborationNetwork(years: {from: 2017}) %s', (_label, served) => {
  it("draws the window's network: NetworkX's ego graph of the 2017 papers, weights counting them", async () => {
    const { window, whole } = await query(served, networkQuery, { center: expected.center, years });
    expect(window.truncated).toBe(false);
    expect(window.nodes.map((node: { author: { id: string } }) => node.author.id).sort()).toEqual(expected.egoNodes);
    const edges = window.edges.map((edge: { source: string; target: string; jointPaperCount: number }) =>
      [edge.source, edge.target].sort().concat([edge.jointPaperCount] as never),
    );
    expect(edges.sort()).toEqual([...expected.egoEdges].map((edge) => [...edge]).sort());
    // The whole network's drawing has co-authors of 2016 too.
    expect(whole.nodes.length).toBeGreaterThan(window.nodes.length);
  });
});

describe('networkExport(years: {from: 2017})', () => {
  it("exports the window's authors and ties with the 2017 joint papers as weights, as NetworkX builds it", async () => {
    const exported = async (format: string) =>
      (
        await query(
          withWorkers,
          `query ($years: YearRange) { networkExport(format: ${format}, years: $years) { content } }`,
          { years },
        )
      ).networkExport;
    const [edges, nodes] = [await exported('EDGES_CSV'), await exported('NODES_CSV')];
    const edgeRows = csvRows(edges.content);
    expect(edgeRows).toHaveLength(expected.edgeCount);
    expect(edgeRows.reduce((sum, row) => sum + Number(row.Weight), 0)).toBe(expected.totalWeight);
    const nodeRows = csvRows(nodes.content);
    expect(nodeRows).toHaveLength(expected.nodeCount);
    // The authors' metrics are the window's: PageRank of the top author as NetworkX on the 2017 graph.
    const [topId, topPagerank] = yearWindowExpected.pagerank[0];
    const top = nodeRows.find((row) => row.Id === topId) as Record<string, string>;
    const column = Object.keys(top).find((name) => name.toLowerCase() === 'pagerank') as string;
    expect(Math.abs(Number(top[column]) - topPagerank)).toBeLessThan(1e-9);
  });

  it('exports the drawn window network around a center with the same ties', async () => {
    const { networkExport } = await query(
      app,
      `query ($center: ID!, $years: YearRange) {
        networkExport(format: EDGES_CSV, center: $center, maxNodes: 1000, years: $years) { content }
      }`,
      { center: expected.center, years },
    );
    const rows = csvRows(networkExport.content);
    expect(rows.map((row) => [row.Source, row.Target].sort().concat([Number(row.Weight)] as never)).sort()).toEqual(
      [...expected.egoEdges].map((edge) => [...edge]).sort(),
    );
  });

  it('refuses a center with no paper in the window (BAD_USER_INPUT on years)', async () => {
    const window2017 = windowNetwork(data.network, { from: 2017, to: null });
    const absent = data.network.authorIds.find((id) => !window2017.authorIndex.has(id)) as string;
    for (const text of [
      `{ collaborationNetwork(center: "${absent}", years: {from: 2017}) { truncated } }`,
      `{ networkExport(format: GEXF, center: "${absent}", years: {from: 2017}) { fileName } }`,
    ]) {
      const errors = await failure(app, text);
      expect(errors[0], text).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'years' });
    }
  });
});
