import { describe, expect, it } from 'vitest';
import { bundledApp, bundledData } from '../helpers/app.ts';

describe('which network answered', () => {
  const data = bundledData();
  const app = bundledApp({ data });

  it("is the network's version id, in Query.networkVersion and in the x-network-version header of every answer", async () => {
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ networkVersion }' }),
    });
    expect(response.headers.get('x-network-version')).toBe(data.network.version);
    expect(await response.json()).toEqual({ data: { networkVersion: data.network.version } });
    expect(data.network.version).toMatch(/^[0-9a-f]{16}$/u);
  });

  it('is on refused queries and GET answers too', async () => {
    const refused = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(refused.headers.get('x-network-version')).toBe(data.network.version);
    const get = await app.fetch('http://yoga/graphql?query=%7B%20networkVersion%20%7D', {
      headers: { accept: 'application/json' },
    });
    expect(get.headers.get('x-network-version')).toBe(data.network.version);
  });
});
