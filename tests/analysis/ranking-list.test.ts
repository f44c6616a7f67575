/**
 * A ranking's entries made a page at a time (centrality.ts, `rankingList`): the same entries as the
 * whole ranking, place for place, and only the page's ids decoded, so that the first ranking asked
 * for on a large network does not make an entry for every author.
 */
import { describe, expect, it } from 'vitest';
import { centralityMetrics, computeCentrality, tableOfColumns } from '../../src/analysis/centrality.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { ACL_SLICE_FILE } from '../helpers/acl-slice.ts';

const network = loadData({ ...checkConfig(['--data', ACL_SLICE_FILE]), maxAuthorsPerPaper: 50 }).network;
const table = computeCentrality(network);

describe('a ranking made a page at a time', () => {
  it('has the entries of the whole ranking at every place, bounded as an array slice is', () => {
    for (const metric of centralityMetrics) {
      const whole = table.ranking(metric);
      const list = table.rankingList(metric);
      expect(list.length, metric).toBe(whole.length);
      for (const [start, end] of [
        [0, 10],
        [10, 20],
        [whole.length - 5, whole.length + 5],
        [-3, 4],
        [7, 3],
        [0, whole.length],
      ] as const)
        expect(list.slice(start, end), `${metric} ${start}–${end}`).toEqual(
          whole.slice(Math.max(0, start), Math.max(0, end)),
        );
    }
  });

  it("decodes the page's ids only, where the network decodes them one at a time", () => {
    const decoded: number[] = [];
    const counting = {
      authorIndex: network.authorIndex,
      columns: network.columns,
      get authorIds(): readonly string[] {
        throw new Error('every id decoded');
      },
      authorIdAt: (row: number) => {
        decoded.push(row);
        return network.authorIdAt(row);
      },
    };
    const paged = tableOfColumns(counting, table.columns());
    const page = paged.rankingList('betweenness').slice(20, 30);
    expect(decoded).toHaveLength(10);
    expect(page).toEqual(table.ranking('betweenness').slice(20, 30));
  });
});
