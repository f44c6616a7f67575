import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { type App, createApp } from '../../src/app.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { paperRecord } from '../helpers/networks.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { bundledApp, query } from '../helpers/app.ts';

let app: App;
beforeAll(() => {
  app = bundledApp();
});

describe('graphStats', () => {
  it('matches the NetworkX figures for the bundled data', async () => {
    const data = await query(
      app,
      '{ graphStats { paperCount authorCount collaborationCount componentCount largestComponentSize density averageDegree isolatedAuthorCount singleAuthorPaperCount maxJointPapers } }',
    );
    const { stats } = seedExpected;
    expect(data.graphStats).toMatchObject({
      paperCount: stats.paperCount,
      authorCount: stats.authorCount,
      collaborationCount: stats.collaborationCount,
      componentCount: stats.componentCount,
      largestComponentSize: stats.largestComponentSize,
      isolatedAuthorCount: 0,
      singleAuthorPaperCount: 0,
    });
    expect(data.graphStats.density).toBeCloseTo(stats.density, 12);
    expect(data.graphStats.averageDegree).toBeCloseTo(stats.averageDegree, 12);
    expect(data.graphStats.maxJointPapers).toBe(3);
  });
});

describe('graphStats with --max-authors-per-paper', () => {
  it('reports the limit and how many papers it kept without collaborations', async () => {
    const crowd = Array.from({ length: 8 }, (_, i) => `Member ${i + 1}`);
    const catalog = buildCatalog([
      paperRecord('Consortium Paper', crowd, { id: 'big' }),
      paperRecord('Pair Paper', ['Member 1', 'Member 2'], { id: 'pair' }),
    ]);
    const limited = createApp({
      data: analyzeNetwork(buildNetwork(catalog, { maxAuthorsPerPaper: 4 })),
      logging: false,
    });
    expect(
      (
        await query(
          limited,
          '{ graphStats { paperCount authorCount collaborationCount maxAuthorsPerPaper papersOverAuthorLimit } }',
        )
      ).graphStats,
    ).toEqual({
      paperCount: 2,
      authorCount: 8,
      collaborationCount: 1,
      maxAuthorsPerPaper: 4,
      papersOverAuthorLimit: 1,
    });
    const bundled = await query(bundledApp(), '{ graphStats { maxAuthorsPerPaper papersOverAuthorLimit } }');
    expect(bundled.graphStats).toEqual({ maxAuthorsPerPaper: null, papersOverAuthorLimit: 0 });
  });
});

describe('graphStats structure figures', () => {
  it('equal NetworkX on the bundled data (networkx_reference.structure), the path figures exact', async () => {
    const data = await query(
      app,
      '{ graphStats { degeneracy transitivity averageClustering degreeAssortativity largestComponentShare averageShortestPathLength diameter figuresExact } }',
    );
    const { structure } = seedExpected;
    expect(data.graphStats).toMatchObject({
      degeneracy: structure.degeneracy,
      diameter: structure.diameter,
      largestComponentShare: 1,
      figuresExact: true,
    });
    for (const key of [
      'transitivity',
      'averageClustering',
      'degreeAssortativity',
      'averageShortestPathLength',
    ] as const) {
      expect(Math.abs(data.graphStats[key] - structure[key]), key).toBeLessThanOrEqual(1e-12);
    }
  });

  it('gives null assortativity (NetworkX: NaN) and a zero diameter where no tie exists', async () => {
    const catalog = buildCatalog([paperRecord('Alone', ['Only Author'], { id: 'alone' })]);
    const lonely = createApp({ data: analyzeNetwork(buildNetwork(catalog)), logging: false });
    expect(
      (
        await query(
          lonely,
          '{ graphStats { degeneracy transitivity averageClustering degreeAssortativity largestComponentShare averageShortestPathLength diameter figuresExact } }',
        )
      ).graphStats,
    ).toEqual({
      degeneracy: 0,
      transitivity: 0,
      averageClustering: 0,
      degreeAssortativity: null,
      largestComponentShare: 1,
      averageShortestPathLength: 0,
      diameter: 0,
      figuresExact: true,
    });
  });
});
