/**
 * `coauthor-graph token create --role curator|admin | revoke ID | list`: the bearer tokens that may
 * run curation mutations, in the database (`--database URL` / DATABASE_URL) or, without one, in the
 * token file (`--tokens FILE`, default ~/.config/coauthor-graph/tokens.json, mode 0600). `create`
 * prints the new token alone on its last line: it is shown this once and stored only as a hash.
 */
import { tokenCommandConfig } from '../config.ts';
import { defaultTokenFile, fileTokenStore, postgresTokenStore } from '../curation/tokens.ts';
import { connectDatabase, redactDatabaseUrl } from '../db/database.ts';
import type { CommandIO } from './io.ts';
import { errorMessage } from '../error-message.ts';

export async function tokenCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const config = tokenCommandConfig(args);
  const database =
    config.databaseUrl === null
      ? null
      : connectDatabase(config.databaseUrl, { applicationName: 'coauthor-graph token' });
  const file = config.tokenFile ?? defaultTokenFile();
  const where = database === null ? file : redactDatabaseUrl(config.databaseUrl as string);
  const store = database === null ? fileTokenStore(file) : postgresTokenStore(database);
  try {
    switch (config.action) {
      case 'create': {
        const { id, token } = await store.create(config.role ?? 'curator', config.label);
        io.out(
          `token ${id} (${config.role}) stored in ${where}; this is the only time it is shown (send it as "Authorization: Bearer <token>"):\n${token}\n`,
        );
        return 0;
      }
      case 'revoke': {
        const done = await store.revoke(config.id as string);
        if (!done) {
          io.err(`coauthor-graph token revoke: no active token ${config.id} in ${where}\n`);
          return 1;
        }
        io.out(`token ${config.id} revoked\n`);
        return 0;
      }
      case 'list': {
        const tokens = await store.list();
        if (tokens.length === 0) io.out(`no tokens in ${where}\n`);
        for (const token of tokens)
          io.out(
            `${token.id}\t${token.role}\t${token.revokedAt === null ? 'active' : `revoked ${token.revokedAt.toISOString()}`}\tcreated ${token.createdAt.toISOString()}${token.label === null ? '' : `\t${token.label}`}\n`,
          );
        return 0;
      }
    }
    return 2; // every action is handled above
  } catch (error) {
    io.err(`coauthor-graph token ${config.action}: cannot use ${where}: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await database?.end();
  }
}
