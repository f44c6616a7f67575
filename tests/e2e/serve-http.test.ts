/**
 * The real command with HTTP settings from flags and the environment: limits applied, the request
 * log written to standard output as JSON lines beside the ready message.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
});
// The command runs the bundle built by the run's global setup (tests/helpers/server-bundle.global.ts).

function start(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; process: ChildProcess; stdout: () => string }> {
  const process_ = spawn(process.execPath, ['src/bin/coauthor-graph.js', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child = process_;
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not become ready:\n${stdout}${stderr}`)), 20_000);
    process_.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    process_.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ready at (http:\/\/\S+\/graphql)/u.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: process_, stdout: () => stdout });
      }
    });
    process_.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${stdout}${stderr}`)));
  });
}

async function waitFor(output: () => string, pattern: RegExp): Promise<void> {
  const until = Date.now() + 10_000;
  while (!pattern.test(output())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('coauthor-graph serve: HTTP settings', () => {
  it('applies limits from flags and the environment and logs each request as a JSON line on stdout', async () => {
    const server = await start(['--max-cost', '300', '--no-introspection'], {
      GRAPHQL_MAX_ALIASES: '1',
      LOG_LEVEL: 'info',
    });
    const post = (query: string, headers: Record<string, string> = {}) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });

    const ok = await post('query Count { graphStats { authorCount } }', { 'x-request-id': 'e2e-1' });
    expect(await ok.json()).toEqual({ data: { graphStats: { authorCount: 30 } } });
    expect(ok.headers.get('x-request-id')).toBe('e2e-1');

    const nested =
      '{ author(name: "David Duvenaud") { coauthors(first: 5) { nodes { coauthors(first: 5) { nodes { coauthors(first: 5) { nodes { name } } } } } } } }';
    const costly = (await (await post(nested)).json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(costly.errors[0]?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(costly.errors[0]?.message).toContain('the limit is 300');
    const aliased = (await (await post('{ a: graphStats { authorCount } b: graphStats { authorCount } }')).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(aliased.errors[0]?.extensions.code).toBe('TOO_MANY_ALIASES');
    const introspection = (await (await post('{ __schema { queryType { name } } }')).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(introspection.errors[0]?.extensions.code).toBe('INTROSPECTION_DISABLED');
    const big = await post(`{ graphStats { authorCount } } # ${'x'.repeat(1_100_000)}`);
    expect(big.status).toBe(413);

    await waitFor(server.stdout, /"reqId":"e2e-1"/u);
    const lines = server
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.reqId === 'e2e-1')).toMatchObject({
      msg: 'request',
      operationName: 'Count',
      status: 200,
      outcome: 'ok',
      method: 'POST',
      path: '/graphql',
    });
    await waitFor(server.stdout, /REQUEST_TOO_LARGE/u);
    expect(server.stdout()).toMatch(/^coauthor-graph ready at /mu); // the ready message stays plain text

    const exited = new Promise<number | null>((resolve) => server.process.on('exit', resolve));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
