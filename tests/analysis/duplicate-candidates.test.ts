import { describe, expect, it } from 'vitest';
import { findDuplicateCandidates } from '../../src/analysis/duplicate-candidates.ts';
import { networkFromRecords, paperRecord } from '../helpers/networks.ts';

const pairs = (network: Parameters<typeof findDuplicateCandidates>[0]) =>
  findDuplicateCandidates(network).map((candidate) => [
    candidate.authors.map((author) => author.name).join(' ~ '),
    candidate.score,
  ]);

describe('findDuplicateCandidates', () => {
  it('ranks pairs with shared co-authors, venues and years above bare name matches', () => {
    const network = networkFromRecords([
      paperRecord('A', ['Jon Smith', 'Ann Lee', 'Bo Chen'], { venue: 'ACL', year: 2020 }),
      paperRecord('B', ['Jonathan Smith', 'Ann Lee', 'Bo Chen'], { venue: 'ACL', year: 2020 }),
      paperRecord('C', ['J. Doe']),
      paperRecord('D', ['Jane Doe']),
    ]);
    expect(pairs(network)).toEqual([
      // 0.8 × (0.35 + 0.65 × (1 − 0.25 × 0.9 × 0.85)) = 0.7006: two shared co-authors, one shared venue, overlapping years.
      ['Jonathan Smith ~ Jon Smith', 0.7006],
      // 0.6 × 0.35: the names alone.
      ['Jane Doe ~ J. Doe', 0.21],
    ]);
  });

  it('scores a pair who wrote together down to a fifth', () => {
    const network = networkFromRecords([paperRecord('A', ['Jon Smith', 'Jonathan Smith'])]);
    expect(
      findDuplicateCandidates(network, { minScore: 0 }).map((candidate) => [
        candidate.score,
        candidate.jointPaperCount,
      ]),
    ).toEqual([[0.056, 1]]);
  });

  it('never suggests two authors whose ids of one registry differ', () => {
    const network = networkFromRecords([
      paperRecord('A', ['Jon Smith'], { authorIdentities: [[{ scheme: 'orcid', value: '1' }]] }),
      paperRecord('B', ['Jonathan Smith'], { authorIdentities: [[{ scheme: 'orcid', value: '2' }]] }),
      paperRecord('C', ['J. Smith'], { authorIdentities: [[{ scheme: 'dblp', value: '9/9' }]] }),
    ]);
    expect(pairs(network).map(([pair]) => pair)).toEqual(['Jon Smith ~ J. Smith', 'Jonathan Smith ~ J. Smith']);
  });
});
