/**
 * `coauthor-graph serve --watch` as a user runs it: change the data file, and the running server
 * answers from the new network; break it, and the old network keeps answering.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../helpers/files.ts';

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
});

const paper = (title: string, authors: string[]) => `${JSON.stringify({ title, authors })}\n`;

describe('serve --watch', () => {
  it('swaps in the reloaded network and keeps the old one when the reload fails', async () => {
    const file = tempFiles({ 'papers.jsonl': paper('One', ['Ann Lee', 'Bo Chen']) })['papers.jsonl'] as string;
    const server = spawn(
      process.execPath,
      ['src/bin/coauthor-graph.js', 'serve', '--port', '0', '--watch', '--data', file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = server;
    let output = '';
    const waitFor = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            server.stdout!.off('data', check);
            server.stderr!.off('data', check);
            resolve(match);
          }
        };
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          check();
        };
        server.stdout!.on('data', read);
        server.stderr!.on('data', read);
        server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
        check();
      });
    const url = (await waitFor(/ready at (http:\/\/\S+\/graphql)/u))[1] as string;
    const paperCount = async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ graphStats { paperCount } }' }),
      });
      return ((await response.json()) as { data: { graphStats: { paperCount: number } } }).data.graphStats.paperCount;
    };
    expect(await paperCount()).toBe(1);

    writeFileSync(file, paper('One', ['Ann Lee', 'Bo Chen']) + paper('Two', ['Ann Lee']));
    await waitFor(/reloaded: 2 papers/u);
    expect(await paperCount()).toBe(2);

    writeFileSync(file, 'not json\n');
    await waitFor(/reload failed; still serving the previous network/u);
    expect(output).toContain(`${file}:1: error: line is not valid JSON`);
    expect(await paperCount()).toBe(2);
    server.kill('SIGTERM');
  }, 60_000);
});
