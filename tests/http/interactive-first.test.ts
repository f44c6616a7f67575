import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { useInteractiveFirst } from '../../src/http/interactive-first.ts';
import { type InteractiveGate, createInteractiveGate, interactiveGate } from '../../src/work/interactive-gate.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';

/** A gate that also counts how often it was entered. */
function countingGate(): InteractiveGate & { entered: () => number } {
  const gate = createInteractiveGate();
  let entered = 0;
  return {
    ...gate,
    enter: () => {
      entered += 1;
      gate.enter();
    },
    entered: () => entered,
  };
}

const post = (query: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query }),
});

describe('requests hold the interactive gate', () => {
  it('while they are answered, released once the response exists; probes never hold it', async () => {
    const gate = countingGate();
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { held: Int! }',
        resolvers: { Query: { held: () => gate.inFlight() } },
      }),
      healthCheckEndpoint: '/health',
      plugins: [useInteractiveFirst({ gate, except: ['/health'] })],
      logging: false,
    });
    const answer = await yoga.fetch('http://yoga/graphql', post('{ held }'));
    expect(await answer.json()).toEqual({ data: { held: 1 } });
    expect(gate.inFlight()).toBe(0);
    expect((await yoga.fetch('http://yoga/health')).status).toBe(200);
    expect(gate.entered()).toBe(1);
    // A refused request releases it too.
    expect(await (await yoga.fetch('http://yoga/graphql', post('{ nothing }'))).json()).toHaveProperty('errors');
    expect(gate.entered()).toBe(2);
    expect(gate.inFlight()).toBe(0);
  });

  it("in the app, on this process's gate (the one pass threads yield to by default), balanced on every path", async () => {
    const data = analyzeNetwork(loadSeedNetwork());
    const app = createApp({ data, logging: false });
    try {
      const gate = interactiveGate();
      const before = gate.waits();
      for (const request of [
        app.fetch('http://app/graphql', post('{ graphStats { authorCount } }')),
        app.fetch('http://app/graphql', post('{ nope }')),
        app.fetch('http://app/health'),
        app.fetch('http://app/ready'),
        app.fetch('http://app/graphql', { method: 'GET', headers: { accept: 'text/html' } }),
      ])
        await (await request).text();
      expect(gate.inFlight()).toBe(0);
      expect(gate.waits()).toBe(before);
    } finally {
      data.dispose();
    }
  });
});
