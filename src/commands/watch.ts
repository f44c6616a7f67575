/**
 * Live reload for `serve --watch`: watches the data files and the alias file, and when one changes
 * (after a short quiet spell, so an editor's several writes count once) loads everything again into
 * a new network beside the one being served. Only a complete, servable network is swapped in; a
 * failed reload keeps the old network serving and reports why, with file and line.
 *
 * Directories are watched rather than files, so editors that save by writing a new file and
 * renaming it over the old one are seen too.
 */
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { AnalysisOptions, AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { AnalysisConfig, DataConfig } from '../config.ts';
import { formatProblem } from '../ingest/records.ts';
import type { CommandIO } from './io.ts';
import { describeLoad, loadServableData } from './load-data.ts';
import { errorMessage } from '../error-message.ts';

export type ReloadOutcome =
  { readonly ok: true; readonly data: AnalyzedNetwork } | { readonly ok: false; readonly failure: string };

export interface DataWatcher {
  /** The network to serve now. */
  current(): AnalyzedNetwork;
  close(): void;
}

export interface WatchOptions {
  readonly io: CommandIO;
  /** Quiet time after the last change before reloading (default 300 ms). */
  readonly debounceMs?: number;
  /** Hears every reload's outcome (tests, logs). */
  readonly onReload?: (outcome: ReloadOutcome) => void;
  /** Passed on to each reloaded network's analysis (the log line when exact centrality is in). */
  readonly onSettled?: AnalysisOptions['onSettled'];
}

export function watchData(
  config: DataConfig & Partial<AnalysisConfig>,
  initial: AnalyzedNetwork,
  options: WatchOptions,
): DataWatcher {
  const { io } = options;
  let current = initial;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const watchedFiles = [...config.files, ...(config.aliasFile === null ? [] : [config.aliasFile])].map((file) =>
    resolve(file),
  );
  const namesByDirectory = new Map<string, Set<string>>();
  for (const file of watchedFiles) {
    const names = namesByDirectory.get(dirname(file)) ?? new Set<string>();
    names.add(basename(file));
    namesByDirectory.set(dirname(file), names);
  }

  const reload = () => {
    timer = null;
    if (closed) return;
    const result = loadServableData(config, options.onSettled === undefined ? {} : { onSettled: options.onSettled });
    if ('failure' in result) {
      io.err(`reload failed; still serving the previous network. ${result.failure}\n`);
      options.onReload?.({ ok: false, failure: result.failure });
      return;
    }
    for (const problem of result.loaded.load?.problems ?? []) io.err(`${formatProblem(problem)}\n`);
    // The old network's background work (worker threads) stops; requests already holding it finish.
    const previous = current;
    current = result.data;
    previous.dispose();
    io.out(`reloaded: ${describeLoad(result.loaded, config)}\n`);
    options.onReload?.({ ok: true, data: result.data });
  };
  const changed = () => {
    if (closed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 300);
  };

  const watchers: FSWatcher[] = [];
  for (const [directory, names] of namesByDirectory) {
    try {
      const watcher = watch(directory, (_event, name) => {
        if (name === null || names.has(basename(name.toString()))) changed();
      });
      watcher.on('error', (error) => io.err(`watching ${directory} stopped: ${error.message}\n`));
      watchers.push(watcher);
    } catch (error) {
      io.err(`cannot watch ${directory}: ${errorMessage(error)}\n`);
    }
  }
  io.out(`watching ${watchedFiles.length} file(s) for changes\n`);

  return {
    current: () => current,
    close() {
      closed = true;
      current.dispose();
      if (timer !== null) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
