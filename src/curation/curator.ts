/**
 * The curation service of one server: records a decision in the store, rebuilds the network from the
 * catalog with every decision applied, and swaps it in (as `--watch` swaps a reloaded network).
 *
 * The rebuild starts from the catalog the files gave, kept in memory after the first load (or parsed
 * once on the first mutation when the network came from the snapshot cache): a mutation re-parses
 * nothing; it re-applies the decisions (milliseconds) and rebuilds the columns.
 *
 * Mutations of one server run one after another; each takes its basis (the last decision the network
 * it was asked on applies) when it arrives, so two at once about one author: the second conflicts.
 */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import { curatedNetworkOf } from '../graph/curated-identity.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import type { Catalog } from '../ingest/catalog.ts';
import {
  type CuratedCatalog,
  type DecisionAction,
  type IdentityDecision,
  applyIdentityDecisions,
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
  /** The last decision `initial` applies (0: none). */
  readonly initialBasis: number;
  /** The catalog the data files give, before any decision. */
  readonly baseCatalog: () => Catalog;
  readonly maxAuthorsPerPaper: number | null;
  /** Analyzes a rebuilt network; `previous` is the one it replaces (its all-pairs values serve until the new ones are in). */
  readonly analyze: (network: CoauthorNetwork, previous: AnalyzedNetwork) => AnalyzedNetwork;
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
  let basis = options.initialBasis;
  let base: Catalog | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const baseCatalog = () => (base ??= options.baseCatalog());

  const check = (decisions: readonly IdentityDecision[], decision: IdentityDecision): CuratedCatalog => {
    checkRevert(decision.action, decisions);
    const curated = applyIdentityDecisions(baseCatalog(), [...decisions, decision]);
    const problem = curated.problems.find((found) => found.decisionId === decision.id);
    if (problem !== undefined) throw new CurationRefused(`This change does not apply: ${problem.message}.`);
    return curated;
  };

  const run = async (action: DecisionAction, note: string | null, actor: string, asked: number) => {
    let curated: CuratedCatalog | null = null;
    const recorded = await store.record({
      action,
      note,
      actor,
      basis: asked,
      check: (decisions, decision) => {
        curated = check(decisions, decision);
      },
    });
    const started = performance.now();
    const { catalog, identity } = curated as unknown as CuratedCatalog;
    const network = curatedNetworkOf(catalog, { maxAuthorsPerPaper: options.maxAuthorsPerPaper }, recorded.decisions);
    const previous = current;
    const next = options.analyze(network, previous);
    current = next;
    basis = Math.max(basis, recorded.decision.id);
    previous.dispose();
    options.onSwap?.(next, performance.now() - started);
    const authorIds =
      identity.results.get(recorded.decision.id) ??
      touchedAuthors(action, recorded.decisions).filter((id) => network.authors.has(id));
    return {
      logId: recorded.logId,
      networkVersion: recorded.networkVersion ?? network.version,
      authorIds,
      data: next,
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
