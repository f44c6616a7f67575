/**
 * Property: `authors(search:)` and `papers(search:)` answer what testing every spelling and title
 * did before the index (every word in one spelling's search key, or in the title's), in the list's
 * order, for random names and titles and random searches within the limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listAuthors, listPapers } from '../../src/graph/lookup.ts';
import { searchTerms } from '../../src/graph/search-terms.ts';
import { searchKey } from '../../src/ingest/names.ts';
import { networkFromRecords, paperRecord } from '../helpers/networks.ts';
import { check } from '../helpers/properties.ts';

const word = fc.string({
  unit: fc.constantFrom('a', 'n', 'e', 'l', 'é', 'É', 'ø', 'ß', '-', '.'),
  minLength: 1,
  maxLength: 6,
});
const name = fc.tuple(word, word).map(([given, family]) => `${given} ${family}`);
const search = fc
  .array(fc.string({ unit: fc.constantFrom('a', 'n', 'e', 'l', 'é', 'ss', 'o', '-', ' '), maxLength: 4 }), {
    maxLength: 4,
  })
  .map((words) => words.join(' '));

describe('searching authors and papers', () => {
  it('finds what testing every spelling and title finds, in order', () => {
    check(
      fc.property(
        fc.array(
          fc.tuple(fc.array(name, { minLength: 1, maxLength: 4 }), fc.array(word, { minLength: 1, maxLength: 4 })),
          { minLength: 1, maxLength: 25 },
        ),
        search,
        (papers, text) => {
          const network = networkFromRecords(
            papers.map(([authors, title], i) => paperRecord(`${title.join(' ')} ${i}`, authors, { id: `p${i}` })),
          );
          const terms = searchTerms(text);
          const byName = listAuthors(network, null, 'name').slice();
          const spellings = (id: string) => {
            const author = network.authors.get(id)!;
            return [author.name, ...author.nameVariants.map((variant) => variant.name)].map(searchKey);
          };
          expect(listAuthors(network, text, 'name').map((author) => author.id)).toEqual(
            byName
              .filter((author) => spellings(author.id).some((key) => terms.every((term) => key.includes(term))))
              .map((author) => author.id),
          );
          const newest = listPapers(network, {}).slice();
          expect(listPapers(network, { search: text }).map((paper) => paper.id)).toEqual(
            newest
              .filter((paper) => terms.every((term) => searchKey(paper.title).includes(term)))
              .map((paper) => paper.id),
          );
        },
      ),
      200,
    );
  });
});
