/** `CurationResult`: what a curation mutation did. */
import type { Author } from '../graph/network.ts';
import { findAuthorById } from '../graph/curated-identity.ts';
import type { CurationOutcome } from '../curation/curator.ts';
import { AuthorRef } from './author.ts';
import { builder } from './builder.ts';

export const CurationResultRef = builder.objectRef<CurationOutcome>('CurationResult').implement({
  description: 'A curation change applied: its log entry, the network version it produced and the resulting people.',
  fields: (t) => ({
    id: t.exposeID('logId', { description: 'The log entry (`curationLog`); `revertCuration(id:)` undoes the change.' }),
    networkVersion: t.exposeString('networkVersion', {
      description:
        'The network version the change produced (with a database: its version id; without: the network hash `Query.networkVersion` gives).',
    }),
    author: t.field({
      type: AuthorRef,
      nullable: true,
      description: 'The resulting person (a split: the part that kept the original id); null when none is left.',
      resolve: (outcome) => authorsOf(outcome)[0] ?? null,
    }),
    authors: t.field({
      type: [AuthorRef],
      description: 'Every resulting person: for a split both parts, the original id first.',
      resolve: (outcome) => authorsOf(outcome),
    }),
  }),
});

function authorsOf(outcome: CurationOutcome): Author[] {
  return outcome.authorIds
    .map((id) => findAuthorById(outcome.data.network, id))
    .filter((author): author is Author => author !== undefined);
}
