/**
 * The curation store without a database: one JSON file beside the data (`<first data file>.curation.json`
 * unless `--curation FILE`), holding the decisions and the audit log. Each change takes the file's
 * lock, reads it, and replaces it atomically (src/files/atomic-file.ts): a reader sees the old file or
 * the new one, and two servers or two requests on one file take turns and lose nothing.
 */
import { FileLockedError, readRegularFile, withFileLock, writeFileAtomic } from '../files/atomic-file.ts';
import { type IdentityDecision, parseDecisionAction } from '../ingest/identity-decisions.ts';
import {
  type CurationRequest,
  type CurationStore,
  type LogEntry,
  type LogPage,
  type Recorded,
  CurationConflict,
  CurationUnavailable,
  conflictIn,
  conflictMessage,
  touchedAuthors,
} from './store.ts';
import { errorMessage } from '../error-message.ts';

const FORMAT = 'coauthor-graph curation';
const MAX_BYTES = 256 * 1024 * 1024;

interface StoredDecision {
  readonly id: number;
  readonly at: string;
  readonly action: unknown;
}

interface StoredEntry extends Omit<LogEntry, 'at' | 'action'> {
  readonly at: string;
  readonly action: unknown;
}

interface CurationFile {
  readonly format: typeof FORMAT;
  readonly version: 1;
  decisions: StoredDecision[];
  log: StoredEntry[];
}

/** The decisions in a curation file (none when it does not exist); throws with the file's name when it is not one. */
export function readCurationFile(path: string): { decisions: IdentityDecision[]; log: LogEntry[] } {
  const file = readFile(path);
  return {
    decisions: file.decisions.map((decision) => ({ id: decision.id, action: parseDecisionAction(decision.action) })),
    log: file.log.map((entry) => ({ ...entry, at: new Date(entry.at), action: parseDecisionAction(entry.action) })),
  };
}

function readFile(path: string): CurationFile {
  const bytes = readRegularFile(path, { maxBytes: MAX_BYTES });
  if (bytes === null) return { format: FORMAT, version: 1, decisions: [], log: [] };
  let parsed: CurationFile;
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as CurationFile;
  } catch (error) {
    throw new Error(`${path} is not a curation file: ${errorMessage(error)}`);
  }
  if (parsed?.format !== FORMAT || !Array.isArray(parsed.decisions) || !Array.isArray(parsed.log)) {
    throw new Error(`${path} is not a curation file (no "format": "${FORMAT}" with decisions and log)`);
  }
  try {
    for (const decision of parsed.decisions) parseDecisionAction(decision.action);
  } catch (error) {
    throw new Error(`${path}: ${errorMessage(error)}`);
  }
  return parsed;
}

export function fileCurationStore(path: string): CurationStore {
  const change = <T>(work: (file: CurationFile) => T): T => {
    try {
      return withFileLock(path, () => {
        const file = readFile(path);
        const result = work(file);
        writeFileAtomic(path, `${JSON.stringify(file, null, 1)}\n`);
        return result;
      });
    } catch (error) {
      if (error instanceof FileLockedError) throw new CurationUnavailable(error.message);
      throw error;
    }
  };
  const entries = () => readCurationFile(path).log;
  return {
    decisions: async () => readCurationFile(path).decisions,
    record: async (request: CurationRequest): Promise<Recorded> => {
      const refused: { conflict: CurationConflict | null } = { conflict: null };
      const recorded = change((file) => {
        const decisions = file.decisions.map((d) => ({ id: d.id, action: parseDecisionAction(d.action) }));
        const at = new Date().toISOString();
        const logId = String(file.log.length + 1);
        const clash = conflictIn(touchedAuthors(request.action, decisions), decisions, request.basis);
        if (clash !== null) {
          const message = conflictMessage(clash.authorId);
          file.log.push({
            id: logId,
            at,
            actor: request.actor,
            action: request.action,
            note: request.note,
            outcome: 'conflict',
            message,
            decisionId: null,
            networkVersion: null,
          });
          refused.conflict = new CurationConflict(message, logId);
          return null;
        }
        const decision: IdentityDecision = {
          id: (decisions.at(-1)?.id ?? 0) + 1,
          action: request.action,
        };
        const pending = request.check(decisions, decision); // throws before anything is written
        if (pending instanceof Promise) {
          pending.catch(() => undefined);
          throw new Error('the curation file is written under a lock: its checks must be synchronous');
        }
        file.decisions.push({ id: decision.id, at, action: decision.action });
        file.log.push({
          id: logId,
          at,
          actor: request.actor,
          action: request.action,
          note: request.note,
          outcome: 'applied',
          message: null,
          decisionId: decision.id,
          networkVersion: null,
        });
        return { logId, decision, decisions: [...decisions, decision], networkVersion: null };
      });
      if (refused.conflict !== null) throw refused.conflict;
      return recorded as Recorded;
    },
    log: async (first, after): Promise<LogPage> => {
      const newestFirst = entries().reverse();
      const start = after === null ? 0 : newestFirst.findIndex((entry) => entry.id === after) + 1;
      const page = newestFirst.slice(start, start + first);
      return { entries: page, hasNextPage: start + first < newestFirst.length, total: newestFirst.length };
    },
    logEntry: async (id) => entries().find((entry) => entry.id === id) ?? null,
    close: async () => {},
  };
}
