import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAliases } from '../../src/ingest/aliases.ts';
import { identityKey } from '../../src/ingest/names.ts';
import { PROPERTY_TIMEOUT, anyText, check, expectProblemInFile, lineCount, mutated } from '../helpers/properties.ts';

const FILE = 'aliases.json';
/** Few names, so chains, cycles, repeats and conflicts are common; some spelled differently. */
const name = fc.constantFrom(
  'Jon Lorraine',
  'Jonathan Lorraine',
  'jon  lorraine',
  'J. Lorraine',
  'Ann Lee',
  'ANN LEE',
  'Bo Chen',
  'Jörn Möller',
  'Jorn Moller',
  '',
  '  ',
);
const value = fc.oneof({ weight: 6, arbitrary: name }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
const entries = fc.array(fc.tuple(name, value), { maxLength: 8 });
const aliasText = (list: readonly (readonly [string, unknown])[]) =>
  `{\n${list.map(([variant, canonical]) => `  ${JSON.stringify(variant)}: ${JSON.stringify(canonical)}`).join(',\n')}\n}`;

describe('parseAliases under random and damaged input', () => {
  it(
    'never throws on any text; problems name the file and lines within it',
    () => {
      check(
        fc.property(fc.oneof(anyText(), mutated(entries.map(aliasText))), (text) => {
          const result = parseAliases(text, FILE);
          for (const problem of result.problems) expectProblemInFile(problem, FILE, lineCount(text));
        }),
        700,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'maps or reports every entry, each on its line, and resolves chains fully',
    () => {
      check(
        fc.property(entries, (list) => {
          const text = aliasText(list);
          const { aliases, problems } = parseAliases(text, FILE);
          const reported = new Set(problems.map((problem) => problem.line));
          list.forEach(([variant, canonical], k) => {
            const line = k + 2;
            const mapped = aliases.canonicalByKey.has(identityKey(variant));
            const sameName =
              typeof canonical === 'string' &&
              identityKey(canonical) === identityKey(variant) &&
              identityKey(variant) !== '';
            // A variant written again with the same name adds nothing and needs no report.
            const repeated = list
              .slice(0, k)
              .some(
                ([earlier, target]) =>
                  identityKey(earlier) === identityKey(variant) &&
                  typeof target === 'string' &&
                  typeof canonical === 'string' &&
                  identityKey(target) === identityKey(canonical),
              );
            if (!(mapped || reported.has(line) || sameName || repeated))
              throw new Error(
                `entry on line ${line} (${JSON.stringify([variant, canonical])}) was neither used nor reported`,
              );
          });
          for (const canonical of aliases.canonicalByKey.values())
            expect(aliases.canonicalByKey.has(identityKey(canonical))).toBe(false);
        }),
        700,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
