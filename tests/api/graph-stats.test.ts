import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { bundledApp, query } from '../helpers/app.ts';

let app: App;
beforeAll(() => { app = bundledApp(); });

describe('graphStats', () => {
  it('matches the NetworkX figures for the bundled data', async () => {
    const data = await query(app, '{ graphStats { paperCount authorCount collaborationCount componentCount largestComponentSize density averageDegree isolatedAuthorCount singleAuthorPaperCount maxJointPapers } }');
    const { stats } = seedExpected;
    expect(data.graphStats).toMatchObject({
      paperCount: stats.paperCount, authorCount: stats.authorCount, collaborationCount: stats.collaborationCount,
      componentCount: stats.componentCount, largestComponentSize: stats.largestComponentSize,
      isolatedAuthorCount: 0, singleAuthorPaperCount: 0,
    });
    expect(data.graphStats.density).toBeCloseTo(stats.density, 12);
    expect(data.graphStats.averageDegree).toBeCloseTo(stats.averageDegree, 12);
    expect(data.graphStats.maxJointPapers).toBe(3);
  });
});
