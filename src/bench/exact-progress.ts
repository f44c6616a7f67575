/** Waits, by polling the server's GraphQL API, until its background exact pass is done. */
import type { RunningServer } from './serve-process.ts';

export const EXACT_PROGRESS_QUERY =
  '{ graphStats { centralityProgress { phase sourcesDone sourcesTotal exactStartedAt exactFinishedAt fromCache error } } }';

interface Progress {
  readonly phase: 'ESTIMATING' | 'EXACT_PASS' | 'EXACT' | 'FAILED';
  readonly sourcesDone: number;
  readonly sourcesTotal: number;
  readonly exactStartedAt: string | null;
  readonly exactFinishedAt: string | null;
  readonly fromCache: boolean;
  readonly error: string | null;
}

export interface ExactPassTiming {
  /** exactFinishedAt − exactStartedAt as the server reports them; null when it does not say. */
  readonly serverSeconds: number | null;
  readonly sources: number;
}

/** The server's progress now; a failed pass is thrown. */
async function readProgress(server: RunningServer): Promise<Progress> {
  const progress = (await server.query<{ graphStats: { centralityProgress: Progress } }>(EXACT_PROGRESS_QUERY))
    .graphStats.centralityProgress;
  if (progress.phase === 'FAILED')
    throw new Error(`the server's exact pass failed: ${progress.error ?? 'no reason given'}`);
  return progress;
}

const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * Waits until the server's exact pass is running: after ready a server may still be computing the whole
 * sample's estimates, which precede the pass. True once the pass runs; false when it ended (or came
 * from the cache) before it was seen running.
 */
export async function waitForPassStart(
  server: RunningServer,
  pollSeconds = 0.05,
  timeoutSeconds = 600,
): Promise<boolean> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const { phase } = await readProgress(server);
    if (phase === 'EXACT_PASS') return true;
    if (phase === 'EXACT') return false;
    if (Date.now() > deadline) throw new Error(`the exact pass did not start within ${timeoutSeconds} s`);
    await pause(pollSeconds);
  }
}

export async function waitForExactPass(
  server: RunningServer,
  onProgress: (done: number, total: number) => void,
  pollSeconds = 2,
  timeoutSeconds = 3600,
): Promise<ExactPassTiming> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let lastReport = 0;
  for (;;) {
    const progress = await readProgress(server);
    if (progress.phase === 'EXACT') {
      if (progress.fromCache)
        throw new Error('the server read exact values from its cache: start it with --no-cache to time the pass');
      const started = progress.exactStartedAt === null ? null : Date.parse(progress.exactStartedAt);
      const finished = progress.exactFinishedAt === null ? null : Date.parse(progress.exactFinishedAt);
      return {
        serverSeconds: started === null || finished === null ? null : (finished - started) / 1000,
        sources: progress.sourcesTotal,
      };
    }
    if (Date.now() - lastReport > 30_000) {
      onProgress(progress.sourcesDone, progress.sourcesTotal);
      lastReport = Date.now();
    }
    if (Date.now() > deadline) throw new Error(`the exact pass did not finish within ${timeoutSeconds} s`);
    await pause(pollSeconds);
  }
}
