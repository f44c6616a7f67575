/**
 * The curation store on PostgreSQL (migration 0003). A mutation is ONE transaction: the decision, the
 * authors it touches (`curated_authors`, whose rows are the conflict check), rejected pairs, its log
 * entry and a new `network_versions` row (the current version's import, curation_through = the new
 * decision), then NOTIFY coauthor_graph_versions with the new version's id (delivered at commit).
 *
 * Two curators changing one author at once: the second transaction waits on the first's row of
 * `curated_authors`, then finds it newer than its basis and rolls back; its attempt is then logged as
 * a conflict on its own. PostgreSQL unreachable: `CurationUnavailable`, and since nothing commits
 * before COMMIT, nothing is half-applied.
 */
import type { Database, DatabaseClient } from '../db/database.ts';
import { inTransaction } from '../db/database.ts';
import { VERSIONS_CHANNEL } from '../db/import-version.ts';
import { type IdentityDecision, pairKey, parseDecisionAction } from '../ingest/identity-decisions.ts';
import {
  type CurationRequest,
  type CurationStore,
  type LogEntry,
  type Recorded,
  CurationConflict,
  CurationRefused,
  CurationUnavailable,
  conflictMessage,
  touchedAuthors,
} from './store.ts';
import { errorMessage } from '../error-message.ts';

/** Errors that mean "the database is not there" (down, restarting, unreachable), not "the request is wrong". */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (
    typeof code === 'string' &&
    (/^(08|57P)/u.test(code) || /^E(CONN|PIPE|TIMEDOUT|HOSTUNREACH|NOTFOUND|AI_AGAIN)/u.test(code))
  )
    return true;
  // node-postgres and pg-pool raise a lost or refused connection as a plain Error without a code
  // ("Connection terminated unexpectedly", "timeout exceeded when trying to connect", "Client has
  // encountered a connection error and is not queryable"): their messages are the only signal there is.
  const message = errorMessage(error);
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/iu.test(
    message,
  );
}

async function available<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CurationConflict || error instanceof CurationRefused) throw error;
    if (isConnectionError(error))
      throw new CurationUnavailable(`the database cannot be reached (${errorMessage(error)}); nothing was changed`);
    throw error;
  }
}

interface LogRow {
  id: string;
  at: Date;
  actor: string;
  action: unknown;
  note: string | null;
  outcome: 'applied' | 'conflict';
  message: string | null;
  decision_id: string | null;
  network_version_id: string | null;
}

function entryOf(row: LogRow): LogEntry {
  return {
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    action: parseDecisionAction(row.action),
    note: row.note,
    outcome: row.outcome,
    message: row.message,
    decisionId: row.decision_id === null ? null : Number(row.decision_id),
    networkVersion: row.network_version_id === null ? null : String(row.network_version_id),
  };
}

async function decisionsOn(client: Pick<DatabaseClient, 'query'>): Promise<IdentityDecision[]> {
  const { rows } = await client.query<{ id: string; action: unknown }>(
    'SELECT id, action FROM identity_decisions ORDER BY id',
  );
  return rows.map((row) => ({ id: Number(row.id), action: parseDecisionAction(row.action) }));
}

/** The identity decisions a network version applies (every decision up to its curation_through). */
export async function loadIdentityDecisions(database: Database, curationThrough: number): Promise<IdentityDecision[]> {
  const { rows } = await database.query<{ id: string; action: unknown }>(
    'SELECT id, action FROM identity_decisions WHERE id <= $1 ORDER BY id',
    [curationThrough],
  );
  return rows.map((row) => ({ id: Number(row.id), action: parseDecisionAction(row.action) }));
}

export function postgresCurationStore(database: Database): CurationStore {
  const logConflict = async (request: CurationRequest, message: string): Promise<string> => {
    const { rows } = await database.query<{ id: string }>(
      `INSERT INTO curation_log (actor, action, note, outcome, message) VALUES ($1, $2, $3, 'conflict', $4) RETURNING id`,
      [request.actor, JSON.stringify(request.action), request.note, message],
    );
    return String(rows[0]?.id);
  };

  return {
    decisions: () => available(() => decisionsOn(database)),
    record: (request) =>
      available(async (): Promise<Recorded> => {
        let clash: string | null = null;
        try {
          return await inTransaction(database, async (client) => {
            const current = await client.query<{ id: string; import_id: string }>(
              'SELECT id, import_id FROM network_versions ORDER BY id DESC LIMIT 1',
            );
            const version = current.rows[0];
            if (version === undefined)
              throw new CurationRefused('There is no network version to curate yet: import the data first.');
            const decisions = await decisionsOn(client);
            const inserted = await client.query<{ id: string }>(
              'INSERT INTO identity_decisions (action) VALUES ($1) RETURNING id',
              [JSON.stringify(request.action)],
            );
            const decision: IdentityDecision = { id: Number(inserted.rows[0]?.id), action: request.action };
            // Sorted, so two transactions lock shared authors in one order (no deadlock).
            const touched = touchedAuthors(request.action, decisions);
            for (const authorId of touched) {
              const upsert = await client.query(
                `INSERT INTO curated_authors (author_id, last_decision) VALUES ($1, $2)
                 ON CONFLICT (author_id) DO UPDATE SET last_decision = EXCLUDED.last_decision
                 WHERE curated_authors.last_decision <= $3
                 RETURNING author_id`,
                [authorId, decision.id, request.basis],
              );
              if (upsert.rowCount === 0) {
                clash = conflictMessage(authorId);
                throw new CurationConflict(clash, '');
              }
            }
            await request.check(decisions, decision);
            if (request.action.kind === 'reject') {
              const ids = [...new Set(request.action.authorIds)];
              for (let i = 0; i < ids.length; i += 1)
                for (let j = i + 1; j < ids.length; j += 1) {
                  const [a, b] = pairKey(ids[i] as string, ids[j] as string).split('\u0000');
                  await client.query(
                    'INSERT INTO rejected_candidate_pairs (author_a, author_b, decision_id) VALUES ($1, $2, $3)',
                    [a, b, decision.id],
                  );
                }
            }
            if (request.action.kind === 'revert')
              await client.query('DELETE FROM rejected_candidate_pairs WHERE decision_id = $1', [
                request.action.decisionId,
              ]);
            const made = await client.query<{ id: string }>(
              `INSERT INTO network_versions (import_id, curation_through, reason, summary)
               VALUES ($1, $2, $3, $4) RETURNING id`,
              [
                version.import_id,
                decision.id,
                request.action.kind === 'revert' ? 'revert' : 'curation',
                JSON.stringify({ decision: decision.id, kind: request.action.kind }),
              ],
            );
            const networkVersion = String(made.rows[0]?.id);
            const logged = await client.query<{ id: string }>(
              `INSERT INTO curation_log (actor, action, note, outcome, decision_id, network_version_id)
               VALUES ($1, $2, $3, 'applied', $4, $5) RETURNING id`,
              [request.actor, JSON.stringify(request.action), request.note, decision.id, networkVersion],
            );
            await client.query('SELECT pg_notify($1, $2)', [VERSIONS_CHANNEL, networkVersion]);
            return { logId: String(logged.rows[0]?.id), decision, decisions: [...decisions, decision], networkVersion };
          });
        } catch (error) {
          // A deadlock or serialization failure between two curators is a conflict as well.
          const code = (error as { code?: string }).code;
          if (clash === null && (code === '40P01' || code === '40001'))
            clash = conflictMessage(touchedAuthors(request.action, []).join('", "'));
          if (clash !== null) throw new CurationConflict(clash, await logConflict(request, clash));
          throw error;
        }
      }),
    log: (first, after) =>
      available(async () => {
        const { rows } = await database.query<LogRow>(
          `SELECT * FROM curation_log WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
          [after === null ? null : after, first + 1],
        );
        const count = await database.query<{ total: string }>('SELECT count(*) AS total FROM curation_log');
        return {
          entries: rows.slice(0, first).map(entryOf),
          hasNextPage: rows.length > first,
          total: Number(count.rows[0]?.total ?? 0),
        };
      }),
    logEntry: (id) =>
      available(async () => {
        if (!/^\d{1,18}$/u.test(id)) return null;
        const { rows } = await database.query<LogRow>('SELECT * FROM curation_log WHERE id = $1', [id]);
        return rows[0] === undefined ? null : entryOf(rows[0]);
      }),
    close: async () => {},
  };
}
