/**
 * `coauthor-graph db migrate|status --database URL`: brings the shared store's schema up to date
 * (src/db/migrate.ts), or says which migrations are applied and which are pending.
 */
import { databaseCommandConfig } from '../config.ts';
import { connectDatabase, redactDatabaseUrl } from '../db/database.ts';
import { MigrationError, migrate, migrationStatus } from '../db/migrate.ts';
import type { CommandIO } from './io.ts';
import { errorMessage } from '../error-message.ts';

export async function dbCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const config = databaseCommandConfig(args);
  const database = connectDatabase(config.databaseUrl, { applicationName: 'coauthor-graph db' });
  const where = redactDatabaseUrl(config.databaseUrl);
  try {
    if (config.action === 'migrate') {
      const applied = await migrate(database);
      if (applied.length === 0) io.out(`${where}: the schema is up to date\n`);
      for (const migration of applied) io.out(`applied ${migration.version} ${migration.name}\n`);
      return 0;
    }
    const status = await migrationStatus(database);
    for (const row of status.applied) io.out(`applied ${row.version} ${row.name} at ${row.appliedAt.toISOString()}\n`);
    for (const migration of status.pending) io.out(`pending ${migration.version} ${migration.name}\n`);
    return status.pending.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof MigrationError) {
      io.err(`coauthor-graph db ${config.action}: ${error.message}\n`);
      return 1;
    }
    io.err(`coauthor-graph db ${config.action}: cannot use the database at ${where}: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await database.end();
  }
}
