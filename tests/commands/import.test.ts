import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

const paper = (id: string, title: string, authors: string[]) => JSON.stringify({ id, title, authors, year: 2020 });

describe.runIf(postgresAvailable)('coauthor-graph import', () => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('import_command');
    database = connectDatabase(testDatabase.url);
  });
  afterAll(async () => {
    await database.end();
    await testDatabase.drop();
  });

  it('refuses a database whose schema is not current, and says how to fix it', async () => {
    const io = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', 'data/duvenaud-publications.txt'], io)).toBe(
      1,
    );
    expect(io.stderr).toMatch(/needs \d+ migration\(s\).*run coauthor-graph db migrate/u);
    await migrate(database);
  });

  it('imports files as a new version, is a no-op for the same files, and summarises a change by id', async () => {
    const files = tempFiles({
      'v1.jsonl': [
        paper('p1', 'One', ['A One', 'B Two']),
        paper('p2', 'Two', ['B Two', 'C Three']),
        paper('p3', 'Three', ['C Three']),
      ].join('\n'),
      'v2.jsonl': [
        paper('p1', 'One', ['A One', 'B Two']),
        paper('p2', 'Two, revised', ['B Two', 'C Three']),
        paper('p4', 'Four', ['D Four', 'A One']),
      ].join('\n'),
    });
    const first = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', files['v1.jsonl']!], first)).toBe(0);
    expect(first.stdout).toMatch(/imported 3 papers \(3 records\) as import \d+, network version (\d+)/u);
    expect(first.stdout).toContain('first import: 3 papers added');

    const again = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', files['v1.jsonl']!], again)).toBe(0);
    expect(again.stdout).toMatch(/^unchanged: these files are the latest import already/u);
    const versions = await database.query('SELECT count(*)::int AS n FROM network_versions');
    expect(versions.rows[0].n).toBe(1);

    const changed = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', files['v2.jsonl']!], changed)).toBe(0);
    expect(changed.stdout).toMatch(/changes since import \d+: 1 added, 1 removed, 1 changed, 1 unchanged/u);
    expect(changed.stdout).toContain('  added: p4\n');
    expect(changed.stdout).toContain('  removed: p3\n');
    expect(changed.stdout).toContain('  changed: p2\n');
    const { rows } = await database.query(
      'SELECT v.id, v.reason, i.summary FROM network_versions v JOIN imports i ON i.id = v.import_id ORDER BY v.id',
    );
    expect(rows.map((row) => row.reason)).toEqual(['import', 'import']);
    expect(rows[1].summary).toMatchObject({ added: 1, removed: 1, changed: 1, addedIds: ['p4'] });

    // Back to the first files: not the latest import, so a new version (the same as the first).
    const back = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', files['v1.jsonl']!], back)).toBe(0);
    expect(back.stdout).toMatch(/1 added, 1 removed, 1 changed, 1 unchanged/u);
  });

  it('refuses a file with an unreadable record, naming file and line, and imports nothing', async () => {
    const files = tempFiles({
      'bad.jsonl': [paper('ok', 'Fine', ['A One']), '{"title": "broken"', paper('ok2', 'Fine too', ['B Two'])].join(
        '\n',
      ),
    });
    const before = await database.query('SELECT count(*)::int AS n FROM imports');
    const io = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', files['bad.jsonl']!], io)).toBe(1);
    expect(io.stderr).toContain(`${files['bad.jsonl']}:2: error`);
    expect(io.stderr).toContain('nothing imported');
    const after = await database.query('SELECT count(*)::int AS n FROM imports');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('lets check, report and export load the current version with --database', async () => {
    const files = tempFiles({
      'current.jsonl': [
        paper('x1', 'X One', ['Ann Lee', 'Bo Chen']),
        paper('x2', 'X Two', ['Bo Chen', 'Cy Diaz']),
      ].join('\n'),
    });
    expect(await main(['import', '--database', testDatabase.url, '--data', files['current.jsonl']!], captureIO())).toBe(
      0,
    );
    const { rows } = await database.query('SELECT max(id)::int AS id FROM network_versions');
    const check = captureIO();
    expect(await main(['check', '--database', testDatabase.url], check)).toBe(0);
    expect(check.stdout).toContain(`network version ${rows[0].id} (import`);
    expect(check.stdout).toContain('papers: 2\nauthors: 3\ncollaborations: 2\n');
    const report = captureIO();
    expect(
      await main(
        ['report', '--database', testDatabase.url, '--metric', 'degree', '--format', 'csv', '--no-cache'],
        report,
      ),
    ).toBe(0);
    expect(report.stdout.split('\n')[1]).toMatch(/^1,bo-chen,Bo Chen,1(\.0+)?$/u);
    const exported = captureIO();
    expect(
      await main(
        ['export', '--database', testDatabase.url, '--format', 'csv', '--table', 'edges', '--no-cache'],
        exported,
      ),
    ).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(3);
    const mixed = captureIO();
    expect(
      await main(['report', '--database', testDatabase.url, '--metric', 'degree', '--data', 'x.jsonl'], mixed),
    ).toBe(2);
    expect(mixed.stderr).toContain('--data cannot be used with --database');
  });

  it('needs --database and --data', async () => {
    const io = captureIO();
    expect(await main(['import', '--data', 'data/duvenaud-publications.txt'], io)).toBe(2);
    expect(io.stderr).toContain('import needs --database URL');
    const none = captureIO();
    expect(await main(['import', '--database', testDatabase.url], none)).toBe(2);
    expect(none.stderr).toContain('import needs the files to load');
  });
});
