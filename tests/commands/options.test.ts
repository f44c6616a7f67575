/**
 * The option table (src/options.ts) is the one source of the command line: parsing, validation,
 * `--help` and the README's configuration tables all come from it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_EXPORT_AUTHORS, DEFAULT_TIME_BUDGET_MS } from '../../src/app.ts';
import { main } from '../../src/cli.ts';
import { optionsBegin, optionsEnd, optionsMarkdown, withOptionTables } from '../../src/commands/help.ts';
import { exportConfig, reportConfig, serveConfig } from '../../src/config.ts';
import {
  ConfigError,
  type OptionSpec,
  commandNames,
  optionEntries,
  optionTable,
  optionsOf,
  parseOptions,
} from '../../src/options.ts';
import { DEFAULT_CLOSE_GRACE_MS } from '../../src/server.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

const spellings = (spec: OptionSpec) => [spec.flag, ...(spec.aliases ?? [])];

describe('the option table', () => {
  it('gives each flag and environment variable one meaning per command', () => {
    for (const command of commandNames) {
      const flags = optionsOf(command).flatMap(([, spec]) => spellings(spec));
      expect(new Set(flags).size, command).toBe(flags.length);
    }
    const envs = optionEntries().flatMap(([, spec]) => (spec.env === undefined ? [] : [spec.env]));
    expect(new Set(envs).size).toBe(envs.length);
  });

  it('is the only place that reads its environment variables', () => {
    const names = optionEntries().flatMap(([, spec]) => (spec.env === undefined ? [] : [spec.env]));
    const reads = new RegExp(`env(\\.|\\[['"])(${names.join('|')})\\b`, 'u');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const offenders = files('src').filter(
      (file) => file !== join('src', 'options.ts') && reads.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it("is where the app's and the server's defaults come from", () => {
    expect(DEFAULT_TIME_BUDGET_MS).toBe(optionTable['time-budget'].default * 1000);
    expect(DEFAULT_MAX_EXPORT_AUTHORS).toBe(optionTable['max-export-authors'].default);
    expect(DEFAULT_CLOSE_GRACE_MS).toBe(optionTable['shutdown-grace'].default * 1000);
    const config = serveConfig([], {});
    expect(config.port).toBe(optionTable.port.default);
    expect(config.host).toBe(optionTable.host.default);
    expect(config.timeBudgetMs).toBe(DEFAULT_TIME_BUDGET_MS);
    expect(config.shutdownGrace).toBe(optionTable['shutdown-grace'].default);
  });
});

describe('--help', () => {
  it.each(commandNames)('%s --help lists every option of the command and exits 0', async (command) => {
    const io = captureIO();
    expect(await main([command, '--help'], io)).toBe(0);
    expect(io.stdout).toContain(`Usage: coauthor-graph ${command}`);
    for (const [id, spec] of optionsOf(command)) {
      const shown = spec.kind === 'switch' ? [`[no-]${spec.flag}`] : spellings(spec);
      for (const flag of shown) expect(io.stdout, `${command}: ${id}`).toContain(`--${flag}`);
      if (spec.env !== undefined) expect(io.stdout, `${command}: ${id}`).toContain(spec.env);
    }
    const short = captureIO();
    expect(await main([command, '-h'], short)).toBe(0);
    expect(short.stdout).toBe(io.stdout);
    const help = captureIO();
    expect(await main(['help', command], help)).toBe(0);
    expect(help.stdout).toBe(io.stdout);
  });

  it('serve --help answers with the server options (it used to say "Unknown option")', async () => {
    const io = captureIO();
    expect(await main(['serve', '--help'], io)).toBe(0);
    expect(io.stderr).toBe('');
    for (const flag of ['--time-budget', '--request-threads', '--max-export-authors', '--max-depth', '--port'])
      expect(io.stdout).toContain(flag);
    expect(io.stdout).not.toContain('--metric');
  });

  it('coauthor-graph --help lists every command and every option, with its environment variable', async () => {
    const io = captureIO();
    expect(await main(['--help'], io)).toBe(0);
    for (const command of commandNames) expect(io.stdout).toContain(`  ${command} `);
    for (const [id, spec] of optionEntries()) {
      expect(io.stdout, id).toContain(`--${spec.kind === 'switch' ? `[no-]${spec.flag}` : spec.flag}`);
      if (spec.env !== undefined) expect(io.stdout, id).toContain(spec.env);
    }
  });
});

describe('parsing', () => {
  it('refuses an unknown option clearly, naming the commands that take it', async () => {
    const io = captureIO();
    expect(await main(['serve', '--bogus'], io)).toBe(2);
    expect(io.stderr).toContain('coauthor-graph serve: unknown option --bogus; see coauthor-graph serve --help');
    expect(() => serveConfig(['--metric', 'degree'], {})).toThrow(
      new ConfigError('unknown option --metric (an option of report, not of serve); see coauthor-graph serve --help'),
    );
    expect(() => serveConfig(['-x'], {})).toThrow(
      new ConfigError('unknown option -x; see coauthor-graph serve --help'),
    );
    expect(() => serveConfig(['--port'], {})).toThrow(new ConfigError('--port needs a value (N)'));
    expect(() => serveConfig(['--watch=yes'], {})).toThrow(
      new ConfigError('--watch takes no value; got "--watch=yes"'),
    );
    expect(() => serveConfig(['extra'], {})).toThrow(
      new ConfigError('unexpected argument "extra": serve takes options only; see coauthor-graph serve --help'),
    );
    expect(serveConfig(['--port=4001'], {}).port).toBe(4001);
  });

  // Every option with an environment variable: the flag wins over the variable, which wins over the
  // default; an empty variable counts as unset. Values are picked per kind from the table's range.
  const withEnv = optionEntries().filter(([, spec]) => spec.env !== undefined);
  it.each(withEnv.map(([id, spec]) => [id, spec] as const))('%s: flag, then environment, then default', (id, spec) => {
    const command = spec.commands[0]!;
    const read = (args: string[], env: NodeJS.ProcessEnv) =>
      (parseOptions(command, args, env).values as Record<string, unknown>)[id];
    const env = spec.env!;
    const [fromFlag, fromEnv, flagValue, envValue]: [unknown, unknown, string, string] =
      spec.kind === 'integer' || spec.kind === 'seconds'
        ? [spec.min + 1, spec.min + 2, String(spec.min + 1), String(spec.min + 2)]
        : spec.kind === 'choice'
          ? [spec.choices[0], spec.choices[1], spec.choices[0]!, spec.choices[1]!]
          : spec.kind === 'list'
            ? [
                ['https://a.example'],
                ['https://b.example', 'https://c.example'],
                'https://a.example',
                'https://b.example,https://c.example',
              ]
            : spec.kind === 'switch'
              ? [
                  !spec.default,
                  !spec.default,
                  spec.default ? `--no-${spec.flag}` : `--${spec.flag}`,
                  String(!spec.default),
                ]
              : ['from-flag', 'from-env', 'from-flag', 'from-env'];
    const flagArgs = spec.kind === 'switch' ? [flagValue] : [`--${spec.flag}`, flagValue];
    expect(read(flagArgs, { [env]: envValue })).toEqual(fromFlag);
    expect(read([], { [env]: envValue })).toEqual(fromEnv);
    const fallback = 'default' in spec ? spec.default : spec.kind === 'list' ? [] : undefined;
    expect(read([], { [env]: '' })).toEqual(fallback);
    expect(read([], {})).toEqual(fallback);
  });

  it('reads the serve settings outside the HTTP ones from flags and the environment, flags winning', () => {
    const env = { PORT: '5000', HOST: '0.0.0.0', TIME_BUDGET: '2.5', REQUEST_THREADS: '3', VERSION_POLL: '1' };
    expect(serveConfig([], env)).toMatchObject({ port: 5000, host: '0.0.0.0', timeBudgetMs: 2500, requestThreads: 3 });
    expect(serveConfig(['--port', '5001', '--time-budget', '1'], env)).toMatchObject({
      port: 5001,
      host: '0.0.0.0',
      timeBudgetMs: 1000,
    });
    expect(() => serveConfig([], { PORT: '70000' })).toThrow(
      new ConfigError('port must be a whole number from 0 to 65535; got "70000"'),
    );
  });
});

describe('--format is the input format; --output-format (--to) is what export and report write', () => {
  it('takes the input format on export and report too', () => {
    const config = exportConfig(['--format', 'jsonl', '--to', 'graphml'], {});
    expect(config).toMatchObject({ inputFormat: 'jsonl', format: 'graphml', warnings: [] });
    expect(reportConfig(['--metric', 'degree', '--input-format', 'bib', '--output-format', 'csv'], {})).toMatchObject({
      inputFormat: 'bib',
      format: 'csv',
      warnings: [],
    });
    expect(reportConfig(['--metric', 'degree', '--to=markdown'], {})).toMatchObject({
      format: 'markdown',
      warnings: [],
    });
  });

  it('still takes the old spelling for what they write, with a deprecation warning', () => {
    expect(exportConfig(['--format', 'gexf'], {})).toMatchObject({
      inputFormat: null,
      format: 'gexf',
      warnings: [
        '--format gexf for what export writes is deprecated: write --output-format gexf (or --to gexf); --format is the input format of every data file, as on every command',
      ],
    });
    expect(reportConfig(['--metric', 'degree', '--format=json'], {})).toMatchObject({
      inputFormat: null,
      format: 'json',
      warnings: [expect.stringContaining('--format json for what report writes is deprecated')],
    });
    expect(() => exportConfig(['--format', 'pajek'], {})).toThrow(
      new ConfigError('unknown export format "pajek"; use one of gexf, graphml, vosviewer, csv'),
    );
    expect(() => exportConfig([], {})).toThrow(
      new ConfigError('--output-format is required; use one of gexf, graphml, vosviewer, csv'),
    );
  });

  it('prints the deprecation warning on stderr and writes what was asked', async () => {
    const files = tempFiles({
      'p.jsonl': '{"id":"p1","title":"T","authors":["Ada Lovelace","Charles Babbage"],"year":1843}\n',
    });
    const old = captureIO();
    expect(
      await main(['report', '--metric', 'degree', '--format', 'csv', '--data', files['p.jsonl']!, '--no-cache'], old),
    ).toBe(0);
    expect(old.stderr).toContain(
      'coauthor-graph report: warning: --format csv for what report writes is deprecated: write --output-format csv',
    );
    const current = captureIO();
    expect(
      await main(['report', '--metric', 'degree', '--to', 'csv', '--data', files['p.jsonl']!, '--no-cache'], current),
    ).toBe(0);
    expect(current.stderr).toBe('');
    expect(current.stdout).toBe(old.stdout);
    expect(current.stdout.split('\n')[0]).toBe('rank,id,name,degree');
  });
});

describe("the README's configuration tables", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('are the ones the option table makes (npm run docs:options writes them)', () => {
    expect(withOptionTables(readme)).toBe(readme);
  });

  it('list every option with its environment variable', () => {
    const tables = optionsMarkdown();
    for (const [id, spec] of optionEntries()) {
      expect(tables, id).toContain(`--${spec.kind === 'switch' ? `[no-]${spec.flag}` : spec.flag}`);
      if (spec.env !== undefined) expect(tables, id).toContain(`\`${spec.env}\``);
    }
    // An edit by hand between the markers is caught.
    const inside = readme.slice(readme.indexOf(optionsBegin), readme.indexOf(optionsEnd));
    const changed = readme.replace(inside, inside.replace('`GRAPHQL_MAX_DEPTH`', '`GRAPHQL_DEPTH`'));
    expect(changed).not.toBe(readme);
    expect(withOptionTables(changed)).toBe(readme);
  });
});
