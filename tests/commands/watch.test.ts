import { renameSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadServableData } from '../../src/commands/load-data.ts';
import { type DataWatcher, type ReloadOutcome, watchData } from '../../src/commands/watch.ts';
import { checkConfig } from '../../src/config.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';
import { query } from '../helpers/app.ts';

const paper = (title: string, authors: string[]) => `${JSON.stringify({ title, authors })}\n`;

/** Resolves with the next reload's outcome. */
function nextReload(listeners: ((outcome: ReloadOutcome) => void)[]): Promise<ReloadOutcome> {
  return new Promise((resolve) => {
    listeners.push(resolve);
  });
}

let watcher: DataWatcher | null = null;
afterEach(() => watcher?.close());

describe('watchData (serve --watch)', () => {
  it('reloads when a data file changes, swaps the new network in for the next request, and keeps the old one when the reload fails', async () => {
    const files = tempFiles({ 'papers.jsonl': paper('One', ['Ann Lee', 'Bo Chen']), 'aliases.json': '{}' });
    const file = files['papers.jsonl'] as string;
    const config = checkConfig(['--data', file, '--aliases', files['aliases.json'] as string]);
    const initial = loadServableData(config);
    if ('failure' in initial) throw new Error(initial.failure);
    const io = captureIO();
    const listeners: ((outcome: ReloadOutcome) => void)[] = [];
    watcher = watchData(config, initial.data, {
      io,
      debounceMs: 20,
      onReload: (outcome) => listeners.shift()?.(outcome),
    });
    const app = createApp({ data: initial.data, dataSource: watcher.current, logging: false, graphiql: false });
    const count = async () => (await query(app, '{ graphStats { paperCount authorCount } }')).graphStats;
    expect(await count()).toEqual({ paperCount: 1, authorCount: 2 });

    // A good change: the new network is served.
    let reloaded = nextReload(listeners);
    writeFileSync(file, paper('One', ['Ann Lee', 'Bo Chen']) + paper('Two', ['Ann Lee', 'Cy Young']));
    expect((await reloaded).ok).toBe(true);
    expect(await count()).toEqual({ paperCount: 2, authorCount: 3 });
    expect(io.stdout).toContain('reloaded: 2 papers, 3 authors, 2 collaborations');

    // A broken change: the old network keeps serving and the problem is reported with its line.
    reloaded = nextReload(listeners);
    writeFileSync(file, `${paper('Three', ['Ann Lee'])}{"title": broken\n`);
    expect((await reloaded).ok).toBe(false);
    expect(await count()).toEqual({ paperCount: 2, authorCount: 3 });
    expect(io.stderr).toContain('reload failed; still serving the previous network.');
    expect(io.stderr).toContain(`${file}:2: error: line is not valid JSON`);

    // An alias file replaced by a rename (as editors and `alias add` do) is seen too.
    reloaded = nextReload(listeners);
    writeFileSync(file, paper('Four', ['Ann Lee', 'A. Lee']));
    expect((await reloaded).ok).toBe(true);
    reloaded = nextReload(listeners);
    const replacement = `${files['aliases.json'] as string}.new`;
    writeFileSync(replacement, '{ "A. Lee": "Ann Lee" }');
    renameSync(replacement, files['aliases.json'] as string);
    expect((await reloaded).ok).toBe(true);
    expect(await count()).toEqual({ paperCount: 1, authorCount: 1 });
  });
});
