/**
 * The load test's queries: the README's example queries, with the bundled data's authors turned into
 * variables, plus the list and path queries the README describes but shows no example of.
 *
 * Every author named in an example (an id such as "paul-vicol" or a name such as "David Duvenaud")
 * becomes a slot: the first person named is slot `a`, the next `b`, and so on; one person named both
 * by id and by name is one slot. A slot is bound per request to an author of the served network:
 * `$a` (ID) is their id, `$aName` their name, `$aSurname` the last word of their name. The query text
 * stays fixed (as a real client's does) and only the variables change.
 */
import {
  type ArgumentNode,
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
  parse,
  print,
  stripIgnoredCharacters,
  visit,
} from 'graphql';

/** Arguments that name an author, as `field.argument`. */
const AUTHOR_ARGUMENTS = new Set([
  'author.id',
  'author.name',
  'node.id',
  'collaborationPath.from',
  'collaborationPath.to',
  'collaborationPath.avoidAuthors',
  'collaborationPaths.from',
  'collaborationPaths.to',
  'collaborationDistance.to',
  'collaborationNetwork.center',
  'networkExport.center',
  'papers.author',
]);

const SLOT_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface MixQuery {
  /** Short key for --only and the report, e.g. "path". */
  readonly key: string;
  /** What the query asks, for the report. */
  readonly title: string;
  /** Where it comes from: "README example 2" or "README API list". */
  readonly source: string;
  /** The operation, with `$a`, `$aName`, ... variables. */
  readonly query: string;
  /** Slot letters the query uses, in order (bind one distinct author to each). */
  readonly slots: readonly string[];
}

/** An author a slot can be bound to. */
export interface PoolAuthor {
  readonly id: string;
  readonly name: string;
}

/** The ```graphql blocks of a Markdown text, in order (as tests/readme.test.ts reads them). */
export function graphqlBlocks(markdown: string): string[] {
  return [...markdown.replace(/\r\n/gu, '\n').matchAll(/```graphql\n([\s\S]*?)```/gu)].map(
    (match) => match[1] as string,
  );
}

/** "David Duvenaud" and "david-duvenaud" are one person: both give "david-duvenaud". */
export function personKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');
}

export interface Parameterized {
  readonly query: string;
  /** Slot letters in order of first appearance. */
  readonly slots: string[];
  /** The literals each slot replaced: the id and/or the name the example used. */
  readonly originals: ReadonlyMap<string, { id?: string; name?: string }>;
}

/**
 * Turns every author literal in an example into a slot variable and declares the variables on the
 * operation.
 */
export function parameterize(example: string): Parameterized {
  const document = parse(example);
  const slotOf = new Map<string, string>();
  const originals = new Map<string, { id?: string; name?: string }>();
  const used = new Map<string, 'ID' | 'String'>();
  const variableFor = (literal: string, byName: boolean): ValueNode => {
    const key = personKey(literal);
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = SLOT_LETTERS[slotOf.size];
      if (slot === undefined) throw new Error('an example names more than 26 authors');
      slotOf.set(key, slot);
      originals.set(slot, {});
    }
    const original = originals.get(slot) as { id?: string; name?: string };
    if (byName) original.name ??= literal;
    else original.id ??= literal;
    const name = byName ? `${slot}Name` : slot;
    used.set(name, byName ? 'String' : 'ID');
    return { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } };
  };
  const fields: string[] = [];
  const rewritten = visit(document, {
    Field: {
      enter(node) {
        fields.push(node.name.value);
      },
      leave() {
        fields.pop();
      },
    },
    Argument(node): ArgumentNode | undefined {
      const field = fields[fields.length - 1];
      if (field === undefined || !AUTHOR_ARGUMENTS.has(`${field}.${node.name.value}`)) return undefined;
      const byName = node.name.value === 'name';
      const value = node.value;
      if (value.kind === Kind.STRING) return { ...node, value: variableFor(value.value, byName) };
      if (value.kind === Kind.LIST) {
        return {
          ...node,
          value: {
            ...value,
            values: value.values.map((item) => (item.kind === Kind.STRING ? variableFor(item.value, byName) : item)),
          },
        };
      }
      return undefined;
    },
  }) as DocumentNode;
  const withVariables = declareVariables(rewritten, used);
  return { query: stripIgnoredCharacters(print(withVariables)), slots: [...slotOf.values()], originals };
}

function declareVariables(document: DocumentNode, used: ReadonlyMap<string, 'ID' | 'String'>): DocumentNode {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) throw new Error(`an example must hold one operation, found ${operations.length}`);
  const definitions: VariableDefinitionNode[] = [...used].map(([name, type]) => ({
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } } },
  }));
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition === operations[0]
        ? { ...definition, variableDefinitions: [...(definition.variableDefinitions ?? []), ...definitions] }
        : definition,
    ),
  };
}

/** Slot letters a query's variables refer to (`$a`, `$bName`, `$cSurname`), in order. */
export function slotsOf(query: string): string[] {
  const slots = new Set<string>();
  visit(parse(query), {
    VariableDefinition(node) {
      const match = /^([a-z])(?:Name|Surname)?$/u.exec(node.variable.name.value);
      if (match === null)
        throw new Error(`variable $${node.variable.name.value} is not a slot ($a, $aName, $aSurname)`);
      slots.add(match[1] as string);
    },
  });
  return [...slots].sort();
}

/** The variables for one request: each slot bound to one author. */
export function bindSlots(slots: readonly string[], authors: readonly PoolAuthor[]): Record<string, string> {
  if (authors.length < slots.length)
    throw new Error(`${slots.length} slots need ${slots.length} authors, got ${authors.length}`);
  const variables: Record<string, string> = {};
  slots.forEach((slot, i) => {
    const author = authors[i] as PoolAuthor;
    variables[slot] = author.id;
    variables[`${slot}Name`] = author.name;
    variables[`${slot}Surname`] = author.name.trim().split(/\s+/u).at(-1) ?? author.name;
  });
  return variables;
}

/** Keeps only the variables a query declares (a GraphQL server rejects none, but bodies stay small). */
export function variablesFor(query: MixQuery, bound: Record<string, string>): Record<string, string> {
  const declared = [...query.query.matchAll(/\$([A-Za-z]+)\s*:/gu)].map((match) => match[1] as string);
  return Object.fromEntries(declared.filter((name) => name in bound).map((name) => [name, bound[name] as string]));
}

/** Keys and titles of the README's examples, in README order, checked against the blocks' content. */
const README_EXAMPLES: readonly { key: string; title: string; mustContain: string }[] = [
  { key: 'author', title: 'author by name with co-authors and joint papers', mustContain: 'coauthors(' },
  { key: 'path', title: 'collaborationPath, a detour and collaborationDistance', mustContain: 'collaborationPath(' },
  {
    key: 'centrality',
    title: "centralityRanking (betweenness) and one author's centrality",
    mustContain: 'centralityRanking(',
  },
  {
    key: 'network',
    title: 'collaborationNetwork, 2 hops, at most 50, with layout',
    mustContain: 'collaborationNetwork(',
  },
  {
    key: 'identity',
    title: 'name variants, ids, sources; duplicateAuthorCandidates',
    mustContain: 'duplicateAuthorCandidates(',
  },
  { key: 'stats', title: 'graphStats', mustContain: 'graphStats' },
];

/** Queries of kinds the README lists under "The API in brief" without an example block. */
export const API_LIST_QUERIES: readonly MixQuery[] = [
  {
    key: 'search',
    title: 'authors search by surname, by co-author count',
    source: 'README API list',
    query:
      'query ($aSurname: String!) { authors(search: $aSurname, orderBy: COAUTHOR_COUNT, first: 20) { totalCount edges { cursor node { id name paperCount coauthorCount } } pageInfo { hasNextPage endCursor } } }',
    slots: ['a'],
  },
  {
    key: 'papers',
    title: 'papers of an author, newest first, with co-authors',
    source: 'README API list',
    query:
      'query ($a: ID!) { papers(author: $a, first: 20) { totalCount nodes { id title year venue authors { id name } } pageInfo { hasNextPage endCursor } } }',
    slots: ['a'],
  },
  {
    key: 'paths',
    title: 'collaborationPaths: every shortest path, at most 5',
    source: 'README API list',
    query:
      'query ($a: ID!, $b: ID!) { collaborationPaths(from: $a, to: $b, first: 5) { totalCount nodes { length authors { id name } steps { papers { title } } } } }',
    slots: ['a', 'b'],
  },
  {
    key: 'export',
    title: 'networkExport GEXF centered, 1 hop, at most 50',
    source: 'README API list',
    query:
      'query ($a: ID!) { networkExport(format: GEXF, center: $a, depth: 1, maxNodes: 50) { fileName mediaType content } }',
    slots: ['a'],
  },
];

/**
 * The mix: the README's six examples (parameterized) and the API-list queries. Throws when the README
 * no longer has the examples this list expects, so the load test cannot drift from the README.
 */
export function queryMix(readme: string): MixQuery[] {
  const blocks = graphqlBlocks(readme);
  if (blocks.length !== README_EXAMPLES.length)
    throw new Error(`README.md has ${blocks.length} graphql examples; the load test knows ${README_EXAMPLES.length}`);
  const fromReadme = README_EXAMPLES.map((example, i): MixQuery => {
    const block = blocks[i] as string;
    if (!block.includes(example.mustContain))
      throw new Error(`README example ${i + 1} no longer asks ${example.mustContain} (load test key "${example.key}")`);
    const { query, slots } = parameterize(block);
    return { key: example.key, title: example.title, source: `README example ${i + 1}`, query, slots };
  });
  return [...fromReadme, ...API_LIST_QUERIES];
}
