/**
 * Transport settings: the body limit, no batching, no uploads, CSRF prevention, CORS by allow-list,
 * introspection and GraphiQL switched by configuration, no field suggestions without introspection.
 */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { CSRF_HEADER } from '../../src/http/request-guards.ts';
import { bundledApp, failure, graphql, query } from '../helpers/app.ts';

const app = bundledApp();
const URL_ = 'http://yoga/graphql';
const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

async function errorOf(response: Response): Promise<{ code?: string; message: string }> {
  const body = (await response.json()) as { errors: { message: string; extensions?: { code?: string } }[] };
  expect(body.errors).toHaveLength(1);
  return { code: body.errors[0]!.extensions?.code, message: body.errors[0]!.message };
}

describe('request body limit', () => {
  it('refuses a body over 1 MiB by its Content-Length with 413, naming the limit and the size', async () => {
    const body = JSON.stringify({ query: `{ graphStats { authorCount } } # ${'x'.repeat(1_048_576)}` });
    const response = await app.fetch(URL_, {
      method: 'POST',
      headers: { ...json, 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({
      code: 'REQUEST_TOO_LARGE',
      message: `The request body is ${Buffer.byteLength(body)} bytes; the limit is 1048576 bytes.`,
    });
  });

  it('counts a body sent without a length (chunked) as it arrives and refuses it past the limit', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"query":"{ graphStats { authorCount } }"'));
        sent += 1;
        if (sent > 40)
          controller.close(); // 2.5 MiB in all
        else controller.enqueue(chunk);
      },
    });
    const response = await app.fetch(URL_, {
      method: 'POST',
      headers: json,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({
      code: 'REQUEST_TOO_LARGE',
      message: 'The request body is more than 1048576 bytes; the limit is 1048576 bytes.',
    });
    expect(sent).toBeLessThan(40); // it stopped reading
  });

  it('answers a body under the limit, and takes the limit from the configuration', async () => {
    const small = bundledApp({ http: { maxBodyBytes: 100 } });
    const body = JSON.stringify({
      query: '{ graphStats { authorCount paperCount collaborationCount componentCount } }',
    });
    expect(body.length).toBeGreaterThan(80);
    expect(
      (
        await small.fetch(URL_, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ query: '{ graphStats { authorCount } }' }),
        })
      ).status,
    ).toBe(200);
    const response = await small.fetch(URL_, {
      method: 'POST',
      headers: { ...json, 'content-length': '120' },
      body: body.padEnd(120, ' '),
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).message).toBe('The request body is 120 bytes; the limit is 100 bytes.');
  });
});

describe('batching and uploads', () => {
  it('refuses a batch (a JSON array of operations)', async () => {
    const response = await app.fetch(URL_, {
      method: 'POST',
      headers: json,
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({
      code: 'BATCHING_DISABLED',
      message: 'The request holds 2 operations; batching is off: send one operation per request.',
    });
  });

  it('refuses a multipart request (file upload) with 415', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ __typename }', variables: { file: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new Blob(['hello']), 'hello.txt');
    const response = await app.fetch(URL_, { method: 'POST', headers: { [CSRF_HEADER]: '1' }, body: form });
    expect(response.status).toBe(415);
    expect(await errorOf(response)).toEqual({
      code: 'UPLOADS_DISABLED',
      message:
        'File uploads (multipart requests) are not accepted: send the query as JSON (content-type: application/json).',
    });
  });
});

describe('CSRF prevention', () => {
  const csrfMessage = `A POST without a content type, or as a form or text/plain, is what a page of another site can send: send content-type: application/json, or add the "${CSRF_HEADER}" header (any value), which protects browser users from cross-site request forgery.`;
  const text = JSON.stringify({ query: '{ graphStats { authorCount } }' });

  it('refuses form, text/plain and untyped POSTs without a preflight header (what a page of another site can send)', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent('{ graphStats { authorCount } }')}`],
      ['text/plain', text],
      ['text/plain;charset=UTF-8', text],
      [null, text],
    ] as const) {
      const response = await app.fetch(URL_, {
        method: 'POST',
        headers: type === null ? {} : { 'content-type': type },
        body: type === null ? new Blob([text]) : body,
      });
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toEqual({ code: 'CSRF_HEADER_REQUIRED', message: csrfMessage });
    }
  });

  it("answers a GET without any header (urql's default): a GET only runs queries, and no cookie is involved", async () => {
    const get = await app.fetch(`${URL_}?query=${encodeURIComponent('{ graphStats { authorCount } }')}`);
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { graphStats: { authorCount: 30 } } });
  });

  it("answers a simple POST that carries a preflight header: yoga's, or Apollo Client's", async () => {
    for (const header of [CSRF_HEADER, 'apollo-require-preflight', 'x-apollo-operation-name']) {
      const response = await app.fetch(URL_, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', [header]: 'Stats' },
        body: `query=${encodeURIComponent('{ graphStats { authorCount } }')}`,
      });
      expect(response.status, header).toBe(200);
    }
  });

  it('answers a POST of any non-simple content type (browsers preflight those) without a header', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8']) {
      const response = await app.fetch(URL_, {
        method: 'POST',
        headers: { 'content-type': type, accept: 'application/json' },
        body: text,
      });
      expect(await response.json(), type).toEqual({ data: { graphStats: { authorCount: 30 } } });
    }
    // yoga reads no other body type, but the CSRF rule lets it through to say so
    const other = await app.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<q/>',
    });
    expect(other.status).not.toBe(403);
  });

  it('answers a preflight from an origin not in the CORS list with a message that names CORS', async () => {
    const response = await app.fetch(URL_, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toEqual({
      code: 'CORS_ORIGIN_NOT_ALLOWED',
      message:
        "Cross-origin requests from https://elsewhere.example are not allowed (CORS): the server lists no such origin (--cors-origin). Pages of the API's own origin and clients outside a browser need no preflight.",
    });
  });

  it('still serves GraphiQL to a browser navigating to /graphql', async () => {
    const response = await app.fetch(URL_, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('yoga-graphiql');
  });
});

describe('CORS', () => {
  async function preflight(target: App, origin: string): Promise<Response> {
    return target.fetch(URL_, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  }
  async function crossOrigin(target: App, origin: string): Promise<Response> {
    return target.fetch(URL_, {
      method: 'POST',
      headers: { ...json, origin },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
  }

  it('gives no other origin access by default (same origin only)', async () => {
    for (const response of [
      await preflight(app, 'https://elsewhere.example'),
      await crossOrigin(app, 'https://elsewhere.example'),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-methods')).toBeNull();
    }
  });

  it('lets the configured origins in, and no others', async () => {
    const open = bundledApp({ http: { corsOrigins: ['https://app.example', 'https://admin.example'] } });
    const allowed = await preflight(open, 'https://admin.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const answered = await crossOrigin(open, 'https://app.example');
    expect(answered.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(answered.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(answered.headers.get('vary')).toContain('Origin');

    for (const response of [
      await preflight(open, 'https://evil.example'),
      await crossOrigin(open, 'https://evil.example'),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('introspection and field suggestions', () => {
  const closed = bundledApp({ http: { introspection: false } });

  it('answers introspection by default, and suggests field names', async () => {
    expect((await query(app, '{ __schema { queryType { name } } }')).__schema.queryType.name).toBe('Query');
    expect((await query(app, '{ __type(name: "Author") { name } }')).__type.name).toBe('Author');
    expect((await failure(app, '{ graphStats { authorCont } }'))[0]?.message).toBe(
      'Cannot query field "authorCont" on type "GraphStats". Did you mean "authorCount"?',
    );
  });

  it('refuses __schema and __type when turned off, with its own code', async () => {
    expect(await failure(closed, '{ __schema { queryType { name } } }')).toEqual([
      expect.objectContaining({
        code: 'INTROSPECTION_DISABLED',
        message: 'Introspection is turned off on this server: "__schema" cannot be queried.',
      }),
    ]);
    expect((await failure(closed, '{ __type(name: "Author") { name } }'))[0]?.code).toBe('INTROSPECTION_DISABLED');
    expect(await query(closed, '{ __typename graphStats { authorCount } }')).toEqual({
      __typename: 'Query',
      graphStats: { authorCount: 30 },
    });
  });

  it('hides "Did you mean" suggestions when turned off, in validation and in variables', async () => {
    const [field] = await failure(closed, '{ graphStats { authorCont } }');
    expect(field?.message).toBe('Cannot query field "authorCont" on type "GraphStats".');
    const [literal] = await failure(closed, '{ centralityRanking(metric: BETWEENES) { nodes { rank } } }');
    expect(literal?.message).not.toContain('Did you mean');
    expect(literal?.message).toContain('BETWEENES');
    const variable = await graphql(
      closed,
      'query Rank($m: CentralityMetric!) { centralityRanking(metric: $m) { nodes { rank } } }',
      { m: 'BETWEENES' },
    );
    expect(variable.errors?.[0]?.message).toContain('BETWEENES');
    expect(variable.errors?.[0]?.message).not.toContain('Did you mean');
    const open = await graphql(
      app,
      'query Rank($m: CentralityMetric!) { centralityRanking(metric: $m) { nodes { rank } } }',
      {
        m: 'BETWEENES',
      },
    );
    expect(open.errors?.[0]?.message).toContain('Did you mean');
  });
});

describe('GraphiQL switch', () => {
  it('is served by default and not when turned off', async () => {
    const off = bundledApp({ http: { graphiql: false } });
    const page = await off.fetch(URL_, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('yoga-graphiql');
    expect((await query(off, '{ graphStats { authorCount } }')).graphStats.authorCount).toBe(30);
  });
});
