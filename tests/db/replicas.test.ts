/**
 * Replicas of the shared store as operators run them: real `coauthor-graph serve --database` and
 * `coauthor-graph import` processes against a real PostgreSQL. The failures are caused, not mocked:
 * an import held inside its COPY by a lock and then killed with SIGKILL, a replica started while an
 * import's transaction is open, and PostgreSQL itself stopped and started again under two replicas
 * (a private server: the shared one on 5432 is never touched).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { type CommandProcess, killAllCommands, startCommand } from '../helpers/command-process.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';
import { type PrivatePostgres, privatePostgresAvailable, startPrivatePostgres } from '../helpers/private-postgres.ts';
import { errorMessage } from '../../src/error-message.ts';

afterAll(() => killAllCommands());

const paper = (id: string, authors: string[]) => JSON.stringify({ id, title: `Paper ${id}`, authors, year: 2021 });
const files = tempFiles({
  'v1.jsonl': [paper('p1', ['Ann Lee', 'Bo Chen']), paper('p2', ['Bo Chen', 'Cy Diaz'])].join('\n'),
  'v2.jsonl': [
    paper('p1', ['Ann Lee', 'Bo Chen']),
    paper('p2', ['Bo Chen', 'Cy Diaz']),
    paper('p3', ['Cy Diaz', 'Di Eve']),
  ].join('\n'),
  'v3.jsonl': Array.from({ length: 4 }, (_, i) => paper(`q${i}`, ['Ann Lee', `Other ${i}`])).join('\n'),
});

async function importFiles(url: string, file: string): Promise<number> {
  const io = captureIO();
  expect(await main(['import', '--database', url, '--data', file], io), io.stderr).toBe(0);
  return Number(/network version (\d+)/u.exec(io.stdout)?.[1]);
}

function startReplica(url: string, cacheDir = mkdtempSync(join(tmpdir(), 'cg-replica-'))): CommandProcess {
  return startCommand([
    'serve',
    '--database',
    url,
    '--port',
    '0',
    '--cache-dir',
    cacheDir,
    '--version-poll',
    '600', // the poll is the fallback; these tests are about notifications and reconnection
    '--log-level',
    'warn',
  ]);
}

interface Answer {
  readonly status: number;
  readonly version: string | null;
  readonly papers: number | null;
}

async function ask(url: string): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ networkVersion graphStats { paperCount } }' }),
    });
    const body = (await response.json()) as { data?: { networkVersion: string; graphStats: { paperCount: number } } };
    expect(body.data?.networkVersion ?? null).toBe(response.headers.get('x-network-version'));
    return {
      status: response.status,
      version: body.data?.networkVersion ?? null,
      papers: body.data?.graphStats.paperCount ?? null,
    };
  } catch (error) {
    return { status: 0, version: `failed: ${errorMessage(error)}`, papers: null };
  }
}

/** Asks every 25 ms until stopped; every answer is kept. */
function keepAsking(url: string): { stop(): Promise<Answer[]> } {
  const answers: Answer[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      answers.push(await ask(url));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return answers;
    },
  };
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const readyStatus = async (graphqlUrl: string) =>
  (await fetch(graphqlUrl.replace(/graphql$/u, 'ready')).catch(() => null))?.status ?? 0;

/** Holds every COPY into `authorships` at its lock, so an import stops inside its transaction, midway. */
async function blockAuthorshipCopies(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE authorships IN SHARE MODE');
  return client;
}

async function importWaitingInCopy(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = 'coauthor-graph import' AND wait_event_type = 'Lock' AND query LIKE 'COPY authorships%'`,
    );
    return rows[0].n === 1;
  } finally {
    await client.end();
  }
}

async function counts(url: string): Promise<{ imports: number; versions: number; papers: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM imports) AS imports, (SELECT count(*)::int FROM network_versions) AS versions,
              (SELECT count(*)::int FROM papers) AS papers`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe.runIf(postgresAvailable)('replicas on the shared PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let url: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('replicas');
    url = testDatabase.url;
    const io = captureIO();
    expect(await main(['db', 'migrate', '--database', url], io)).toBe(0);
  });
  afterAll(async () => {
    killAllCommands();
    await testDatabase.drop();
  });

  it('serves the newest version, swaps to each new one without failing a request, shares its snapshot, and restarts from its cache', async () => {
    const first = await importFiles(url, files['v1.jsonl']!);
    const cacheDir = mkdtempSync(join(tmpdir(), 'cg-replica-'));
    const replica = startReplica(url, cacheDir);
    const graphql = (await replica.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!;
    expect(await ask(graphql)).toEqual({ status: 200, version: String(first), papers: 2 });
    await until(async () => (await readyStatus(graphql)) === 200, '/ready says 200');

    const asking = keepAsking(graphql);
    const second = await importFiles(url, files['v2.jsonl']!);
    await replica.waitFor(
      new RegExp(`now serving network version ${second} of the shared store .*event-loop delay`, 'u'),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answers = await asking.stop();
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(new Set(answers.map((answer) => `${answer.version}:${answer.papers}`))).toEqual(
      new Set([`${first}:2`, `${second}:3`]),
    );
    expect(answers.at(-1)).toEqual({ status: 200, version: String(second), papers: 3 });
    await until(async () => (await readyStatus(graphql)) === 200, '/ready says 200 on the new version');

    // The replica that built the version shares its snapshot: one joining with an empty cache downloads it.
    await replica.waitFor(new RegExp(`saved the snapshot of network version ${second} in the store`, 'u'));
    const joining = startReplica(url);
    const joiningUrl = (await joining.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!;
    expect(joining.output()).toMatch(
      new RegExp(`network version ${second} of the shared store via the store's snapshot`, 'u'),
    );
    expect(await ask(joiningUrl)).toEqual({ status: 200, version: String(second), papers: 3 });
    joining.kill('SIGTERM');
    await joining.exited();

    // A restart on the same cache loads the snapshot from the cache, not the rows.
    replica.kill('SIGTERM');
    await replica.exited();
    const again = startReplica(url, cacheDir);
    const againUrl = (await again.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!;
    expect(again.output()).toMatch(
      new RegExp(`network version ${second} of the shared store via the cached snapshot`, 'u'),
    );
    expect(await ask(againUrl)).toEqual({ status: 200, version: String(second), papers: 3 });
    again.kill('SIGTERM');
    await again.exited();
  }, 180_000);

  it('leaves no version when an import is killed with SIGKILL inside its COPY; the next import succeeds', async () => {
    const before = await counts(url);
    const blocker = await blockAuthorshipCopies(url);
    const importing = startCommand(['import', '--database', url, '--data', files['v3.jsonl']!]);
    try {
      await until(() => importWaitingInCopy(url), 'the import waits inside COPY authorships');
      importing.kill('SIGKILL');
      await importing.exited();
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }
    await until(async () => !(await importWaitingInCopy(url)), 'the killed import is gone');
    expect(await counts(url)).toEqual(before);
    const next = await importFiles(url, files['v3.jsonl']!);
    const after = await counts(url);
    expect(after).toEqual({ imports: before.imports + 1, versions: before.versions + 1, papers: before.papers + 4 });
    expect(next).toBeGreaterThan(0);
  }, 120_000);

  it('starts a replica during an import: it serves the last complete version, then the new one after commit', async () => {
    const complete = await importFiles(url, files['v1.jsonl']!);
    const blocker = await blockAuthorshipCopies(url);
    let importing: CommandProcess | null = null;
    let replica: CommandProcess | null = null;
    try {
      importing = startCommand(['import', '--database', url, '--data', files['v2.jsonl']!]);
      await until(() => importWaitingInCopy(url), 'the import waits inside its transaction');
      replica = startReplica(url);
      const graphql = (await replica.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!;
      expect(await ask(graphql)).toEqual({ status: 200, version: String(complete), papers: 2 });
      await blocker.query('COMMIT');
      expect(await importing.exited()).toBe(0);
      const committed = Number(/network version (\d+)/u.exec(importing.output())?.[1]);
      expect(committed).toBeGreaterThan(complete);
      await replica.waitFor(new RegExp(`now serving network version ${committed} `, 'u'));
      expect(await ask(graphql)).toEqual({ status: 200, version: String(committed), papers: 3 });
    } finally {
      await blocker.query('COMMIT').catch(() => undefined);
      await blocker.end();
      replica?.kill('SIGTERM');
      await replica?.exited();
    }
  }, 180_000);
});

describe.runIf(privatePostgresAvailable)('replicas while PostgreSQL restarts', () => {
  let server: PrivatePostgres;

  beforeAll(async () => {
    server = await startPrivatePostgres();
  }, 120_000);
  afterAll(() => {
    killAllCommands();
    server?.destroy();
  });

  it('keeps answering from memory, reconnects by itself and picks up versions imported while disconnected', async () => {
    const url = server.url;
    expect(await main(['db', 'migrate', '--database', url], captureIO())).toBe(0);
    const first = await importFiles(url, files['v1.jsonl']!);
    const replicas = [startReplica(url), startReplica(url)];
    const urls = await Promise.all(
      replicas.map(async (r) => (await r.waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1]!),
    );
    for (const graphql of urls) await until(async () => (await readyStatus(graphql)) === 200, '/ready says 200');

    const asking = urls.map((graphql) => keepAsking(graphql));
    server.stop();
    // Down: both replicas answer from memory, and say they are not ready (not connected to the store).
    for (const replica of replicas) await replica.waitFor(/lost the store's notifications/u);
    for (const graphql of urls) {
      expect(await ask(graphql)).toEqual({ status: 200, version: String(first), papers: 2 });
      expect(await readyStatus(graphql)).toBe(503);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    server.start();
    // A version committed at once, before the replicas are back: its notification reaches no one.
    const second = await importFiles(url, files['v2.jsonl']!);
    for (const replica of replicas) await replica.waitFor(new RegExp(`now serving network version ${second} `, 'u'));
    const answers = (await Promise.all(asking.map((a) => a.stop()))).flat();
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    for (const graphql of urls) {
      expect(await ask(graphql)).toEqual({ status: 200, version: String(second), papers: 3 });
      await until(async () => (await readyStatus(graphql)) === 200, '/ready says 200 again');
    }
    for (const replica of replicas) replica.kill('SIGTERM');
    await Promise.all(replicas.map((replica) => replica.exited()));
  }, 240_000);
});
