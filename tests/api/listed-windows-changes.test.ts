import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadServableData } from '../../src/commands/load-data.ts';
import { type ReloadOutcome, watchData } from '../../src/commands/watch.ts';
import { serveConfig } from '../../src/config.ts';
import { type CurationSetup, curatorOver, openCuration } from '../../src/curation/setup.ts';
import { expectedById } from '../helpers/acl-slice.ts';
import { query } from '../helpers/app.ts';
import { captureIO } from '../helpers/files.ts';
import { expectWindowValues, windowFromScratch } from './window-from-scratch.ts';

/**
 * `serve --windows` after the network changes (file mode): a listed window's exact betweenness,
 * closeness and harmonic are computed again for each new network. After a curation change the
 * previous version's window values are served meanwhile, carried over by author id and marked
 * `stale`, as the whole network's are; after a reload of changed files (other papers) the window is
 * estimated until its pass is in, as the whole network is. Data: the ACL 2016 slice and the ACL
 * 2017 main venues; the listed window {to: 2016} is the 2016 slice, whose NetworkX values are
 * tests/fixtures/acl-anthology-2016-networkx.json (tests/reference/acl_slice_reference.py).
 */
const fixtures = new URL('../fixtures/', import.meta.url);
const slice2016 = readFileSync(new URL('acl-anthology-2016.jsonl', fixtures), 'utf8');
const main2017 = readFileSync(new URL('acl-2017-main-venues.jsonl', fixtures), 'utf8');
const listed = { from: null, to: 2016 };
const LONG = 600_000;

const windowQuery = `query ($id: ID!) { author(id: $id) {
  centrality(years: {to: 2016}) { exact sampleSize computedAt stale betweenness closeness harmonic } } }`;
const rankingQuery = `{ centralityRanking(metric: BETWEENNESS, years: {to: 2016}, first: 30) {
  nodes { score exact computedAt author { id } } } }`;
type WindowCentrality = {
  exact: boolean;
  sampleSize: number | null;
  computedAt: string;
  stale: boolean;
  betweenness: number;
  closeness: number;
  harmonic: number;
};

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function dataDirectory(content: string): { directory: string; file: string } {
  const directory = mkdtempSync(join(tmpdir(), 'cg-listed-windows-'));
  const file = join(directory, 'papers.jsonl');
  writeFileSync(file, content);
  return { directory, file };
}

describe('serve --windows after the network changes (file mode)', () => {
  it(
    'after a curation merge: the previous window values, stale, then this version’s exact values',
    async () => {
      // The 2016 slice's first 2,000 papers and the 2017 main venues: a window too large to be computed
      // exactly on request (4,723 authors, 11,208 ties), whose passes take seconds, not minutes.
      const { directory, file } = dataDirectory(slice2016.split('\n').slice(0, 2000).join('\n') + '\n' + main2017);
      const config = {
        ...serveConfig(['--data', file, '--windows', '-2016', '--threads', '1', '--no-cache']),
        curationFile: join(directory, 'curation.json'),
        tokenFile: join(directory, 'tokens.json'),
        // Each curated network's whole pass in worker threads (as a large network's): the window's follows it.
        analysisMode: 'background' as const,
      };
      const setup = (await openCuration(config)) as CurationSetup;
      const served = loadServableData({ ...config, decisions: setup.decisions });
      if ('failure' in served) throw new Error(served.failure);
      const curator = curatorOver(setup, served, config);
      cleanups.push(() => curator.current().dispose());
      const app = createApp({
        data: served.data,
        logging: false,
        curation: { curator, tokens: setup.tokens, maxMutationsPerMinute: 60 },
      });
      const windowOf = async (id: string) =>
        (await query(app, windowQuery, { id })).author.centrality as WindowCentrality;

      await served.data.whenExact();
      await expect.poll(() => served.data.exactWindow(listed), { timeout: LONG, interval: 200 }).not.toBeNull();
      // The window's three authors of highest betweenness: the first two merged, the third looks on.
      const top = ((await query(app, rankingQuery)).centralityRanking.nodes as { author: { id: string } }[]).map(
        (node) => node.author.id,
      );
      const [first, second, bystander] = top as [string, string, string];
      const before = await windowOf(first);
      expect(before).toMatchObject({ exact: true, sampleSize: null, stale: false });
      const bystanderBefore = await windowOf(bystander);

      const decision = { kind: 'merge' as const, authorIds: [first, second], name: null };
      const outcome = await curator.mutate(decision, 'test: one person', 'test');
      const merged = outcome.authorIds[0] as string;

      // The previous version's window values, carried over by id, marked stale: the first query waits for
      // the new version's window (built on a pass thread), then gets them.
      expect(await windowOf(bystander)).toEqual({ ...bystanderBefore, stale: true });
      expect(curator.current().exactWindow(listed)?.stale).toBe(true);
      // The window's progress says so too, while the whole network's follows its own pass.
      expect(curator.current().windowProgress(listed)).toMatchObject({ stale: true });

      // Then this version's own pass over the window: not stale, and equal to a computation from scratch.
      await expect.poll(async () => (await windowOf(bystander)).stale, { timeout: LONG, interval: 250 }).toBe(false);
      expect(curator.current().windowProgress(listed)).toMatchObject({ stale: false, phase: 'exact' });
      const expected = windowFromScratch([file], listed, [{ id: 1, action: decision }]);
      for (const id of [merged, bystander]) {
        const now = await windowOf(id);
        expect(now).toMatchObject({ exact: true, sampleSize: null, stale: false });
        expect(Date.parse(now.computedAt)).toBeGreaterThan(Date.parse(before.computedAt));
        expectWindowValues(now, expected.get(id), id);
      }
      // The merged author's betweenness in the window is not the previous version's.
      expect((await windowOf(merged)).betweenness).not.toBeCloseTo(before.betweenness, 6);
      const ranking = (await query(app, rankingQuery)).centralityRanking.nodes as {
        score: number;
        exact: boolean;
        author: { id: string };
      }[];
      for (const node of ranking) {
        expect(node.exact).toBe(true);
        expect(node.score).toBeCloseTo(expected.get(node.author.id)!.betweenness, 12);
      }
    },
    LONG,
  );

  it(
    'after a reload of changed files: estimates, then the new network’s exact values (NetworkX)',
    async () => {
      // First served without the 2016 slice's first 500 papers; the reload brings back the whole slice.
      const lines = slice2016.split('\n');
      const { file } = dataDirectory(lines.slice(500).join('\n') + main2017);
      const config = serveConfig(['--data', file, '--windows', '-2016', '--threads', '1', '--no-cache']);
      const served = loadServableData(config);
      if ('failure' in served) throw new Error(served.failure);
      const reloads: ReloadOutcome[] = [];
      const watcher = watchData(config, served.data, {
        io: captureIO(),
        debounceMs: 50,
        onReload: (outcome) => reloads.push(outcome),
      });
      cleanups.push(() => watcher.close());
      const app = createApp({ data: served.data, logging: false, dataSource: watcher.current });
      const windowOf = async (id: string) =>
        (await query(app, windowQuery, { id })).author.centrality as WindowCentrality;

      await served.data.whenExact();
      await expect.poll(() => served.data.exactWindow(listed), { timeout: LONG, interval: 200 }).not.toBeNull();
      const reference = expectedById('betweenness');
      const before = await windowOf('graham-neubig');
      expect(before).toMatchObject({ exact: true, stale: false });
      // Without those papers the window is another network: not NetworkX's values of the whole slice.
      expect(before.betweenness).not.toBeCloseTo(reference.get('graham-neubig') as number, 6);

      writeFileSync(file, slice2016 + main2017);
      await expect.poll(() => reloads.length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
      expect(reloads[0]?.ok).toBe(true);
      const reloaded = watcher.current();
      expect(reloaded).not.toBe(served.data);

      // Other papers: no values carried over; the window is estimated until its own pass is in.
      if (reloaded.exactWindow(listed) === null)
        expect(await windowOf('graham-neubig')).toMatchObject({ exact: false, sampleSize: 256, stale: false });
      await expect.poll(() => reloaded.exactWindow(listed), { timeout: LONG, interval: 200 }).not.toBeNull();
      for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
        const wanted = expectedById(metric);
        for (const id of ['graham-neubig', 'noah-a-smith', 'chris-dyer']) {
          const now = await windowOf(id);
          expect(now).toMatchObject({ exact: true, sampleSize: null, stale: false });
          expect(Date.parse(now.computedAt)).toBeGreaterThan(Date.parse(before.computedAt));
          expect(Math.abs(now[metric] - (wanted.get(id) as number)), `${metric} of ${id}`).toBeLessThanOrEqual(
            1e-12 * Math.max(1, wanted.get(id) as number),
          );
        }
      }
    },
    LONG,
  );
});
