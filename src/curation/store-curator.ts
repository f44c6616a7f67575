/**
 * Curation on a replica of the shared store (`serve --database`). A mutation is recorded in PostgreSQL
 * (decision, log entry and a new network version, one transaction, then NOTIFY); the replica does not
 * rebuild anything itself: like every other replica it follows the new version (follow-versions.ts,
 * built off the event loop with the decisions applied) and the mutation answers once this replica
 * serves it, so the author it returns shows the change.
 *
 * Before recording, a decision is checked against the network served: the authors it names exist and
 * a revert undoes a decision in effect. Conflicts between curators are the store's (a newer decision
 * about the same author than the requester's view is `CONFLICT`).
 */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { VersionFollower } from '../commands/follow-versions.ts';
import { curatedIdentity, findAuthorById } from '../graph/curated-identity.ts';
import { findAuthorByName } from '../graph/lookup.ts';
import type { DecisionAction, IdentityDecision } from '../ingest/identity-decisions.ts';
import type { CurationOutcome, Curator } from './curator.ts';
import { type CurationStore, CurationRefused, CurationUnavailable, checkRevert, touchedAuthors } from './store.ts';

/** How long a mutation waits for this replica to serve the version it produced. */
const SWAP_WAIT_MS = 120_000;

export function storeCurator(store: CurationStore, follower: VersionFollower, waitMs = SWAP_WAIT_MS): Curator {
  const check = (served: AnalyzedNetwork, decisions: readonly IdentityDecision[], decision: IdentityDecision) => {
    const { action } = decision;
    checkRevert(action, decisions);
    if (action.kind === 'revert') return;
    for (const id of touchedAuthors(action, decisions)) {
      if (findAuthorById(served.network, id) === undefined)
        throw new CurationRefused(`There is no author "${id}".`, 'authorIds');
    }
  };

  const served = async (versionId: number): Promise<AnalyzedNetwork> => {
    const deadline = Date.now() + waitMs;
    while (follower.servingVersion() < versionId) {
      if (Date.now() > deadline)
        throw new CurationUnavailable(
          `The change was recorded (network version ${versionId}) but this server has not swapped it in yet; it will show shortly.`,
        );
      await follower.check();
      if (follower.servingVersion() < versionId) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return follower.current();
  };

  const resultingAuthors = (data: AnalyzedNetwork, action: DecisionAction, decisions: readonly IdentityDecision[]) => {
    const { network } = data;
    const ids = touchedAuthors(action, decisions)
      .map((id) => findAuthorById(network, id)?.id)
      .filter((id): id is string => id !== undefined);
    if (action.kind === 'split') {
      const other = findAuthorByName(network, action.name);
      if (other !== null && other.id !== action.authorId) ids.push(other.id);
    }
    return [...new Set(ids)];
  };

  return {
    current: () => follower.current(),
    async mutate(action, note, actor): Promise<CurationOutcome> {
      const view = follower.current();
      const recorded = await store.record({
        action,
        note,
        actor,
        basis: curatedIdentity(view.network).curationThrough,
        check: (decisions, decision) => check(view, decisions, decision),
      });
      const versionId = Number(recorded.networkVersion);
      const data = await served(versionId);
      return {
        logId: recorded.logId,
        networkVersion: recorded.networkVersion ?? data.network.version,
        authorIds: resultingAuthors(data, action, recorded.decisions),
        data,
      };
    },
    log: (first, after) => store.log(first, after),
    logEntry: (id) => store.logEntry(id),
    close: () => store.close(),
  };
}
