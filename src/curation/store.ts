/**
 * Where curation lives: the identity decisions and the audit log of every attempt. Two stores keep
 * them, with one behaviour: a curation file beside the data (no database; file-store.ts) and
 * PostgreSQL (pg-store.ts), where each mutation is one transaction that also makes a network version.
 *
 * Concurrency: a request names the last decision its view of the network includes (`basis`). When a
 * decision newer than that touched one of the same authors, the request is a `CurationConflict`
 * (recorded in the log too): two curators changing one author at once, one commits, the other is told.
 */
import {
  type DecisionAction,
  type IdentityDecision,
  authorsTouched,
  decisionsInEffect,
} from '../ingest/identity-decisions.ts';

export interface LogEntry {
  readonly id: string;
  readonly at: Date;
  /** Who: a token's id and role (`token 3 (curator)`), never the token. */
  readonly actor: string;
  readonly action: DecisionAction;
  readonly note: string | null;
  readonly outcome: 'applied' | 'conflict';
  /** Why it was refused (a conflict), else null. */
  readonly message: string | null;
  readonly decisionId: number | null;
  /** The network version it produced (PostgreSQL's version id); null without a database or when refused. */
  readonly networkVersion: string | null;
}

export interface CurationRequest {
  readonly action: DecisionAction;
  readonly note: string | null;
  readonly actor: string;
  /** The last decision the requester's view includes: a newer decision about the same author is a conflict. */
  readonly basis: number;
  /** Throws `CurationRefused` when the decision cannot apply after `decisions` (checked under the store's lock). */
  readonly check: (decisions: readonly IdentityDecision[], decision: IdentityDecision) => void | Promise<void>;
}

export interface Recorded {
  readonly logId: string;
  readonly decision: IdentityDecision;
  /** Every decision, this one included. */
  readonly decisions: readonly IdentityDecision[];
  readonly networkVersion: string | null;
}

export interface LogPage {
  readonly entries: readonly LogEntry[];
  readonly hasNextPage: boolean;
  /** Entries in the whole log. */
  readonly total: number;
}

export interface CurationStore {
  /** Every decision so far, in id order. */
  decisions(): Promise<IdentityDecision[]>;
  record(request: CurationRequest): Promise<Recorded>;
  /** Newest first; `after`: a log entry id, the page continues with older entries. */
  log(first: number, after: string | null): Promise<LogPage>;
  logEntry(id: string): Promise<LogEntry | null>;
  close(): Promise<void>;
}

/** Another curator changed the same author since the requester's view: recorded, not applied. */
export class CurationConflict extends Error {
  override readonly name = 'CurationConflict';
  constructor(
    message: string,
    readonly logId: string,
  ) {
    super(message);
  }
}

/** The decision does not apply (an unknown author, a split that moves nothing): nothing recorded. */
export class CurationRefused extends Error {
  override readonly name = 'CurationRefused';
  constructor(
    message: string,
    readonly argument?: string,
  ) {
    super(message);
  }
}

/** The store cannot be reached (PostgreSQL down): nothing was applied. */
export class CurationUnavailable extends Error {
  override readonly name = 'CurationUnavailable';
}

/** Refuses a revert of a decision that does not exist or is reverted already (`CurationRefused`). */
export function checkRevert(action: DecisionAction, decisions: readonly IdentityDecision[]): void {
  if (action.kind !== 'revert') return;
  const target = decisions.find((known) => known.id === action.decisionId);
  if (target === undefined) throw new CurationRefused(`There is no decision ${action.decisionId} to revert.`, 'id');
  if (!decisionsInEffect(decisions).has(target.id))
    throw new CurationRefused(`Decision ${action.decisionId} is reverted already.`, 'id');
}

/** The authors a decision is about; a revert is about the authors of the decision it undoes. */
export function touchedAuthors(action: DecisionAction, decisions: readonly IdentityDecision[]): string[] {
  if (action.kind !== 'revert') return [...new Set(authorsTouched(action))].sort();
  const target = decisions.find((decision) => decision.id === action.decisionId);
  return target === undefined ? [] : touchedAuthors(target.action, decisions);
}

/** The first author whose last decision is newer than `basis`, or null. */
export function conflictIn(
  touched: readonly string[],
  decisions: readonly IdentityDecision[],
  basis: number,
): { authorId: string; decisionId: number } | null {
  const wanted = new Set(touched);
  for (let i = decisions.length - 1; i >= 0; i -= 1) {
    const decision = decisions[i] as IdentityDecision;
    if (decision.id <= basis) break;
    const hit = touchedAuthors(decision.action, decisions).find((id) => wanted.has(id));
    if (hit !== undefined) return { authorId: hit, decisionId: decision.id };
  }
  return null;
}

export function conflictMessage(authorId: string): string {
  return `Another curator changed author "${authorId}" at the same time; this change was not applied. Look at the author again and retry.`;
}
