/** `coauthor-graph token create|revoke|list`, on the token file and on PostgreSQL. */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { connectDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { fileTokenStore, postgresTokenStore } from '../../src/curation/tokens.ts';
import { createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO } from '../helpers/files.ts';

describe('coauthor-graph token', () => {
  it('create prints the token alone on the last line; the file (0600) keeps its hash; list and revoke', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'coauthor-graph-tokens-')), 'sub', 'tokens.json');
    const io = captureIO();
    expect(await main(['token', 'create', '--role', 'curator', '--label', 'alice', '--tokens', file], io)).toBe(0);
    const token = io.stdout.trimEnd().split('\n').at(-1) as string;
    expect(token).toMatch(/^cgt_[A-Za-z0-9_-]{43}$/u);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(token);
    expect(await fileTokenStore(file).verify(token)).toEqual({ id: '1', role: 'curator' });

    const list = captureIO();
    expect(await main(['token', 'list', '--tokens', file], list)).toBe(0);
    expect(list.stdout).toMatch(/^1\tcurator\tactive\tcreated .*\talice\n$/u);
    expect(list.stdout).not.toContain(token);

    expect(await main(['token', 'revoke', '1', '--tokens', file], captureIO())).toBe(0);
    expect(await fileTokenStore(file).verify(token)).toBeNull();
    const again = captureIO();
    expect(await main(['token', 'revoke', '1', '--tokens', file], again)).toBe(1);
    expect(again.stderr).toMatch(/no active token 1/u);
  });

  it('refuses a missing or unknown role', async () => {
    const io = captureIO();
    expect(await main(['token', 'create'], io)).toBe(2);
    expect(io.stderr).toMatch(/--role curator or --role admin/u);
    expect(await main(['token', 'create', '--role', 'root'], captureIO())).toBe(2);
  });

  it.skipIf(!postgresAvailable)('with --database: stored hashed in api_tokens', async () => {
    const testDatabase = await createTestDatabase('tokens');
    const database = connectDatabase(testDatabase.url);
    try {
      await migrate(database);
      const io = captureIO();
      expect(await main(['token', 'create', '--role', 'admin', '--database', testDatabase.url], io)).toBe(0);
      const token = io.stdout.trimEnd().split('\n').at(-1) as string;
      const { rows } = await database.query('SELECT * FROM api_tokens');
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(await postgresTokenStore(database).verify(token)).toEqual({ id: '1', role: 'admin' });
    } finally {
      await database.end();
      await testDatabase.drop();
    }
  });
});
