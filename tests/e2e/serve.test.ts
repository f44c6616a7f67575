/**
 * The real command, end to end: `coauthor-graph serve` in a child process (plain Node, as a user
 * runs it), queried over HTTP on a free port, then stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

let child: ChildProcess | undefined;
afterAll(() => { child?.kill('SIGKILL'); });

function start(): Promise<{ url: string; process: ChildProcess; output: () => string }> {
  const process_ = spawn(process.execPath, ['src/bin/coauthor-graph.js', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = process_;
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not become ready:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+\/graphql)/u.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: process_, output: () => output });
      }
    };
    process_.stdout!.on('data', read);
    process_.stderr!.on('data', read);
    process_.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

describe('coauthor-graph serve', () => {
  it('serves the bundled data over HTTP and stops cleanly on SIGTERM', async () => {
    const server = await start();
    expect(server.output()).toContain('10 papers, 30 authors, 89 collaborations');
    const base = server.url.replace(/\/graphql$/u, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);

    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ graphStats { authorCount } centralityRanking(metric: BETWEENNESS, first: 1) { author { name } } }' }),
    });
    expect(await response.json()).toEqual({ data: { graphStats: { authorCount: 30 }, centralityRanking: [{ author: { name: 'David Duvenaud' } }] } });

    const exited = new Promise<number | null>((resolve) => server.process.on('exit', resolve));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
