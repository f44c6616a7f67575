/**
 * A progress bar for the exact centrality pass, shown while betweenness, closeness and harmonic are
 * estimates: it follows the `centralityProgress` subscription (server-sent events over a POST, as
 * graphql-sse's distinct connections mode; the operation goes as its persisted hash, as the explorer's
 * queries do, so a `--persisted-only` server on the explorer's list answers it) and is removed when the last update
 * (done) arrives. When the values are exact already, the first update is the last: no bar at all.
 */
import persistedOperations from './persisted-operations.json';

export const progressSubscription =
  'subscription ExplorerCentralityProgress { centralityProgress(every: 0.5) { progress { phase sourcesDone sourcesTotal } secondsLeft done } }';

interface Update {
  readonly progress: { readonly phase: string; readonly sourcesDone: number; readonly sourcesTotal: number };
  readonly secondsLeft: number | null;
  readonly done: boolean;
}

const hash = Object.entries(persistedOperations as Record<string, string>).find(
  ([, text]) => text === progressSubscription,
)?.[0];

function label(update: Update): string {
  const { phase, sourcesDone, sourcesTotal } = update.progress;
  if (phase !== 'EXACT_PASS') return 'Betweenness, closeness and harmonic: estimating…';
  const percent = sourcesTotal === 0 ? 0 : Math.floor((100 * sourcesDone) / sourcesTotal);
  const left = update.secondsLeft === null ? '' : `, about ${Math.ceil(update.secondsLeft)} s left`;
  return `Exact betweenness, closeness and harmonic: ${percent} %${left} (estimates meanwhile)`;
}

/** Follows the pass under `container` until it is done (or `signal` fires); resolves then. */
export async function followCentralityProgress(container: HTMLElement, signal?: AbortSignal): Promise<void> {
  const bar = document.createElement('div');
  bar.id = 'centrality-progress';
  bar.className = 'centrality-progress';
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  const fill = document.createElement('div');
  fill.className = 'centrality-progress-fill';
  const text = document.createElement('span');
  bar.append(fill, text);
  const show = (update: Update) => {
    if (update.done) {
      bar.remove();
      return;
    }
    const { sourcesDone, sourcesTotal } = update.progress;
    const percent = update.progress.phase === 'EXACT_PASS' && sourcesTotal > 0 ? (100 * sourcesDone) / sourcesTotal : 0;
    bar.setAttribute('aria-valuenow', percent.toFixed(0));
    bar.setAttribute('aria-label', label(update));
    fill.style.width = `${percent}%`;
    text.textContent = label(update);
    if (!bar.isConnected) container.prepend(bar);
  };
  try {
    // By hash first (a --persisted-only server takes nothing else); a server that does not know the
    // hash yet answers PERSISTED_QUERY_NOT_FOUND, and the text goes with it (registering it).
    const send = (withText: boolean) =>
      fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({
          ...(withText || hash === undefined ? { query: progressSubscription } : {}),
          ...(hash === undefined ? {} : { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
        }),
        ...(signal ? { signal } : {}),
      });
    let response = await send(false);
    if (!response.ok && hash !== undefined) response = await send(true);
    if (!response.ok || response.body === null) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = message
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (data === '') continue;
        const update = (JSON.parse(data) as { data?: { centralityProgress?: Update } }).data?.centralityProgress;
        if (update !== undefined) show(update);
      }
    }
  } catch {
    // No bar is better than a broken one: the values' labels still say "estimate".
  } finally {
    bar.remove();
  }
}
