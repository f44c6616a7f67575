/**
 * `--help` (global and per command) and the README's configuration tables, both made from the option
 * table (src/options.ts) and the command descriptions below.
 */
import {
  type CommandName,
  type OptionSpec,
  commandNames,
  optionEntries,
  optionSections,
  optionsOf,
} from '../options.ts';

interface CommandHelp {
  /** What follows the command name besides options (`add "Variant Name" "Canonical Name"`). */
  readonly arguments?: string;
  readonly summary: string;
  /** More paragraphs for `COMMAND --help`. */
  readonly details?: string;
}

export const commandHelp: Readonly<Record<CommandName, CommandHelp>> = {
  serve: {
    summary: 'Serve the GraphQL API (GraphiQL at /graphql) and the explorer (/). Without --data: the bundled data set.',
    details: `Curation mutations (bearer token, see token) are kept in --curation FILE or, with --database, in PostgreSQL.
On SIGTERM or SIGINT: /ready turns 503, new requests are refused, requests in flight finish within
--shutdown-grace seconds, then exit 0.
Large networks: betweenness, closeness and harmonic are estimated from a sample of --sample-size sources
first, then computed exactly in --threads worker threads and saved in the cache, which keeps a snapshot
per set of inputs: a second start on the same files loads it instead of parsing.
--database URL: a replica of the shared store: serves its newest network version, follows new versions
(LISTEN/NOTIFY, and a poll every --version-poll seconds) and swaps each in.
See the README's "Running it on the internet" for the limits.`,
  },
  build: {
    summary: 'Parse the data once and write a snapshot that the other commands load with --snapshot FILE.',
    details: `The snapshot holds the whole network, its indexes and centrality values (exact with --exact, else
estimates), and loads without parsing anything.`,
  },
  check: {
    summary: 'Parse the data, print counts, every problem with file:line and the most likely duplicate authors.',
    details: 'Exit 1 if a record cannot be read.',
  },
  report: {
    summary: "A centrality ranking (always exact), the network's figures (--summary) or an HTML report (--html FILE).",
    details: `--metric NAME ranks the authors; --summary prints the network's figures, Markdown by default;
--html FILE writes one self-contained report (figures, growth per year, distributions, component sizes,
the top N authors by every metric) with charts that open offline. --years narrows each to a window.
--format on report was the output format; it still works as such, with a warning: write --output-format.`,
  },
  export: {
    summary: 'The whole network (or the network around --center) for Gephi, VOSviewer or a spreadsheet.',
    details: `With exact centrality scores; standard output unless --out.
--format on export was the output format; it still works as such, with a warning: write --output-format.`,
  },
  import: {
    summary: 'Load data files into the shared store as a new network version, announced to every replica.',
    details: `Parses the files as check does (any unreadable record refuses the import), in one transaction. The
same files again are a no-op; changed files print what changed (papers added, removed, changed, by id).`,
  },
  db: {
    arguments: 'migrate|status',
    summary: "Apply the shared store's schema migrations (PostgreSQL), or list applied and pending ones.",
  },
  'centrality-worker': {
    summary: 'Compute chunks of the shared exact pass of every version whose pass is unfinished.',
    details: `What a Kubernetes Job runs: one chunk per thread, under a lease. The versions' networks are read from
the store (curation included); --data/--snapshot gives the files a version was imported from instead
(checked against its input key). SIGTERM gives back the chunks in progress and exits 0.`,
  },
  token: {
    arguments: 'create --role curator|admin [--label TEXT] | revoke ID | list',
    summary: 'Bearer tokens for the curation mutations (serve: Authorization: Bearer <token>).',
    details: `create prints the new token alone on its last line, shown once: only its hash is kept, in the
database or in the token file.`,
  },
  schema: {
    summary: 'Print the GraphQL SDL, write it to a file, or exit 1 if a file is out of date.',
  },
  alias: {
    arguments: 'add "Variant Name" "Canonical Name"',
    summary: 'Add an entry to the alias file, checked before it is written.',
  },
};

const dataFormatsNote = `Data files are read by extension: .txt publication list, .json (papers, CSL-JSON or OpenAlex works,
told apart by their shape), .jsonl / .ndjson lines, .bib BibTeX, .csl.json CSL-JSON, .xml DBLP.
--format (or --input-format) overrides the choice for every file.`;

function rangeText(spec: OptionSpec): string | null {
  if (spec.kind === 'integer' || spec.kind === 'seconds') {
    const unit = spec.kind === 'seconds' ? ' s' : '';
    return spec.max === Number.MAX_SAFE_INTEGER ? `${spec.min}${unit} or more` : `${spec.min}–${spec.max}${unit}`;
  }
  if (spec.kind === 'choice') return spec.choices.join(', ');
  if (spec.kind === 'switch') return 'on or off';
  return null;
}

function defaultText(spec: OptionSpec): string | null {
  if (spec.required === true) return 'required';
  if (spec.defaultText !== undefined) return spec.defaultText;
  if (spec.kind === 'switch') return spec.default ? 'on' : 'off';
  if (spec.kind === 'flag') return 'off';
  if ('default' in spec && spec.default !== undefined)
    return spec.kind === 'seconds' ? `${spec.default} s` : String(spec.default);
  return null;
}

/** `--max-depth N`, `--[no-]introspection`, `--output-format FORMAT (--to)`. */
function flagText(spec: OptionSpec): string {
  const name = spec.kind === 'switch' ? `--[no-]${spec.flag}` : `--${spec.flag}`;
  const value = spec.value === undefined ? '' : ` ${spec.value}`;
  return `${name}${value}${spec.kind === 'list' ? '...' : ''}`;
}

function optionLine(spec: OptionSpec, command: CommandName | null): string[] {
  const notes = [
    rangeText(spec),
    defaultText(spec) === null ? null : `default: ${defaultText(spec)}`,
    spec.env === undefined ? null : `env ${spec.env}`,
    spec.aliases === undefined ? null : `also --${spec.aliases.join(', --')}`,
    command === null ? spec.commands.join(', ') : null,
  ].filter((note) => note !== null);
  return [
    `  ${flagText(spec)}`,
    ...wrap(notes.length === 0 ? spec.help : `${spec.help} (${notes.join('; ')})`, '      '),
  ];
}

/** Lines of at most 100 characters (a longer word stays whole). */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > 100) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

function optionsBySection(entries: readonly (readonly [string, OptionSpec])[], command: CommandName | null): string[] {
  const lines: string[] = [];
  for (const [section, title] of Object.entries(optionSections)) {
    const mine = entries.filter(([, spec]) => spec.section === section);
    if (mine.length === 0) continue;
    lines.push('', `${title}:`);
    for (const [, spec] of mine) lines.push(...optionLine(spec, command));
  }
  return lines;
}

/** `coauthor-graph --help`: the commands, then every option with the commands it applies to. */
export function globalHelp(): string {
  const width = Math.max(...commandNames.map((name) => name.length));
  return [
    'Usage: coauthor-graph <command> [options]      coauthor-graph <command> --help: one command in full',
    '',
    'Commands:',
    ...commandNames.flatMap((name) => {
      const help = commandHelp[name];
      const indent = ' '.repeat(width + 4);
      return help.arguments === undefined
        ? [`  ${name.padEnd(width)}  ${help.summary}`]
        : [`  ${name.padEnd(width)}  ${help.arguments}`, `${indent}${help.summary}`];
    }),
    '',
    'Options (each with the commands it applies to; a flag wins over its environment variable, which wins',
    'over the default):',
    ...optionsBySection(optionEntries(), null),
    '',
    dataFormatsNote,
    '',
  ].join('\n');
}

/** `coauthor-graph COMMAND --help`: its description and every option it takes. */
export function commandUsage(command: CommandName): string {
  const help = commandHelp[command];
  const options = optionsOf(command);
  const takesData = options.some(([id]) => id === 'data');
  return [
    `Usage: coauthor-graph ${command}${help.arguments === undefined ? '' : ` ${help.arguments}`} [options]`,
    '',
    help.summary,
    ...(help.details === undefined ? [] : [help.details]),
    ...(options.length === 0
      ? []
      : ['', 'Options (a flag wins over its environment variable, which wins over the default):']),
    ...optionsBySection(options, command),
    ...(takesData ? ['', dataFormatsNote] : []),
    '',
  ].join('\n');
}

function markdownCell(text: string): string {
  return text.replace(/\|/gu, '\\|');
}

/** The README's configuration tables: one per section, every option of the table. */
export function optionsMarkdown(): string {
  const lines: string[] = [
    '<!-- Made from src/options.ts by `npm run docs:options`; edit the table there, not here (a test compares them). -->',
  ];
  for (const [section, title] of Object.entries(optionSections)) {
    const mine = optionEntries().filter(([, spec]) => spec.section === section);
    if (mine.length === 0) continue;
    lines.push(
      '',
      `**${title}**`,
      '',
      '| flag | environment | default | values | commands | what it does |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const [, spec] of mine) {
      const flags = [flagText(spec), ...(spec.aliases ?? []).map((alias) => `--${alias}`)]
        .map((flag) => `\`${flag}\``)
        .join(', ');
      lines.push(
        `| ${[
          flags,
          spec.env === undefined ? '' : `\`${spec.env}\``,
          defaultText(spec) ?? '',
          rangeText(spec) ?? '',
          spec.commands.join(', '),
          spec.help,
        ]
          .map(markdownCell)
          .join(' | ')} |`,
      );
    }
  }
  return lines.join('\n');
}

export const optionsBegin = '<!-- options:begin -->';
export const optionsEnd = '<!-- options:end -->';

/** The README with the text between the option markers replaced by `optionsMarkdown()`. */
export function withOptionTables(readme: string): string {
  const begin = readme.indexOf(optionsBegin);
  const end = readme.indexOf(optionsEnd);
  if (begin === -1 || end < begin) throw new Error(`the README has no ${optionsBegin} ... ${optionsEnd} markers`);
  return `${readme.slice(0, begin + optionsBegin.length)}\n${optionsMarkdown()}\n${readme.slice(end)}`;
}
