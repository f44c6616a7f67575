/**
 * A PostgreSQL server of a test's own, for the tests that stop, restart or kill the database: the
 * shared server at 127.0.0.1:5432 serves every other test file, so it is never touched. Made with
 * Debian's initdb/pg_ctl (run as the postgres user when the tests run as root), on a free port, with
 * trust authentication, in a temporary folder that `destroy()` removes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from './command-process.ts';
import { requirement } from './requirements.ts';

function binDirectory(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

const bin = binDirectory();

/** Whether a private server can be made here (see requirements.ts). */
export const privatePostgresAvailable = requirement(
  "PostgreSQL's server programs (initdb, pg_ctl)",
  bin !== null,
  'Install them with apt-get install postgresql.',
);

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  start(): void;
  /** A fast shutdown: connections are ended, the server stops cleanly. */
  stop(): void;
  /** The server's main process is killed with SIGKILL, as in a crash. */
  kill(): void;
  restart(): void;
  destroy(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (bin === null) throw new Error('PostgreSQL server programs are not installed');
  const root = mkdtempSync(join(tmpdir(), 'coauthor-graph-pg-'));
  chmodSync(root, 0o777);
  const dataDirectory = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const [command, commandArgs] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
      : [join(bin, program), args];
    const result = spawnSync(command, commandArgs as string[], { encoding: 'utf8', cwd: root });
    if (result.status !== 0) {
      throw new Error(`${program} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
    }
  };
  run('initdb', ['-D', dataDirectory, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run('pg_ctl', ['-D', dataDirectory, '-o', options, '-l', join(root, 'log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', dataDirectory, '-m', 'fast', '-w', 'stop']);
  const kill = () => {
    const pid = Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // The whole server dies at once, as when its machine or container goes: the postmaster and its back-ends.
    spawnSync('pkill', ['-KILL', '-P', String(pid)]);
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && processAlive(pid); i++) execFileSync('sleep', ['0.05']);
    rmSync(join(dataDirectory, 'postmaster.pid'), { force: true });
  };
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    kill,
    restart: () => {
      stop();
      start();
    },
    destroy: () => {
      try {
        stop();
      } catch {
        // already stopped or killed
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
