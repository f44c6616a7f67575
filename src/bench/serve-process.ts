/**
 * Our server as a user starts it: `coauthor-graph serve --data FILE --port 0 --no-cache`, timed from
 * spawn to the line that says it is ready, with its peak resident memory (VmHWM) read from /proc.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed command (src/bin/coauthor-graph: the allocator's settings, then coauthor-graph.js). */
export const CLI = fileURLToPath(new URL('../bin/coauthor-graph', import.meta.url));
/** The command's environment: its `node` is the one running the bench. */
const commandEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
});
const BUILD_SERVER = fileURLToPath(new URL('../bin/build-server.js', import.meta.url));

/**
 * Rebuilds the server bundle as `npm install` does, so the timed command is the installed one: the
 * command falls back to compiling the TypeScript sources when any file under src/ (the bench's own
 * included) is newer than the bundle. Returns null on success, else why not.
 */
export function buildServerBundle(): string | null {
  const result = spawnSync(process.execPath, [BUILD_SERVER], { encoding: 'utf8' });
  if (result.status === 0) return null;
  return (result.stderr || result.error?.message || `exit ${result.status}`).trim().split('\n').slice(-2).join(' | ');
}
const READY_LINE = /coauthor-graph ready at (\S+)/u;

export interface ServeOptions {
  /** The data file to serve, `{ snapshot }` to serve a snapshot file, `{ database }` to serve a store's current version. */
  readonly data: string | { readonly snapshot: string } | { readonly database: string };
  readonly maxAuthorsPerPaper: number | null;
  /** Seconds to wait for the ready line. */
  readonly timeoutSeconds?: number;
  /** Keep the default cache of exact centrality values (default: --no-cache, so every start computes them). */
  readonly cache?: boolean;
  /** More arguments for `serve`. */
  readonly extraArgs?: readonly string[];
}

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  /** Spawn to ready line. */
  readonly readySeconds: number;
  /** VmHWM in kB when the ready line was read. */
  readonly readyPeakKb: number | null;
  /** VmRSS in kB when the ready line was read (every thread of the process: main, request workers, pass). */
  readonly readyRssKb: number | null;
  /** VmRSS in kB now. */
  rssKb(): number | null;
  /** VmHWM in kB now. */
  peakKb(): number | null;
  /** Null while the process runs; once it has exited, how (exit code or signal) and the end of its stderr. */
  exitStatus(): string | null;
  /** The last 16 kB the process wrote to stderr (its notes). */
  stderrTail(): string;
  /** POSTs a GraphQL query and returns `data` (throws on errors). */
  query<T>(text: string): Promise<T>;
  stop(): Promise<void>;
}

export function startServer(options: ServeOptions): Promise<RunningServer> {
  const source =
    typeof options.data === 'string'
      ? ['--data', options.data]
      : 'snapshot' in options.data
        ? ['--snapshot', options.data.snapshot]
        : ['--database', options.data.database];
  const args = ['serve', ...source, '--port', '0'];
  if (options.cache !== true) args.push('--no-cache');
  if (options.maxAuthorsPerPaper !== null && typeof options.data === 'string')
    args.push('--max-authors-per-paper', String(options.maxAuthorsPerPaper));
  args.push(...(options.extraArgs ?? []));
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(CLI, args, { stdio: ['ignore', 'pipe', 'pipe'], env: commandEnv() });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const timer = setTimeout(
      () => fail(new Error(`no ready line within ${options.timeoutSeconds ?? 600} s`)),
      (options.timeoutSeconds ?? 600) * 1000,
    );
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    // Both streams are read for as long as the server runs (a full pipe would stall it), but only
    // the start of stdout (up to the ready line) and the tail of stderr are kept: request logs can
    // be many megabytes under load.
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-16_384);
    });
    child.stdout.on('data', (chunk: string) => {
      if (settled) return;
      stdout += chunk;
      const match = READY_LINE.exec(stdout);
      if (match === null || settled) return;
      const readySeconds = Number(process.hrtime.bigint() - started) / 1e9;
      settled = true;
      clearTimeout(timer);
      const pid = child.pid as number;
      resolvePromise(
        runningServer(
          child,
          pid,
          match[1] as string,
          readySeconds,
          peakMemoryKb(pid),
          residentMemoryKb(pid),
          () => stderr,
        ),
      );
    });
    child.on('error', (error) => fail(error));
    child.on('exit', (code, signal) =>
      fail(
        new Error(
          `serve exited (${signal ?? code}) before it was ready: ${(stderr || stdout).trim().split('\n').slice(-4).join(' | ')}`,
        ),
      ),
    );
  });
}

function runningServer(
  child: ChildProcess,
  pid: number,
  url: string,
  readySeconds: number,
  readyPeakKb: number | null,
  readyRssKb: number | null,
  stderrTail: () => string,
): RunningServer {
  const exited = new Promise<void>((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) resolvePromise();
    else child.once('exit', () => resolvePromise());
  });
  return {
    url,
    pid,
    readySeconds,
    readyPeakKb,
    readyRssKb,
    peakKb: () => peakMemoryKb(pid),
    rssKb: () => residentMemoryKb(pid),
    stderrTail,
    exitStatus() {
      if (child.exitCode === null && child.signalCode === null) return null;
      const tail = stderrTail().trim().split('\n').slice(-6).join(' | ');
      return `exited (${child.signalCode ?? child.exitCode})${tail === '' ? '' : `: ${tail}`}`;
    },
    async query<T>(text: string): Promise<T> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text }),
      });
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors !== undefined && body.errors.length > 0)
        throw new Error(`GraphQL: ${body.errors.map((error) => error.message).join('; ')}`);
      return body.data as T;
    },
    async stop() {
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** VmHWM (peak resident set) in kB of a process and those it started (`treeKb`), or null where /proc is not available. */
export function peakMemoryKb(pid: number): number | null {
  return treeKb(pid, 'VmHWM');
}

/** VmRSS (resident set now) in kB of a process and those it started (`treeKb`), or null where /proc is not available. */
export function residentMemoryKb(pid: number): number | null {
  return treeKb(pid, 'VmRSS');
}

/**
 * The field summed over the process and every process it started: a command given large data files
 * runs in a child with a larger heap cap (src/bin/heap-limit.js), whose memory is the command's.
 */
function treeKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  const own = statusKb(pid, field);
  if (own === null) return null;
  return childProcesses(pid).reduce((sum, child) => sum + (treeKb(child, field) ?? 0), own);
}

/** The processes `pid` started (its threads' /proc/PID/task/TID/children); none where /proc says nothing. */
export function childProcesses(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter((part) => part.trim() !== '')
        .map(Number),
    );
  } catch {
    return [];
  }
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'mu').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}

/** `coauthor-graph build`'s arguments for a data file to a snapshot file, without the cache (the build is timed). */
export function buildCommand(data: string, maxAuthorsPerPaper: number, out: string): string[] {
  return ['build', '--data', data, '--max-authors-per-paper', String(maxAuthorsPerPaper), '--no-cache', '--out', out];
}

/**
 * Runs one of our commands to its end, timed, with its peak resident memory (VmHWM read every 50 ms
 * while it runs, so the peak is seen even when the process exits at once).
 */
export function runCommand(
  args: readonly string[],
  timeoutSeconds = 3600,
): Promise<{ seconds: number; peakKb: number | null; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(CLI, args, { stdio: ['ignore', 'pipe', 'pipe'], env: commandEnv() });
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-16_384);
    });
    // The largest seen: a command with large inputs runs in a child process (src/bin/heap-limit.js),
    // whose peak leaves the sum when it exits.
    const poll = setInterval(() => {
      const now = peakMemoryKb(child.pid as number);
      if (now !== null) peak = Math.max(peak ?? 0, now);
    }, 50);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (code !== 0)
        reject(
          new Error(
            `coauthor-graph ${args[0]} exited (${signal ?? code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
      else resolvePromise({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakKb: peak, stdout });
    });
  });
}
