import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/graph/network.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { ACL_SLICE_FILE, aclSliceExpected } from '../helpers/acl-slice.ts';

/**
 * The ACL 2016 slice read by our loader is the graph the NetworkX reference script built on its own
 * (tests/reference/acl_slice_reference.py re-implements the identity rules): same papers, same people
 * with the same ids and display names, same collaborations. The metric tests rely on this.
 */
describe('the ACL Anthology 2016 slice', () => {
  const { catalog, problems } = loadFiles({ files: [ACL_SLICE_FILE], aliasFile: null });
  const network = buildNetwork(catalog);
  const expected = aclSliceExpected();

  it('loads every record without a problem, merging the two repeated papers', () => {
    expect(problems).toEqual([]);
    expect(network.papers.size).toBe(expected.stats.papers);
    expect(catalog.duplicatesMerged).toBe(expected.stats.duplicatesMerged);
    expect(expected.stats).toMatchObject({ papers: 4112, duplicatesMerged: 2 });
  });

  it('has the same authors, ids and display names as the reference', () => {
    const ids = [...network.authors.keys()].sort(compareIds);
    expect(ids).toEqual(expected.ids);
    expected.ids.forEach((id, index) => {
      expect(network.authors.get(id)?.name, id).toBe(expected.names[index]);
    });
  });

  it('folds variants of a name into one person shown by the most frequent spelling', () => {
    const author = network.authors.get('luis-morgado-da-costa');
    expect(author?.name).toBe('Luis Morgado Da Costa');
    expect(author?.nameVariants.map(({ name, count }) => ({ name, count }))).toEqual([
      { name: 'Luis Morgado Da Costa', count: 2 },
      { name: 'Luis Morgado da Costa', count: 1 },
    ]);
  });

  it('folds accents as the identity rule says: "Ondrej Bojar" is "Ondřej Bojar", shown as his most frequent spelling', () => {
    const author = network.authors.get('ondrej-bojar');
    expect(author?.name).toBe('Ondřej Bojar');
    expect(author?.nameVariants.map(({ name, count }) => ({ name, count }))).toEqual([
      { name: 'Ondřej Bojar', count: 18 },
      { name: 'Ondrej Bojar', count: 1 },
    ]);
  });

  it('has the same collaborations and joint-paper total as the reference', () => {
    expect(network.graph.size).toBe(expected.stats.collaborations);
    let totalWeight = 0;
    network.graph.forEachEdge((_edge, attributes) => {
      totalWeight += attributes.weight;
    });
    expect(totalWeight).toBe(expected.stats.totalWeight);
  });
});
