// The JavaScript heap of a command that loads large data files: raised by starting the command again
// with a larger limit, before any of its modules is loaded.
//
// V8 caps a process's heap at start (about 4.3 GB for Node 20 on this 24 GB machine) and cannot raise
// the cap afterwards: `v8.setFlagsFromString('--max-old-space-size=…')` in a running process changes
// nothing. Loading data files keeps the records, the identity maps and the columns' strings on that
// heap until the network's typed arrays replace them, so `build` on a DBLP-shaped corpus of 7.5 million
// papers (a 1.3 GB file) died with V8's "heap out of memory" abort five minutes in, on a machine with
// 20 GB free. When the data files (or the snapshot that `check`, `report` or `export` reads:
// `sizedFiles`) add up to `LARGE_INPUT_BYTES` or more and nobody set the cap (`--max-old-space-size`
// on node's command line or in NODE_OPTIONS), the command runs in a child process whose cap is three
// quarters of the machine's memory (or of the container's limit). The cap only allows: V8 takes
// memory as the heap grows, so a smaller load costs the same as before.
//
// The child's young generation may also grow larger than V8's default (semi-spaces of 64 MB where
// V8 stops at 16), unless `--max-semi-space-size` was set: such a load allocates records, names and
// rows by the gigabyte, and with the default V8 ran 3,574 scavenges on the loading thread of a build
// of 7.5 million DBLP-shaped papers (50 s), on top of its parallel scavenging threads, which take CPU
// from the pass threads. At 2 million such papers `build` took 115 s (three runs: 108-116 s) instead
// of 130 s (114-131 s), and 175-186 s of CPU instead of 188-212 s, for about 100 MB more at the
// peak (README, "Large networks").
//
// The child gets this process's standard streams and arguments. It runs in a process group of its own,
// so that a terminal's Ctrl-C reaches it once (forwarded from here) and `serve` can drain, and it stops
// if this process disappears (it watches its parent). SIGINT, SIGTERM and SIGHUP are passed on; this
// process exits with the child's code, or 128 + the signal's number when a signal ended it.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { constants, totalmem } from 'node:os';

/** Data files adding up to this many bytes get a raised heap cap: 256 MB. */
export const LARGE_INPUT_BYTES = 256 * 1024 * 1024;

/** Set in the child's environment: its cap is set, it must not start another child. */
export const RELAUNCHED = 'COAUTHOR_GRAPH_HEAP_RAISED';

const HEAP_FLAG = /--max-old-space-size(=|\s|$)/u;

/** The child's largest semi-space, in MB (V8's default on 64-bit machines: 16). */
export const LARGE_LOAD_SEMI_SPACE_MB = 64;

const SEMI_SPACE_FLAG = /--max-semi-space-size(=|\s|$)/u;

/**
 * The V8 flags the child is started with (after this process's own): the heap cap, and the larger
 * young generation unless this process's flags or NODE_OPTIONS set one.
 */
export function childFlags(megabytes, context = {}) {
  const { execArgv = process.execArgv, env = process.env } = context;
  const flags = [...execArgv, `--max-old-space-size=${megabytes}`];
  if (!execArgv.some((arg) => SEMI_SPACE_FLAG.test(arg)) && !SEMI_SPACE_FLAG.test(env.NODE_OPTIONS ?? ''))
    flags.push(`--max-semi-space-size=${LARGE_LOAD_SEMI_SPACE_MB}`);
  return flags;
}

/** The files named by `--data FILE` or `--data=FILE` (or another `option`) in the command's arguments. */
export function dataFiles(args, option = '--data') {
  const files = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === option && i + 1 < args.length) files.push(args[(i += 1)]);
    else if (arg.startsWith(`${option}=`)) files.push(arg.slice(option.length + 1));
  }
  return files;
}

/**
 * The files whose size decides the cap: the data files, and the snapshot of a command other than
 * `serve`. `check`, `report` and `export` make the whole network's objects from a snapshot, on the
 * heap: `check` on the 7.5 M DBLP-shaped snapshot (5.3 GB) died at V8's default cap. `serve` reads
 * a snapshot's tables into shared memory outside the heap when they are first used, and keeps its heap
 * small (2.45 GB resident in all there), so it runs as it was started.
 */
export function sizedFiles(args) {
  return [...dataFiles(args), ...(args[0] === 'serve' ? [] : dataFiles(args, '--snapshot'))];
}

function fileBytes(file) {
  try {
    return statSync(file).size;
  } catch {
    return 0; // the command says what is wrong with it
  }
}

/**
 * The heap cap in MB for a command run with `args`, or null to run it as started: its data files add
 * up to less than `LARGE_INPUT_BYTES`, or the cap was set already (node's flags, NODE_OPTIONS, or this
 * is the child started for it).
 */
export function heapLimitFor(args, context = {}) {
  const { execArgv = process.execArgv, env = process.env, sizeOf = fileBytes, memoryBytes = machineMemory() } = context;
  if (env[RELAUNCHED] === '1') return null;
  if (execArgv.some((arg) => HEAP_FLAG.test(arg)) || HEAP_FLAG.test(env.NODE_OPTIONS ?? '')) return null;
  const bytes = sizedFiles(args).reduce((sum, file) => sum + sizeOf(file), 0);
  if (bytes < LARGE_INPUT_BYTES) return null;
  return Math.floor((0.75 * memoryBytes) / (1024 * 1024));
}

/** The machine's memory, or the container's limit when that is lower. */
function machineMemory() {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const total = totalmem();
  return constrained > 0 && constrained < total ? constrained : total;
}

const PASSED_ON = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `script` with `args` in a child process whose heap cap is `megabytes` (`childFlags`); resolves
 * with the exit code this process should end with.
 */
export function runWithHeapLimit(megabytes, script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childFlags(megabytes), script, ...args], {
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, [RELAUNCHED]: '1', COAUTHOR_GRAPH_PARENT_PID: String(process.pid) },
    });
    const forward = (signal) => () => {
      try {
        child.kill(signal);
      } catch {
        // gone already
      }
    };
    const handlers = PASSED_ON.map((signal) => [signal, forward(signal)]);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const [name, handler] of handlers) process.off(name, handler);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

/** In the child: stops (SIGTERM, so `serve` drains) once the process that started it is gone. */
export function watchParent(env = process.env) {
  const parent = Number(env.COAUTHOR_GRAPH_PARENT_PID);
  if (env[RELAUNCHED] !== '1' || !Number.isInteger(parent) || parent <= 0) return false;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 1000);
  timer.unref();
  return true;
}
