/**
 * Runs src/bench/peers/coauthor_peer.py (NetworkX / igraph / graph-tool) and reads its JSON-lines answer.
 * `firstLineSeconds` is the wall time from spawning the interpreter to its first line of output: for
 * the `ready` command, process start to graph built, the same clock we use for our own server.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PEER_SCRIPT = fileURLToPath(new URL('./peers/coauthor_peer.py', import.meta.url));

export interface PeerRun<T> {
  readonly result: T;
  readonly firstLineSeconds: number;
  readonly totalSeconds: number;
}

export interface PeerAvailability {
  readonly python: string | null;
  readonly networkx: string | null;
  readonly igraph: string | null;
  readonly graphTool: string | null;
  /** Why a peer is missing, for the report. */
  readonly problems: readonly string[];
}

export interface PeerOptions {
  /**
   * Run the peer at this nice value (through `nice`): the priority our exact pass's threads run at
   * (nice 19), so that on a machine shared with other work both sides get the same share of it.
   */
  readonly nice?: number;
}

export function runPeer<T>(python: string, args: readonly string[], options: PeerOptions = {}): Promise<PeerRun<T>> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const command = options.nice === undefined ? [python] : ['nice', '-n', String(options.nice), python];
    const child = spawn(command[0] as string, [...command.slice(1), PEER_SCRIPT, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let firstLineSeconds: number | null = null;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (firstLineSeconds === null && (stdout + chunk).includes('\n')) firstLineSeconds = secondsSince(started);
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const totalSeconds = secondsSince(started);
      if (code !== 0) {
        reject(
          new Error(
            `${python} ${PEER_SCRIPT} ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
        return;
      }
      const line = stdout.trim().split('\n')[0] ?? '';
      try {
        resolvePromise({
          result: JSON.parse(line) as T,
          firstLineSeconds: firstLineSeconds ?? totalSeconds,
          totalSeconds,
        });
      } catch {
        reject(new Error(`peer printed no JSON: ${line.slice(0, 200)}`));
      }
    });
  });
}

export async function probePeers(python: string): Promise<PeerAvailability> {
  try {
    const { result } = await runPeer<Record<string, string | null>>(python, ['probe']);
    const problems: string[] = [];
    for (const [module, name, debian] of [
      ['networkx', 'networkx', 'python3-networkx'],
      ['igraph', 'igraph', 'python3-igraph'],
      ['graphTool', 'graph_tool', 'python3-graph-tool'],
    ] as const) {
      if (!result[module])
        problems.push(
          `${name} is not importable by ${python} (${result[`${module}Error`] ?? 'unknown reason'}); install ${debian}`,
        );
    }
    return {
      python: result.python ?? null,
      networkx: result.networkx ?? null,
      igraph: result.igraph ?? null,
      graphTool: result.graphTool ?? null,
      problems,
    };
  } catch (error) {
    return {
      python: null,
      networkx: null,
      igraph: null,
      graphTool: null,
      problems: [`cannot run ${python}: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
