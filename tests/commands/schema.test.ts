import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

describe('schema', () => {
  it('prints the SDL', async () => {
    const io = captureIO();
    expect(await main(['schema'], io)).toBe(0);
    expect(io.stdout).toBe(readFileSync('schema/schema.graphql', 'utf8'));
  });

  it('--check passes on the checked-in file and fails on a stale one', async () => {
    expect(await main(['schema', '--check', 'schema/schema.graphql'], captureIO())).toBe(0);
    const files = tempFiles({ 'stale.graphql': 'type Query { old: Int }\n' });
    const io = captureIO();
    expect(await main(['schema', '--check', files['stale.graphql']!], io)).toBe(1);
    expect(io.stderr).toContain('out of date');
  });
});
