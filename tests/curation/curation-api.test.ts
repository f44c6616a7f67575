/** Curation through the API without a database: the curation file, tokens, the mutations and what they change. */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curatedServer, post } from '../helpers/curation.ts';

const MERGE = `mutation ($ids: [ID!]!, $name: String, $note: String) {
  mergeAuthors(authorIds: $ids, name: $name, note: $note) { id networkVersion author { id name paperCount coauthors(first: 10) { nodes { id } } } }
}`;

describe('curation through the API (curation file)', () => {
  it('mutations need a bearer token: none or unknown is UNAUTHENTICATED (401); queries stay open', async () => {
    const { app } = await curatedServer();
    const none = await post(app, MERGE, { ids: ['ann-lee', 'a-lee'] });
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await post(app, MERGE, { ids: ['ann-lee', 'a-lee'] }, 'cgt_not-a-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const read = await post(app, '{ author(id: "a-lee") { name } }');
    expect(read.body.data).toEqual({ author: { name: 'A. Lee' } });
  });

  it('merge: the old id finds the merged person (author, node), co-authors follow, the log says who, when, what and why', async () => {
    const { app, setup, directory } = await curatedServer();
    const { token } = await setup.tokens.create('curator', 'test');
    const before = await post(app, '{ networkVersion }');
    const merged = await post(
      app,
      MERGE,
      { ids: ['ann-lee', 'a-lee'], name: 'Ann B. Lee', note: 'same person, see ORCID' },
      token,
    );
    expect(merged.body.errors).toBeUndefined();
    const result = merged.body.data.mergeAuthors;
    expect(result.author).toEqual({
      id: 'ann-lee',
      name: 'Ann B. Lee',
      paperCount: 3,
      coauthors: { nodes: [{ id: 'bob-ray' }, { id: 'cy-dow' }] },
    });
    expect(result.networkVersion).not.toBe(before.body.data.networkVersion);
    const after = await post(app, '{ networkVersion author(id: "a-lee") { id name } node(id: "a-lee") { id } }');
    expect(after.body.data).toEqual({
      networkVersion: result.networkVersion,
      author: { id: 'ann-lee', name: 'Ann B. Lee' },
      node: { id: 'ann-lee' },
    });
    const log = await post(
      app,
      '{ curationLog(first: 5) { totalCount nodes { id actor kind authorIds note outcome at } } }',
    );
    const entry = log.body.data.curationLog.nodes[0];
    expect(entry).toMatchObject({
      id: result.id,
      actor: 'token 1 (curator)',
      kind: 'merge',
      authorIds: ['ann-lee', 'a-lee'],
      note: 'same person, see ORCID',
      outcome: 'applied',
    });
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    // The curation file beside the data holds the decision and the log, never the token.
    const file = readFileSync(`${directory}/papers.jsonl.curation.json`, 'utf8');
    expect(JSON.parse(file).decisions).toHaveLength(1);
    expect(file).not.toContain(token);
    expect(file).not.toContain(token.slice(4, 20));
  });

  it('a new server on the same files serves the curated network', async () => {
    const first = await curatedServer();
    const { token } = await first.setup.tokens.create('curator', null);
    await post(first.app, MERGE, { ids: ['ann-lee', 'a-lee'] }, token);
    const second = await curatedServer({ directory: first.directory });
    const answer = await post(second.app, '{ author(id: "a-lee") { id paperCount } }');
    expect(answer.body.data).toEqual({ author: { id: 'ann-lee', paperCount: 3 } });
  });

  it('split by papers: the original id keeps the rest, the new person gets its own id; paths change at once', async () => {
    const { app, setup } = await curatedServer();
    const { token } = await setup.tokens.create('curator', null);
    const path = '{ collaborationPath(from: "bob-ray", to: "di-fox") { length } }';
    expect((await post(app, path)).body.data).toMatchObject({ collaborationPath: { length: 2 } });
    const split = await post(
      app,
      `mutation { splitAuthor(authorId: "jo-kim", paperIds: ["p5"], name: "Jo-Ann Kim", note: "two people") {
        id author { id paperCount } authors { id name paperCount } } }`,
      {},
      token,
    );
    expect(split.body.errors).toBeUndefined();
    expect(split.body.data.splitAuthor.authors).toEqual([
      { id: 'jo-kim', name: 'Jo Kim', paperCount: 1 },
      { id: 'jo-ann-kim', name: 'Jo-Ann Kim', paperCount: 1 },
    ]);
    // Bob Ray reached Di Fox through Jo Kim (p4 + p5); split, the way goes through Cy Dow... who Bob never met: 3 steps.
    const after = await post(app, path);
    expect(after.body.data.collaborationPath.length).toBe(3);
  });

  it('rename, reject (never suggested again) and revert', async () => {
    const { app, setup } = await curatedServer();
    const { token } = await setup.tokens.create('curator', null);
    const renamed = await post(
      app,
      'mutation { renameAuthor(authorId: "bob-ray", name: "Robert Ray") { id author { id name } } }',
      {},
      token,
    );
    expect(renamed.body.data.renameAuthor.author).toEqual({ id: 'bob-ray', name: 'Robert Ray' });
    const candidates = '{ duplicateAuthorCandidates(first: 10) { nodes { authors { id } } } }';
    const pairs = (await post(app, candidates)).body.data.duplicateAuthorCandidates.nodes.map((c: any) =>
      c.authors.map((a: any) => a.id).sort(),
    );
    expect(pairs).toContainEqual(['a-lee', 'ann-lee']);
    const rejected = await post(
      app,
      'mutation { rejectDuplicateCandidate(authorIds: ["ann-lee", "a-lee"]) { id } }',
      {},
      token,
    );
    expect(rejected.body.errors).toBeUndefined();
    const later = (await post(app, candidates)).body.data.duplicateAuthorCandidates.nodes.map((c: any) =>
      c.authors.map((a: any) => a.id).sort(),
    );
    expect(later).not.toContainEqual(['a-lee', 'ann-lee']);
    const revert = await post(
      app,
      `mutation { revertCuration(id: "${renamed.body.data.renameAuthor.id}") { id author { name } } }`,
      {},
      token,
    );
    expect(revert.body.errors).toBeUndefined();
    expect((await post(app, '{ author(id: "bob-ray") { name } }')).body.data.author.name).toBe('Bob Ray');
    const again = await post(
      app,
      `mutation { revertCuration(id: "${renamed.body.data.renameAuthor.id}") { id } }`,
      {},
      token,
    );
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('accept merges a candidate pair', async () => {
    const { app, setup } = await curatedServer();
    const { token } = await setup.tokens.create('admin', null);
    const accepted = await post(
      app,
      'mutation { acceptDuplicateCandidate(authorIds: ["ann-lee", "a-lee"]) { author { id paperCount } } }',
      {},
      token,
    );
    expect(accepted.body.data.acceptDuplicateCandidate.author).toEqual({ id: 'ann-lee', paperCount: 3 });
  });

  it('a change that does not apply is BAD_USER_INPUT and changes nothing', async () => {
    const { app, setup } = await curatedServer();
    const { token } = await setup.tokens.create('curator', null);
    const unknown = await post(app, MERGE, { ids: ['ann-lee', 'nobody'] }, token);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const everything = await post(
      app,
      'mutation { splitAuthor(authorId: "a-lee", spellings: ["A. Lee"], name: "X") { id } }',
      {},
      token,
    );
    expect(everything.body.errors?.[0]?.message).toMatch(/every paper/u);
    expect((await post(app, '{ curationLog { totalCount } }')).body.data.curationLog.totalCount).toBe(0);
  });

  it('a curator may revert only its own changes (FORBIDDEN, 403); an admin any', async () => {
    const { app, setup } = await curatedServer();
    const alice = (await setup.tokens.create('curator', 'alice')).token;
    const bob = (await setup.tokens.create('curator', 'bob')).token;
    const admin = (await setup.tokens.create('admin', 'root')).token;
    const made = await post(
      app,
      'mutation { renameAuthor(authorId: "bob-ray", name: "Robert Ray") { id } }',
      {},
      alice,
    );
    const id = made.body.data.renameAuthor.id;
    const refused = await post(app, `mutation { revertCuration(id: "${id}") { id } }`, {}, bob);
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const done = await post(app, `mutation { revertCuration(id: "${id}") { id } }`, {}, admin);
    expect(done.body.errors).toBeUndefined();
  });

  it('revoked tokens are refused; mutations are rate-limited per token (RATE_LIMITED, 429)', async () => {
    const { app, setup, directory } = await curatedServer({ maxMutationsPerMinute: 2 });
    const { id, token } = await setup.tokens.create('curator', null);
    const rename = (name: string) =>
      post(app, `mutation { renameAuthor(authorId: "bob-ray", name: "${name}") { id } }`, {}, token);
    expect((await rename('B1')).status).toBe(200);
    expect((await rename('B2')).status).toBe(200);
    const limited = await rename('B3');
    expect(limited.status).toBe(429);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await setup.tokens.revoke(id)).toBe(true);
    expect((await rename('B4')).status).toBe(401);
    // The token file is private, and holds hashes only.
    expect(statSync(`${directory}/tokens.json`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${directory}/tokens.json`, 'utf8')).not.toContain(token);
  });

  it('two conflicting changes at once about one author: one applies, the other is CONFLICT, both are logged', async () => {
    const { app, setup } = await curatedServer();
    const alice = (await setup.tokens.create('curator', null)).token;
    const bob = (await setup.tokens.create('curator', null)).token;
    const [one, two] = await Promise.all([
      post(app, 'mutation { renameAuthor(authorId: "jo-kim", name: "Joanne Kim") { id } }', {}, alice),
      post(app, 'mutation { splitAuthor(authorId: "jo-kim", paperIds: ["p5"], name: "Jo-Ann Kim") { id } }', {}, bob),
    ]);
    const codes = [one, two].map((answer) => answer.body.errors?.[0]?.extensions?.code ?? 'applied').sort();
    expect(codes).toEqual(['CONFLICT', 'applied']);
    const log = await post(app, '{ curationLog { nodes { outcome kind message } } }');
    expect(log.body.data.curationLog.nodes.map((n: any) => n.outcome).sort()).toEqual(['applied', 'conflict']);
  });

  it('the log pages with cursors, newest first', async () => {
    const { app, setup } = await curatedServer();
    const { token } = await setup.tokens.create('curator', null);
    for (const name of ['A', 'B', 'C'])
      await post(app, `mutation { renameAuthor(authorId: "ed-gu", name: "${name}") { id } }`, {}, token);
    const first = await post(
      app,
      '{ curationLog(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { action } } }',
    );
    const page = first.body.data.curationLog;
    expect(page.totalCount).toBe(3);
    expect(page.nodes.map((n: any) => JSON.parse(n.action).name)).toEqual(['C', 'B']);
    const next = await post(
      app,
      '{ curationLog(first: 2, after: $after) { pageInfo { hasNextPage } nodes { action } } }'.replace(
        '$after',
        JSON.stringify(page.pageInfo.endCursor),
      ),
    );
    expect(next.body.data.curationLog.nodes.map((n: any) => JSON.parse(n.action).name)).toEqual(['A']);
    expect(next.body.data.curationLog.pageInfo.hasNextPage).toBe(false);
  });
});
