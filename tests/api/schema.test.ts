import { readFileSync } from 'node:fs';
import { isInterfaceType, isObjectType, isEnumType, isIntrospectionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSortedSchema, schema } from '../../src/api/schema.ts';

describe('schema', () => {
  it('matches the checked-in schema/schema.graphql (run "npm run schema:print" after changing the API)', () => {
    expect(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8')).toBe(printSortedSchema());
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        isIntrospectionType(type) ||
        type.name.startsWith('__') ||
        ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)
      )
        continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it("has the contract's root fields", () => {
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual([
      'author',
      'authors',
      'centralityRanking',
      'collaborationNetwork',
      'collaborationPath',
      'collaborationPaths',
      'curationLog',
      'duplicateAuthorCandidates',
      'graphStats',
      'networkExport',
      'networkVersion',
      'node',
      'nodes',
      'paper',
      'papers',
    ]);
  });

  it('has the curation mutations of the contract, each returning CurationResult!', () => {
    const fields = schema.getMutationType()!.getFields();
    expect(Object.keys(fields).sort()).toEqual([
      'acceptDuplicateCandidate',
      'mergeAuthors',
      'rejectDuplicateCandidate',
      'renameAuthor',
      'revertCuration',
      'splitAuthor',
    ]);
    for (const field of Object.values(fields)) expect(String(field.type)).toBe('CurationResult!');
    expect(fields['splitAuthor']!.args.map((arg) => `${arg.name}: ${String(arg.type)}`)).toEqual([
      'authorId: ID!',
      'name: String!',
      'note: String',
      'paperIds: [ID!]',
      'spellings: [String!]',
    ]);
  });
});
