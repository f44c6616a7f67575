import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAliasFile, parseAliases } from '../../src/ingest/aliases.ts';
import { SEED_ALIAS_FILE } from '../helpers/networks.ts';

const FILE = 'aliases.json';

function mapping(text: string): Record<string, string> {
  return Object.fromEntries(parseAliases(text, FILE).aliases.canonicalByKey);
}

describe('parseAliases', () => {
  it('maps the identity key of each variant to the cleaned canonical name', () => {
    const result = parseAliases('{ "  Jon   LORRAINE ": "  Jonathan   Lorraine " }', FILE);
    expect(result.problems).toEqual([]);
    expect(result.aliases.file).toBe(FILE);
    expect(Object.fromEntries(result.aliases.canonicalByKey)).toEqual({ 'jon lorraine': 'Jonathan Lorraine' });
  });

  it('normalizes variants to NFC, so a decomposed spelling in the file matches a composed one in the data', () => {
    expect(mapping(JSON.stringify({ ['J\u006f\u0308rn Jacobsen']: 'Jörn-Henrik Jacobsen' }))).toEqual({
      ['jorn jacobsen']: 'Jörn-Henrik Jacobsen',
    });
  });

  it('ignores an entry that maps a name to itself up to case and whitespace', () => {
    expect(mapping('{ "jonathan  lorraine": "Jonathan Lorraine" }')).toEqual({});
  });

  it('tolerates a byte-order mark', () => {
    expect(mapping('\uFEFF{ "Jon Lorraine": "Jonathan Lorraine" }')).toEqual({ 'jon lorraine': 'Jonathan Lorraine' });
  });

  it('resolves chains to the end of the chain', () => {
    const result = parseAliases('{\n  "A. Smith": "Al Smith",\n  "Al Smith": "Alice Smith"\n}', FILE);
    expect(result.problems).toEqual([]);
    expect(Object.fromEntries(result.aliases.canonicalByKey)).toEqual({
      'a smith': 'Alice Smith',
      'al smith': 'Alice Smith',
    });
  });

  it('reports a cycle with its line and maps none of its members', () => {
    const result = parseAliases('{\n  "A Smith": "B Smith",\n  "B Smith": "A Smith"\n}', FILE);
    expect(result.aliases.canonicalByKey.size).toBe(0);
    expect(result.problems).toEqual([
      { severity: 'error', file: FILE, line: 2, message: 'alias cycle through "A Smith"' },
      { severity: 'error', file: FILE, line: 3, message: 'alias cycle through "B Smith"' },
    ]);
  });

  it('reports a chain that runs into a cycle instead of guessing', () => {
    const result = parseAliases('{ "X": "A", "A": "B", "B": "A" }', FILE);
    expect(result.aliases.canonicalByKey.size).toBe(0);
    expect(result.problems.map((problem) => problem.message)).toContain('alias cycle through "X"');
  });

  it('reports a variant mapped to two names (up to case) and keeps the first', () => {
    const result = parseAliases(
      '{\n  "Jon Lorraine": "Jonathan Lorraine",\n  "JON LORRAINE": "Jon Lorraine-Smith"\n}',
      FILE,
    );
    expect(Object.fromEntries(result.aliases.canonicalByKey)).toEqual({ 'jon lorraine': 'Jonathan Lorraine' });
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: FILE,
        line: 3,
        message: '"JON LORRAINE" is mapped to both "Jonathan Lorraine" and "Jon Lorraine-Smith"',
      },
    ]);
  });

  it('reports a variant written twice with two names, although JSON.parse would keep only the last', () => {
    const result = parseAliases('{\n  "Jon Lorraine": "Jonathan Lorraine",\n  "Jon Lorraine": "Someone Else"\n}', FILE);
    expect(Object.fromEntries(result.aliases.canonicalByKey)).toEqual({ 'jon lorraine': 'Jonathan Lorraine' });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ severity: 'error', line: 3 });
  });

  it('accepts the same mapping written twice', () => {
    const result = parseAliases('{ "Jon Lorraine": "Jonathan Lorraine", "jon lorraine": "JONATHAN LORRAINE" }', FILE);
    expect(result.problems).toEqual([]);
    expect(result.aliases.canonicalByKey.get('jon lorraine')).toMatch(/^jonathan lorraine$/iu);
  });

  it('reports empty names and non-string values with their line and loads the other entries', () => {
    const result = parseAliases(
      '{\n  "": "Somebody",\n  "Nobody": "  ",\n  "Number": 3,\n  "Jon Lorraine": "Jonathan Lorraine"\n}',
      FILE,
    );
    expect(Object.fromEntries(result.aliases.canonicalByKey)).toEqual({ 'jon lorraine': 'Jonathan Lorraine' });
    expect(result.problems.map((problem) => [problem.severity, problem.line])).toEqual([
      ['error', 2],
      ['error', 3],
      ['error', 4],
    ]);
  });

  it('reports invalid JSON naming the file and loads nothing', () => {
    const result = parseAliases('{ "Jon Lorraine": ', 'my-aliases.json');
    expect(result.aliases.canonicalByKey.size).toBe(0);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ severity: 'error', file: 'my-aliases.json', line: null });
    expect(result.problems[0]?.message).toMatch(/not valid JSON/u);
  });

  it.each([
    ['an array', '["Jon Lorraine"]'],
    ['a string', '"Jon Lorraine"'],
    ['null', 'null'],
  ])('rejects %s at the top level', (_what, text) => {
    const result = parseAliases(text, FILE);
    expect(result.aliases.canonicalByKey.size).toBe(0);
    expect(result.problems).toEqual([
      { severity: 'error', file: FILE, line: null, message: expect.stringMatching(/must be a JSON object/u) },
    ]);
  });
});

describe('loadAliasFile', () => {
  it('reads the bundled alias file: Jon Lorraine is Jonathan Lorraine', () => {
    const result = loadAliasFile(SEED_ALIAS_FILE);
    expect(result.problems).toEqual([]);
    expect(Object.fromEntries(result.aliases.canonicalByKey)).toEqual({ 'jon lorraine': 'Jonathan Lorraine' });
  });

  it('names the file when its JSON is bad', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aliases-')), 'bad-aliases.json');
    writeFileSync(file, '{ "Jon Lorraine": "Jonathan Lorraine", }');
    const result = loadAliasFile(file);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ severity: 'error', file });
    expect(result.aliases.canonicalByKey.size).toBe(0);
  });

  it('names the file when it cannot be read', () => {
    const file = join(tmpdir(), 'coauthor-graph-no-such-aliases.json');
    const result = loadAliasFile(file);
    expect(result.problems).toEqual([
      { severity: 'error', file, line: null, message: expect.stringMatching(/^cannot read alias file/u) },
    ]);
  });
});
