/**
 * Duplicate candidates as they cross a thread boundary (authors as ids), and back with the serving
 * network's authors. Apart from request-tasks.ts so that the server's thread, which only turns a
 * worker's records back into candidates, does not load the tasks' modules.
 */
import type { DuplicateCandidate } from '../analysis/duplicate-candidates.ts';
import type { Author, CoauthorNetwork } from '../graph/network.ts';

/** A duplicate candidate with its two authors as ids. */
export type DuplicateCandidateRecord = Omit<DuplicateCandidate, 'authors'> & {
  readonly authorIds: readonly [string, string];
};

/** The candidates again with the serving network's authors. */
export function withAuthors(
  network: CoauthorNetwork,
  records: readonly DuplicateCandidateRecord[],
): DuplicateCandidate[] {
  return records.map(({ authorIds, ...rest }) => ({
    ...rest,
    authors: [network.authors.get(authorIds[0]) as Author, network.authors.get(authorIds[1]) as Author],
  }));
}
