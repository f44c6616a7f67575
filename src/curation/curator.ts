/**
 * The curation service of one server: records a decision in the store, applies it to the network
 * served and swaps the result in (as `--watch` swaps a reloaded network).
 *
 * The decision is applied as replicas of the shared store apply one (db/curation-step.ts): to the
 * columns of the network served, only what it touches recomputed, in the warm curation worker on a
 * large network; the new network is served with its degrees at once and its other local metrics
 * carried over, stale, until computed in a worker (provisional-local.ts). When that cannot be done (a
 * revert of a decision made before this server started, whose undo record it does not have; the
 * curation file changed by another server), the network is rebuilt from the catalog the files gave,
 * kept in memory after the first load (or parsed once when the network came from the snapshot cache).
 *
 * Mutations of one server run one after another; each takes its basis (the last decision the network
 * it was asked on applies) when it arrives, so two at once about one author: the second conflicts.
 */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { LocalScores } from '../analysis/centrality.ts';
import { provisionalLocalFrom } from '../analysis/provisional-local.ts';
import {
  type CuratedColumns,
  curatedColumnsOffThread,
  localMetricsOffThread,
  prestartCurationStepWorker,
  stepsInThread,
} from '../db/curation-step.ts';
import { curatedNetworkFrom, curatedNetworkOf } from '../graph/curated-identity.ts';
import { type UndoRecords, decisionOutcome } from '../graph/identity-patch.ts';
import { compactOf } from '../graph/network-columns.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import type { Catalog } from '../ingest/catalog.ts';
import {
  type CuratedCatalog,
  type DecisionAction,
  type IdentityDecision,
  applyIdentityDecisions,
  identityFromDecisions,
} from '../ingest/identity-decisions.ts';
import {
  type CurationStore,
  type LogEntry,
  type LogPage,
  CurationRefused,
  checkRevert,
  touchedAuthors,
} from './store.ts';

export interface CuratorOptions {
  readonly store: CurationStore;
  readonly initial: AnalyzedNetwork;
  /** The decisions `initial` applies. */
  readonly initialDecisions: readonly IdentityDecision[];
  /** The catalog the data files give, before any decision. */
  readonly baseCatalog: () => Catalog;
  readonly maxAuthorsPerPaper: number | null;
  /**
   * Analyzes a new network; `previous` is the one it replaces (its all-pairs values serve until the
   * new ones are in); `local`: provisional local metrics to serve until `freshLocal` are in.
   */
  readonly analyze: (
    network: CoauthorNetwork,
    previous: AnalyzedNetwork,
    local?: { readonly local: LocalScores; readonly freshLocal?: Promise<LocalScores> },
  ) => AnalyzedNetwork;
  /** Hears each swap (logs, tests). */
  readonly onSwap?: (next: AnalyzedNetwork, milliseconds: number) => void;
}

export interface CurationOutcome {
  readonly logId: string;
  readonly networkVersion: string;
  /** The resulting author ids (a split: the original id's part first). */
  readonly authorIds: readonly string[];
  /** The network that shows the change. */
  readonly data: AnalyzedNetwork;
  /**
   * How this server made the network (without a database): the decision applied to the network
   * served (`patch`), or the network rebuilt from the catalog. Absent on a replica (it follows versions).
   */
  readonly how?: 'patch' | 'build';
}

export interface Curator {
  /** The network to serve now. */
  current(): AnalyzedNetwork;
  mutate(action: DecisionAction, note: string | null, actor: string): Promise<CurationOutcome>;
  log(first: number, after: string | null): Promise<LogPage>;
  logEntry(id: string): Promise<LogEntry | null>;
  close(): Promise<void>;
}

export function createCurator(options: CuratorOptions): Curator {
  const { store } = options;
  let current = options.initial;
  let basis = options.initialDecisions.reduce((max, decision) => Math.max(max, decision.id), 0);
  // What the network served applies, and the undo records of the decisions this server applied to it.
  let applied: readonly IdentityDecision[] = options.initialDecisions;
  let undo: UndoRecords = new Map();
  // The served network's own local metrics while they are computed (it serves provisional ones meanwhile).
  let freshLocal: Promise<LocalScores> | undefined;
  let base: Catalog | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const baseCatalog = () => (base ??= options.baseCatalog());
  prestartCurationStepWorker(current.network.columns);

  const check = (decisions: readonly IdentityDecision[], decision: IdentityDecision): CuratedCatalog => {
    checkRevert(decision.action, decisions);
    const curated = applyIdentityDecisions(baseCatalog(), [...decisions, decision]);
    const problem = curated.problems.find((found) => found.decisionId === decision.id);
    if (problem !== undefined) throw new CurationRefused(`This change does not apply: ${problem.message}.`);
    return curated;
  };

  /**
   * Checks `decision` against the network served when that network applies `decisions` (the part of
   * it the decision touches: milliseconds, under the store's lock): the authors it results in, or null
   * when the network served is not that one (another server changed the curation file).
   */
  const checkOnServed = (
    decisions: readonly IdentityDecision[],
    decision: IdentityDecision,
  ): { authorIds: readonly string[] | null } | null => {
    if (decisions.length !== applied.length || decisions.some((known, k) => known.id !== applied[k]?.id)) return null;
    checkRevert(decision.action, decisions);
    const outcome = decisionOutcome(current.network, decision, identityFromDecisions(decisions).redirects);
    if (outcome.problem !== null) throw new CurationRefused(`This change does not apply: ${outcome.problem}.`);
    return { authorIds: outcome.authorIds };
  };

  /** The network of patched columns, analyzed: on a large one, its local metrics provisional until computed in a worker. */
  const servePatched = async (step: CuratedColumns, decisions: readonly IdentityDecision[]) => {
    const network = curatedNetworkFrom(step.columns, decisions);
    const previous = current;
    if (stepsInThread(step.columns)) return { network, next: options.analyze(network, previous) };
    const local = await provisionalLocalFrom(network, previous, step.previousRows);
    // The same columns (a rejected pair): the local metrics are those served, or those being computed for them.
    const fresh =
      step.columns === previous.network.columns
        ? previous.localStale()
          ? freshLocal
          : undefined
        : localMetricsOffThread(compactOf(step.columns));
    freshLocal = fresh;
    return {
      network,
      next: options.analyze(network, previous, fresh === undefined ? { local } : { local, freshLocal: fresh }),
    };
  };

  const run = async (action: DecisionAction, note: string | null, actor: string, asked: number) => {
    let curated: CuratedCatalog | null = null;
    let checked: { authorIds: readonly string[] | null } | null = null;
    const recorded = await store.record({
      action,
      note,
      actor,
      basis: asked,
      check: (decisions, decision) => {
        checked = checkOnServed(decisions, decision);
        if (checked === null) curated = check(decisions, decision);
      },
    });
    const started = performance.now();
    const previous = current;
    const onServed = checked as { authorIds: readonly string[] | null } | null;
    const step =
      onServed === null
        ? null
        : await curatedColumnsOffThread({
            columns: previous.network.columns,
            previous: applied,
            next: recorded.decisions,
            undo,
          }).catch(() => null); // a failed worker: the network is rebuilt instead
    let network: CoauthorNetwork;
    let next: AnalyzedNetwork;
    let resulting: readonly string[] | undefined;
    if (step !== null) {
      ({ network, next } = await servePatched(step, recorded.decisions));
      undo = step.undo;
      resulting = onServed?.authorIds ?? undefined;
    } else {
      // Not checked against the whole catalog when it was checked on the network served: it applies.
      const { catalog, identity } =
        (curated as CuratedCatalog | null) ?? applyIdentityDecisions(baseCatalog(), recorded.decisions);
      network = curatedNetworkOf(catalog, { maxAuthorsPerPaper: options.maxAuthorsPerPaper }, recorded.decisions);
      next = options.analyze(network, previous);
      undo = new Map(); // the records were of the network replaced
      freshLocal = undefined;
      resulting = identity.results.get(recorded.decision.id);
    }
    current = next;
    applied = recorded.decisions;
    basis = Math.max(basis, recorded.decision.id);
    previous.dispose();
    options.onSwap?.(next, performance.now() - started);
    const authorIds = resulting ?? touchedAuthors(action, recorded.decisions).filter((id) => network.authors.has(id));
    return {
      logId: recorded.logId,
      networkVersion: recorded.networkVersion ?? network.version,
      authorIds,
      data: next,
      how: step === null ? ('build' as const) : ('patch' as const),
    };
  };

  return {
    current: () => current,
    mutate(action, note, actor) {
      const asked = basis; // what the requester saw
      const result = queue.then(() => run(action, note, actor, asked));
      queue = result.catch(() => undefined);
      return result;
    },
    log: (first, after) => store.log(first, after),
    logEntry: (id) => store.logEntry(id),
    close: () => store.close(),
  };
}
