import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

describe('alias add', () => {
  it('adds an entry, keeping the other entries and the layout, and check then merges the two spellings', async () => {
    const files = tempFiles({ 'aliases.json': '{\n  "A. Smith": "Alice Smith"\n}\n' });
    const file = files['aliases.json'] as string;
    const io = captureIO();
    expect(await main(['alias', 'add', 'Jon Lorraine', 'Jonathan Lorraine', '--aliases', file], io)).toBe(0);
    expect(io.stdout).toBe(`added "Jon Lorraine" → "Jonathan Lorraine" to ${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe(
      '{\n  "A. Smith": "Alice Smith",\n  "Jon Lorraine": "Jonathan Lorraine"\n}\n',
    );
    const check = captureIO();
    expect(await main(['check', '--data', 'data/duvenaud-publications.txt', '--aliases', file], check)).toBe(0);
    expect(check.stdout).toContain('authors: 30\n');
    expect(check.stdout).toContain('possible duplicate authors: none');
  });

  it('creates a missing file', async () => {
    const files = tempFiles({ 'other.txt': '' });
    const file = (files['other.txt'] as string).replace(/other\.txt$/u, 'new-aliases.json');
    expect(await main(['alias', 'add', 'Jon Lorraine', 'Jonathan Lorraine', '--aliases', file], captureIO())).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'Jon Lorraine': 'Jonathan Lorraine' });
  });

  it('refuses a cycle, a variant mapped elsewhere, the same name twice and a broken file, writing nothing', async () => {
    const original = '{ "A Smith": "B Smith" }';
    const file = tempFiles({ 'aliases.json': original })['aliases.json'] as string;
    const cycle = captureIO();
    expect(await main(['alias', 'add', 'B Smith', 'A Smith', '--aliases', file], cycle)).toBe(1);
    expect(cycle.stderr).toMatch(/would break .*alias cycle/su);
    const elsewhere = captureIO();
    expect(await main(['alias', 'add', 'a smith', 'C Smith', '--aliases', file], elsewhere)).toBe(1);
    expect(elsewhere.stderr).toContain('"a smith" already maps to "B Smith"');
    const same = captureIO();
    expect(await main(['alias', 'add', 'Jörn Smith', 'jorn smith', '--aliases', file], same)).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(original);
    const broken = tempFiles({ 'aliases.json': '{ "A": ' })['aliases.json'] as string;
    const io = captureIO();
    expect(await main(['alias', 'add', 'X Y', 'Z Y', '--aliases', broken], io)).toBe(1);
    expect(readFileSync(broken, 'utf8')).toBe('{ "A": ');
  });

  it('says so when the entry is already there', async () => {
    const file = tempFiles({ 'aliases.json': '{ "Jon Lorraine": "Jonathan Lorraine" }' })['aliases.json'] as string;
    const io = captureIO();
    expect(await main(['alias', 'add', 'JON LORRAINE', 'Jonathan Lorraine', '--aliases', file], io)).toBe(0);
    expect(io.stdout).toContain('already maps to "Jonathan Lorraine"');
  });

  it('is a usage error without two names', async () => {
    const io = captureIO();
    expect(await main(['alias', 'add', 'Only One'], io)).toBe(2);
    expect(io.stderr).toContain('alias add takes two names');
  });
});
