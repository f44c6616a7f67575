/**
 * Curation on a deployment of replicas: a mutation sent to one `serve --database` process is one
 * transaction in PostgreSQL producing a new network version; every replica (the one asked included)
 * follows it and serves the curated network, and a centrality worker reads the curated version from
 * the store. Real processes, a real PostgreSQL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { type CommandProcess, killAllCommands, startCommand } from '../helpers/command-process.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

afterAll(() => killAllCommands());

const paper = (id: string, authors: string[]) => JSON.stringify({ id, title: `Paper ${id}`, authors, year: 2021 });
const files = tempFiles({
  'papers.jsonl': [
    paper('p1', ['Ann Lee', 'Bo Chen']),
    paper('p2', ['Bo Chen', 'Cy Diaz']),
    paper('p3', ['A. Lee', 'Cy Diaz']),
  ].join('\n'),
});

function startReplica(url: string): CommandProcess {
  return startCommand([
    'serve',
    '--database',
    url,
    '--port',
    '0',
    '--cache-dir',
    mkdtempSync(join(tmpdir(), 'cg-curation-replica-')),
    '--version-poll',
    '600', // notifications, not the poll, carry the change
    '--log-level',
    'warn',
  ]);
}

async function graphql(url: string, query: string, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, version: response.headers.get('x-network-version'), body: await response.json() };
}

describe.runIf(postgresAvailable)('curation across replicas of the shared store', () => {
  let testDatabase: TestDatabase;
  let url: string;
  let token: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('curation_replicas');
    url = testDatabase.url;
    expect(await main(['db', 'migrate', '--database', url], captureIO())).toBe(0);
    const imported = captureIO();
    expect(await main(['import', '--database', url, '--data', files['papers.jsonl']!], imported), imported.stderr).toBe(
      0,
    );
    const created = captureIO();
    expect(await main(['token', 'create', '--role', 'curator', '--database', url], created), created.stderr).toBe(0);
    token = created.stdout.trim().split('\n').at(-1)!;
  });
  afterAll(async () => {
    killAllCommands();
    await testDatabase.drop();
  });

  it('a merge sent to one replica is served by every replica within 2 s, old ids included; the worker reads the curated version', async () => {
    const [one, two] = [startReplica(url), startReplica(url)];
    const urlOne = (await one.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!;
    const urlTwo = (await two.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!;
    const before = await graphql(
      urlTwo,
      '{ networkVersion author(id: "a-lee") { id name coauthorCount } collaborationPath(from: "ann-lee", to: "cy-diaz") { length } }',
    );
    expect(before.body.data.author).toEqual({ id: 'a-lee', name: 'A. Lee', coauthorCount: 1 });
    expect(before.body.data.collaborationPath).toEqual({ length: 2 });

    const denied = await graphql(urlOne, 'mutation { renameAuthor(authorId: "bo-chen", name: "Bo Chen") { id } }');
    expect(denied.status).toBe(401);

    const started = Date.now();
    const merged = await graphql(
      urlOne,
      'mutation { mergeAuthors(authorIds: ["ann-lee", "a-lee"], note: "same person") { id networkVersion author { id name coauthorCount } } }',
      token,
    );
    expect(merged.body.errors).toBeUndefined();
    const result = merged.body.data.mergeAuthors;
    expect(Number(result.networkVersion)).toBeGreaterThan(Number(before.body.data.networkVersion));
    // The replica asked answers with the new version at once.
    expect(result.author).toEqual({ id: 'ann-lee', name: 'Ann Lee', coauthorCount: 2 });

    // The other replica follows within 2 s; the merged-away id finds the person it is now, and the new path.
    // PageRank comes first from the previous version, marked stale, while this one's is computed in a worker.
    const ask =
      '{ networkVersion author(id: "a-lee") { id coauthorCount centrality { pagerank degree stale } } collaborationPath(from: "ann-lee", to: "cy-diaz") { length } }';
    let seen: number | null = null;
    while (Date.now() - started < 10_000) {
      const answer = await graphql(urlTwo, ask);
      if (answer.body.data.networkVersion === result.networkVersion) {
        expect(answer.version).toBe(result.networkVersion);
        // NetworkX, before the merge the path Ann Lee - Bo Chen - Cy Diaz - A. Lee:
        // pagerank(path_graph(4), alpha=0.85)[0] = 0.17543859649... (x = 0.0375 + 0.425·y, y = 0.069375 / 0.21375).
        // Degree is this version's at once: Ann Lee has both others of 2 (degree_centrality = 1).
        expect(answer.body.data).toMatchObject({
          author: { id: 'ann-lee', coauthorCount: 2, centrality: { degree: 1, stale: true } },
          collaborationPath: { length: 1 },
        });
        expect(answer.body.data.author.centrality.pagerank).toBeCloseTo(0.0375 + (0.425 * 0.069375) / 0.21375, 10);
        seen = Date.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen, 'the second replica never served the curated version').not.toBeNull();
    expect(seen!).toBeLessThan(2_000);
    // Then this version's PageRank, no longer stale, under the same version: the three authors now form a
    // triangle with one joint paper per tie, so NetworkX gives each 1/3.
    let fresh: { pagerank: number; stale: boolean } | null = null;
    while (Date.now() - started < 60_000) {
      const answer = await graphql(
        urlTwo,
        '{ networkVersion authors(first: 5) { nodes { id centrality { pagerank stale } } } }',
      );
      expect(answer.body.data.networkVersion).toBe(result.networkVersion);
      const nodes = answer.body.data.authors.nodes as {
        id: string;
        centrality: { pagerank: number; stale: boolean };
      }[];
      if (nodes.every((node) => !node.centrality.stale)) {
        expect(nodes.map((node) => node.id).sort()).toEqual(['ann-lee', 'bo-chen', 'cy-diaz']);
        for (const node of nodes) expect(node.centrality.pagerank).toBeCloseTo(1 / 3, 12);
        fresh = nodes[0]!.centrality;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fresh, 'the second replica never served fresh local metrics').not.toBeNull();
    // It applied the merge to the network it served rather than building the version from the rows.
    await two.waitFor(
      new RegExp(
        `now serving network version ${result.networkVersion} of the shared store \\(the curation applied to version`,
        'u',
      ),
    );

    const log = await graphql(urlTwo, '{ curationLog(first: 5) { edges { node { id actor note networkVersion } } } }');
    expect(log.body.data.curationLog.edges[0].node).toMatchObject({
      note: 'same person',
      networkVersion: result.networkVersion,
    });
    expect(JSON.stringify(log.body)).not.toContain(token);

    // A centrality worker loads the curated version from the store (no --data) and computes its pass.
    const worker = captureIO();
    expect(await main(['centrality-worker', '--database', url, '--exit-when-idle'], worker), worker.stderr).toBe(0);
    expect(worker.stderr).toMatch(new RegExp(`version ${result.networkVersion}`, 'u'));
  }, 120_000);

  it('a split sent to one replica is served by the other within 2 s (the original id keeps the canonical name); a revert restores the person on both', async () => {
    const [one, two] = [startReplica(url), startReplica(url)];
    const urlOne = (await one.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!;
    const urlTwo = (await two.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!;
    const ask =
      '{ networkVersion ann: author(id: "ann-lee") { id name coauthorCount paperCount } other: author(id: "a-lee-2") { id name paperCount } }';

    /** Waits until `replica` serves `version`; the time since `started`. */
    const servedWithin = async (replica: string, version: string, started: number) => {
      while (Date.now() - started < 15_000) {
        const answer = await graphql(replica, ask);
        if (answer.body.data.networkVersion === version) return { ms: Date.now() - started, data: answer.body.data };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`${replica} never served version ${version}`);
    };

    // "Ann Lee" (p1) and "A. Lee" (p3) were merged by the test above; the curator splits "A. Lee" off again.
    let started = Date.now();
    const split = await graphql(
      urlOne,
      'mutation { splitAuthor(authorId: "ann-lee", spellings: ["A. Lee"], name: "A. Lee", note: "two people") { id networkVersion authors { id name } } }',
      token,
    );
    expect(split.body.errors).toBeUndefined();
    const { id: splitEntry, networkVersion: splitVersion, authors } = split.body.data.splitAuthor;
    // The original id stays with the part that keeps the canonical name; "a-lee" is the merged-away id, so the new part is "a-lee-2".
    expect(authors).toEqual([
      { id: 'ann-lee', name: 'Ann Lee' },
      { id: 'a-lee-2', name: 'A. Lee' },
    ]);
    const afterSplit = await servedWithin(urlTwo, splitVersion, started);
    expect(afterSplit.ms).toBeLessThan(2_000);
    expect(afterSplit.data).toMatchObject({
      ann: { id: 'ann-lee', name: 'Ann Lee', coauthorCount: 1, paperCount: 1 },
      other: { id: 'a-lee-2', name: 'A. Lee', paperCount: 1 },
    });
    await two.waitFor(
      new RegExp(`now serving network version ${splitVersion} of the shared store \\(the curation applied`, 'u'),
    );

    // Reverting the split restores the merged person on both replicas; the split-off id is gone.
    started = Date.now();
    const reverted = await graphql(
      urlOne,
      `mutation { revertCuration(id: "${splitEntry}") { networkVersion } }`,
      token,
    );
    expect(reverted.body.errors).toBeUndefined();
    const revertVersion = reverted.body.data.revertCuration.networkVersion;
    for (const replica of [urlTwo, urlOne]) {
      const after = await servedWithin(replica, revertVersion, started);
      expect(after.ms).toBeLessThan(2_000);
      expect(after.data).toMatchObject({ ann: { id: 'ann-lee', coauthorCount: 2, paperCount: 2 }, other: null });
    }
    // Both undid the split they had applied (its undo record) rather than building the version again.
    for (const replica of [one, two])
      await replica.waitFor(
        new RegExp(`now serving network version ${revertVersion} of the shared store \\(the curation applied`, 'u'),
      );
  }, 120_000);
});
