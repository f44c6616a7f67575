import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../src/analysis/analyzed-network.ts';
import { createApp } from '../src/app.ts';
import { loadData } from '../src/commands/load-data.ts';
import { checkConfig } from '../src/config.ts';
import { bundledApp, graphql } from './helpers/app.ts';

describe('app routes', () => {
  it('answers /health with 200', async () => {
    expect((await bundledApp().fetch('http://yoga/health')).status).toBe(200);
  });

  it('answers /ready with 200 while serving and 503 when not ready', async () => {
    let ready = true;
    const app = bundledApp({ isReady: () => ready });
    expect((await app.fetch('http://yoga/ready')).status).toBe(200);
    ready = false;
    expect((await app.fetch('http://yoga/ready')).status).toBe(503);
  });

  it('serves the collaboration explorer at / with its bundle from this server', async () => {
    const app = bundledApp();
    const response = await app.fetch('http://yoga/', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toMatch(/<script type="module" src="\/explorer\/explorer\.[0-9a-f]{16}\.js"><\/script>/u);
    expect(page).toMatch(/href="\/explorer\/explorer\.[0-9a-f]{16}\.css"/u);
    expect(page).toContain('href="/graphql"');
    expect(page).not.toMatch(/(src|href)="https?:/u);
    const script = await app.fetch('http://yoga/explorer/explorer.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const code = await script.text();
    expect(code.length).toBeGreaterThan(50_000);
    expect(code).toContain('collaborationNetwork(center:');
    expect(code).not.toMatch(/import\s*["'][^./]/u);
    const styles = await app.fetch('http://yoga/explorer/explorer.css');
    expect(styles.status).toBe(200);
    expect(styles.headers.get('content-type')).toContain('text/css');
    expect((await app.fetch('http://yoga/explorer/../package.json')).status).toBe(404);
    expect((await app.fetch('http://yoga/explorer/main.ts')).status).toBe(404);
  });

  it('serves GraphiQL to browsers with every asset from this server and a query for this data', async () => {
    const app = bundledApp();
    const page = await (await app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('/graphiql/assets/yoga-graphiql.umd.js');
    expect(page).not.toMatch(/https?:\/\//u);
    expect(page).toContain('author(name: \\"David Duvenaud\\")');
    for (const asset of ['graphiql.css', 'yoga-graphiql.umd.js', 'monacoeditorwork/editor.worker.bundle.js']) {
      const response = await app.fetch(`http://yoga/graphiql/assets/${asset}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await app.fetch('http://yoga/graphiql/assets/../../package.json')).status).toBe(404);
  });

  it('runs the pre-filled GraphiQL query without errors', async () => {
    const app = bundledApp();
    const page = await (await app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } })).text();
    const options = JSON.parse(/renderYogaGraphiQL\(root, (.*)\); \}\);/u.exec(page)![1]!) as {
      defaultQuery: string;
      query: string;
    };
    expect(options.query).toBe(options.defaultQuery); // this GraphiQL build opens with `query`
    const result = await graphql(app, options.defaultQuery);
    expect(result.errors).toBeUndefined();
    expect(result.data!.collaborationPath.length).toBeGreaterThan(0);
  });

  it('masks unexpected errors: the client sees "Unexpected error." and nothing of the cause', async () => {
    const data = analyzeNetwork(loadData(checkConfig([])).network);
    const table = await data.centrality();
    const failing: typeof table.rankingList = (metric) => {
      if (metric === 'pagerank') throw new Error('secret internal detail');
      return table.rankingList(metric);
    };
    const brokenTable = { ...table, rankingList: failing };
    const broken = { ...data, centrality: async () => brokenTable, centralityFor: async () => brokenTable };
    const app = createApp({ data: broken, logging: false });
    const result = await graphql(app, '{ centralityRanking(metric: PAGERANK) { nodes { rank } } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toBe('Unexpected error.');
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});
