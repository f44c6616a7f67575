/**
 * The real `coauthor-graph` command as a child process, for tests about processes (replicas, imports
 * killed midway): its output is collected, `waitFor` waits for a line, `kill` ends it.
 * It runs as users run it: the installed command (src/bin/coauthor-graph, which sets the allocator's
 * environment and runs coauthor-graph.js), the bundle in .build/, built from the sources as they are by the run's global
 * setup (tests/helpers/server-bundle.global.ts), not the TypeScript sources through tsx (which costs each
 * process, and each of its worker threads, seconds of CPU compiling and resolving modules).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { delimiter, dirname } from 'node:path';

export interface CommandProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output from `from` on (rejects if the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<RegExpExecArray>;
  exited(): Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();

/** Kills every command still running (for afterAll). */
export function killAllCommands(): void {
  for (const child of running) child.kill('SIGKILL');
}

export function startCommand(args: readonly string[], env: NodeJS.ProcessEnv = {}): CommandProcess {
  // The installed command (src/bin/coauthor-graph), whose `node` is the one running the tests.
  const path = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
  const child = spawn('src/bin/coauthor-graph', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: path, ...env },
  });
  running.add(child);
  let output = '';
  let exitCode: number | null | undefined;
  const listeners = new Set<() => void>();
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      exitCode = code;
      for (const listener of listeners) listener();
      resolve(code);
    });
  });
  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 60_000, from = 0) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`));
        }, timeoutMs);
        function check() {
          const match = pattern.exec(output.slice(from));
          if (match) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve(match);
          } else if (exitCode !== undefined) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(new Error(`the command exited (${exitCode}) before ${pattern}; output:\n${output}`));
          }
        }
        listeners.add(check);
        check();
      });
    },
    exited: () => exit,
    kill: (signal = 'SIGTERM') => {
      child.kill(signal);
    },
  };
}

/** Whether a process of this id is still running (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
