/**
 * A query costs what GraphiQL sees whichever client sends it: Apollo Client and urql add
 * `__typename` to every selection, and meta fields are free. Checked on every README example
 * (extracted as tests/readme.test.ts does) through each client's own document transform.
 */
import { addTypenameToDocument } from '@apollo/client/utilities';
import { formatDocument } from '@urql/core';
import { readFileSync } from 'node:fs';
import { type DocumentNode, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/api/schema.ts';
import { queryCost } from '../../src/http/query-cost.ts';
import { bundledApp, bundledData, graphql } from '../helpers/app.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/gu)].map((match) => match[1]!);
const data = bundledData();
const cost = (document: DocumentNode) => queryCost(schema, document, {}, null, { data });

describe('the cost of a query as clients send it', () => {
  it.each(examples.map((example, i) => [i + 1, example]))(
    "README example %i costs the same through Apollo's addTypename and urql's formatDocument",
    async (_n, example) => {
      const plain = cost(parse(example as string));
      const apollo = addTypenameToDocument(parse(example as string));
      const urql = formatDocument(parse(example as string));
      expect(print(apollo)).toContain('__typename');
      expect(print(urql)).toContain('__typename');
      expect(plain).toBeGreaterThan(0);
      expect(cost(apollo)).toBe(plain);
      expect(cost(urql)).toBe(plain);
      // and the server lets the client's version through at a limit of exactly the plain cost
      const tight = bundledApp({ http: { maxCost: plain! } });
      expect((await graphql(tight, print(apollo))).errors).toBeUndefined();
    },
  );

  it('charges nothing for introspection or __typename', () => {
    expect(cost(parse('{ __typename }'))).toBe(0);
    expect(cost(parse('{ __schema { types { name fields { name } } } __type(name: "Author") { name } }'))).toBe(0);
    expect(cost(parse('{ graphStats { __typename authorCount } }'))).toBe(
      cost(parse('{ graphStats { authorCount } }')),
    );
  });
});
