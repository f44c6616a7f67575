/**
 * Replicas share the exact pass of the version they serve: each takes chunks of it through the store
 * (src/db/shared-pass.ts) instead of running the whole pass alone, and every replica serves the values
 * combined once. Real `serve --database` processes on a network large enough for the background pass.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { type CommandProcess, killAllCommands, startCommand } from '../helpers/command-process.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

afterAll(() => killAllCommands());

/** 9,000 authors in 6,000 three-author papers: above the size the exact pass runs at load in one thread. */
function syntheticPapers(): string {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines: string[] = [];
  for (let i = 0; i < 6000; i += 1) {
    const authors = new Set<string>();
    while (authors.size < 3) authors.add(`Author ${Math.floor(next() * 9000)}`);
    lines.push(JSON.stringify({ id: `p${i}`, title: `Paper ${i}`, authors: [...authors], year: 2000 + (i % 20) }));
  }
  return lines.join('\n');
}

function startReplica(url: string): CommandProcess {
  return startCommand([
    'serve',
    '--database',
    url,
    '--port',
    '0',
    '--threads',
    '1',
    '--cache-dir',
    mkdtempSync(join(tmpdir(), 'cg-shared-replica-')),
    '--log-level',
    'warn',
  ]);
}

async function topBetweenness(url: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '{ centralityRanking(metric: BETWEENNESS, first: 3) { nodes { score exact author { id } } } }',
    }),
  });
  return ((await response.json()) as { data: { centralityRanking: { nodes: unknown[] } } }).data.centralityRanking
    .nodes;
}

describe.runIf(postgresAvailable)('replicas sharing the exact pass', () => {
  let testDatabase: TestDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('replicas_shared_pass');
    expect(await main(['db', 'migrate', '--database', testDatabase.url], captureIO())).toBe(0);
    const files = tempFiles({ 'papers.jsonl': syntheticPapers() });
    const io = captureIO();
    expect(
      await main(['import', '--database', testDatabase.url, '--data', files['papers.jsonl']!], io),
      io.stderr,
    ).toBe(0);
    // Importing 6,000 papers took over vitest's 10 s default for hooks on a busy 2-core machine, which
    // skipped the test below.
  }, 120_000);
  afterAll(async () => {
    killAllCommands();
    await testDatabase.drop();
  });

  it('two replicas compute the pass of their version together and serve the values combined once', async () => {
    const replicas = [startReplica(testDatabase.url), startReplica(testDatabase.url)];
    const urls = await Promise.all(
      replicas.map(async (replica) => (await replica.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!),
    );
    await Promise.all(
      replicas.map((replica) =>
        replica.waitFor(/exact betweenness, closeness and harmonic centrality ready/u, 240_000),
      ),
    );
    const client = new pg.Client({ connectionString: testDatabase.url });
    await client.connect();
    try {
      const metrics = await client.query('SELECT version_id FROM version_metrics');
      expect(metrics.rows).toHaveLength(1);
      const chunks = await client.query<{ state: string; computed_by: string }>(
        'SELECT state, computed_by FROM shared_pass_chunks',
      );
      expect(chunks.rows.length).toBeGreaterThan(1);
      expect(chunks.rows.every((row) => row.state === 'done')).toBe(true);
      // Both replicas took chunks (neither ran the whole pass alone).
      expect(new Set(chunks.rows.map((row) => row.computed_by)).size).toBe(2);
    } finally {
      await client.end();
    }
    const [one, two] = await Promise.all(urls.map(topBetweenness));
    expect(one).toEqual(two);
    expect(one).toHaveLength(3);
    expect((one as { exact: boolean }[]).every((entry) => entry.exact)).toBe(true);

    // A curation change makes a new version: until its shared pass is in, both replicas serve the
    // previous version's all-pairs values, marked stale; then the new ones.
    const created = captureIO();
    expect(await main(['token', 'create', '--role', 'curator', '--database', testDatabase.url], created)).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1)!;
    const centralityOf = async (url: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: '{ networkVersion author(id: "author-1") { name centrality { betweenness stale } } }',
        }),
      });
      return (
        (await response.json()) as {
          data: {
            networkVersion: string;
            author: { name: string; centrality: { betweenness: number; stale: boolean } };
          };
        }
      ).data;
    };
    const before = await centralityOf(urls[0]!);
    const renamed = await fetch(urls[0]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation { renameAuthor(authorId: "author-1", name: "Author One") { networkVersion author { name } } }',
      }),
    });
    const result = ((await renamed.json()) as { data: { renameAuthor: { networkVersion: string } } }).data.renameAuthor;
    expect(Number(result.networkVersion)).toBeGreaterThan(Number(before.networkVersion));
    const during = await centralityOf(urls[0]!);
    expect(during.networkVersion).toBe(result.networkVersion);
    expect(during.author.name).toBe('Author One');
    expect(during.author.centrality).toEqual({ betweenness: before.author.centrality.betweenness, stale: true });
    await Promise.all(
      replicas.map((replica) =>
        replica.waitFor(
          /exact betweenness, closeness and harmonic centrality ready/u,
          240_000,
          replica.output().length,
        ),
      ),
    );
    for (const url of urls) {
      const after = await centralityOf(url);
      expect(after.networkVersion).toBe(result.networkVersion);
      expect(after.author.centrality.stale).toBe(false);
      // A rename changes no tie: the new pass gives the same value.
      expect(after.author.centrality.betweenness).toBeCloseTo(before.author.centrality.betweenness, 9);
    }
  }, 300_000);
});
