/**
 * A one-line progress bar for loading large inputs, drawn on a terminal only: when the stream is not
 * a TTY (a pipe, a log file, a test) or the input is small, nothing is written at all. Redrawn at most
 * every 100 ms; cleared when loading ends, so the line after it starts clean.
 */
import type { LoadProgress } from '../ingest/load.ts';

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressBarOptions {
  /** Inputs smaller than this many bytes get no bar (default 4 MiB). */
  readonly minBytes?: number;
  /** Milliseconds between redraws (default 100). */
  readonly interval?: number;
  readonly now?: () => number;
}

export interface ProgressBar {
  update(progress: LoadProgress): void;
  /** Clears the bar (if one was drawn). */
  done(): void;
}

const WIDTH = 30;

export function progressBar(stream: ProgressStream, options: ProgressBarOptions = {}): ProgressBar {
  const minBytes = options.minBytes ?? 4 * 1024 * 1024;
  const interval = options.interval ?? 100;
  const now = options.now ?? Date.now;
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update({ file, bytesRead, totalBytes }) {
      if (stream.isTTY !== true || totalBytes < minBytes) return;
      const time = now();
      if (time - lastDraw < interval && bytesRead < totalBytes) return;
      lastDraw = time;
      const share = totalBytes === 0 ? 1 : Math.min(1, bytesRead / totalBytes);
      const filled = Math.round(share * WIDTH);
      const line = `loading ${file} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${megabytes(bytesRead)}/${megabytes(totalBytes)} MB`;
      const room = (stream.columns ?? 80) - 1;
      stream.write(`\r${line.length > room ? `…${line.slice(line.length - room + 1)}` : line}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
