/**
 * One part of the page that loads its own data (the network, the path, the author panel, the ranking).
 * Each load begins with `begin()`, which cancels the section's previous load (its requests are aborted)
 * and gives the new load a signal; after every `await`, the load goes on only while its signal is not
 * aborted, so an answer that arrives late never overwrites a newer one.
 */
export class Section {
  private controller: AbortController | null = null;

  begin(): AbortSignal {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.controller.signal;
  }
}

/** Whether an error is only a cancelled load (not worth showing). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
