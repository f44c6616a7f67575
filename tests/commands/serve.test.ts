import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { serveConfig } from '../../src/config.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

describe('serve', () => {
  it('refuses to start on data with an unreadable record, naming it', async () => {
    const files = tempFiles({ 'bad.json': '[{"title": "Fine", "authors": ["A B"]}, {"title": "Bad", "authors": []}]' });
    const io = captureIO();
    expect(await main(['serve', '--port', '0', '--data', files['bad.json']!], io)).toBe(1);
    expect(io.stderr).toContain('refusing to serve');
    expect(io.stderr).toContain(`${files['bad.json']}:1: error: record 2`);
    expect(io.stdout).toBe('');
  });

  it('refuses to serve an empty network', async () => {
    const files = tempFiles({ 'empty.jsonl': '\n' });
    const io = captureIO();
    expect(await main(['serve', '--port', '0', '--data', files['empty.jsonl']!], io)).toBe(1);
    expect(io.stderr).toContain('no papers were loaded');
  });

  it('reads port and host from arguments, then the environment, then defaults', () => {
    expect(serveConfig([], {})).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      aliasFile: 'data/aliases.json',
      files: ['data/duvenaud-publications.txt'],
    });
    expect(serveConfig([], { PORT: '5000', HOST: '0.0.0.0' })).toMatchObject({ port: 5000, host: '0.0.0.0' });
    expect(serveConfig(['--port', '6000'], { PORT: '5000' })).toMatchObject({ port: 6000 });
    expect(serveConfig(['--data', 'x.json'], {})).toMatchObject({ files: ['x.json'], aliasFile: null });
  });

  it('reads the request options: time budget, request threads, whole-export limit (flags over environment)', () => {
    expect(serveConfig([], {})).toMatchObject({ timeBudgetMs: 10_000, requestThreads: 1, maxExportAuthors: 20_000 });
    expect(serveConfig([], { TIME_BUDGET: '2.5', REQUEST_THREADS: '2', MAX_EXPORT_AUTHORS: '500' })).toMatchObject({
      timeBudgetMs: 2_500,
      requestThreads: 2,
      maxExportAuthors: 500,
    });
    expect(
      serveConfig(['--time-budget', '30', '--request-threads', '3', '--max-export-authors', '0'], { TIME_BUDGET: '2' }),
    ).toMatchObject({ timeBudgetMs: 30_000, requestThreads: 3, maxExportAuthors: 0 });
    expect(() => serveConfig(['--time-budget', '0'], {})).toThrow(
      'time-budget must be a number of seconds from 0.001 to 3600; got "0"',
    );
    expect(() => serveConfig(['--time-budget', 'soon'], {})).toThrow('time-budget must be a number of seconds');
    expect(() => serveConfig(['--request-threads', '0'], {})).toThrow(
      'request-threads must be a whole number from 1 to 64',
    );
  });

  it('reads the large-network options: author limit, cache folder, threads, sample size', () => {
    expect(serveConfig([], {})).toMatchObject({
      maxAuthorsPerPaper: null,
      cacheDirectory: join(homedir(), '.cache', 'coauthor-graph'),
      sampleSize: 256,
    });
    expect(serveConfig([], { XDG_CACHE_HOME: '/var/cache' })).toMatchObject({
      cacheDirectory: '/var/cache/coauthor-graph',
    });
    expect(
      serveConfig(
        ['--max-authors-per-paper', '50', '--cache-dir', 'here', '--threads', '3', '--sample-size', '100'],
        {},
      ),
    ).toMatchObject({ maxAuthorsPerPaper: 50, cacheDirectory: 'here', threads: 3, sampleSize: 100 });
    expect(serveConfig(['--no-cache'], {})).toMatchObject({ cacheDirectory: null });
  });

  it('leaves the event loop a core: the estimates and the exact pass get one thread per core but one (at least 1) unless --threads says', () => {
    expect(serveConfig([], {})).toMatchObject({
      threads: Math.max(1, availableParallelism() - 1),
      exactThreads: Math.max(1, availableParallelism() - 1),
    });
    expect(serveConfig(['--threads', '3'], {})).toMatchObject({ threads: 3, exactThreads: 3 });
  });

  it.each([
    [['--max-authors-per-paper', '1'], 'max-authors-per-paper must be a whole number from 2'],
    [['--threads', '0'], 'threads must be a whole number from 1'],
    [['--sample-size', 'many'], 'sample-size must be a whole number'],
    [['--no-cache', '--cache-dir', 'x'], '--no-cache and --cache-dir cannot be used together'],
    [['--shutdown-grace', 'soon'], 'shutdown-grace must be a number of seconds from 0 to 3600; got "soon"'],
    [['--shutdown-grace=-1'], 'shutdown-grace must be a number of seconds from 0 to 3600'],
    [['--shutdown-grace', '3601'], 'shutdown-grace must be a number of seconds from 0 to 3600'],
  ])('rejects %j with exit code 2', async (args, message) => {
    const io = captureIO();
    expect(await main(['serve', ...args], io)).toBe(2);
    expect(io.stderr).toContain(message);
  });

  it('reads the shutdown grace period from --shutdown-grace, then SHUTDOWN_GRACE, else 10 s', () => {
    expect(serveConfig([], {}).shutdownGrace).toBe(10);
    expect(serveConfig([], { SHUTDOWN_GRACE: '30' }).shutdownGrace).toBe(30);
    expect(serveConfig(['--shutdown-grace', '2.5'], { SHUTDOWN_GRACE: '30' }).shutdownGrace).toBe(2.5);
    expect(serveConfig(['--shutdown-grace', '0'], {}).shutdownGrace).toBe(0);
  });

  it('rejects a bad SHUTDOWN_GRACE in the environment', () => {
    expect(() => serveConfig([], { SHUTDOWN_GRACE: 'ten' })).toThrow(
      'shutdown-grace must be a number of seconds from 0 to 3600; got "ten"',
    );
  });

  it('turns live reload on with --watch (off by default)', () => {
    expect(serveConfig([], {}).watch).toBe(false);
    expect(serveConfig(['--watch'], {}).watch).toBe(true);
  });

  it('rejects a bad port or an unknown option with exit code 2', async () => {
    const io = captureIO();
    expect(await main(['serve', '--port', 'eighty'], io)).toBe(2);
    expect(io.stderr).toContain('port must be a whole number');
    expect(await main(['serve', '--colour', 'blue'], captureIO())).toBe(2);
  });
});
