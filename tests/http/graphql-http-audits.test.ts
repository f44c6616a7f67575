/**
 * GraphQL over HTTP compliance: every server audit of the `graphql-http` package passes against the
 * app, through `app.fetch`. The audits' client sends the CSRF header, as every non-browser client
 * must for a GET (see request-guards.ts); nothing else is added to its requests.
 */
import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/http/request-guards.ts';
import { bundledApp } from '../helpers/app.ts';

const app = bundledApp();

function fetchWithCsrfHeader(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(CSRF_HEADER, '1');
  return Promise.resolve(app.fetch(url, { ...init, headers }));
}

const audits = serverAudits({ url: 'http://yoga/graphql', fetchFn: fetchWithCsrfHeader });

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  it('runs the full list of audits', () => {
    expect(audits.length).toBeGreaterThan(50);
  });

  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
