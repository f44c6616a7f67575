import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDoi, normalizeOpenAlexId, normalizeOrcid, splitDblpHomonym } from '../../src/ingest/identifiers.ts';
import { PROPERTY_TIMEOUT, anyText, check } from '../helpers/properties.ts';

const spaces = fc.constantFrom('', ' ', '\t', '\n ');
const upperOrLower = (text: string, upper: boolean) => (upper ? text.toUpperCase() : text.toLowerCase());

const doi = fc
  .tuple(fc.stringMatching(/^\d{4,9}$/u), fc.stringMatching(/^[A-Za-z0-9.()/_;:-]{1,20}$/u))
  .map(([registrant, suffix]) => `10.${registrant}/${suffix}`);
const orcid = fc.stringMatching(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/u);

describe('identifier normal forms', () => {
  it(
    'never throw, and give either null or a value in normal form that normalizes to itself',
    () => {
      check(
        fc.property(
          fc.oneof(
            anyText(60),
            doi,
            orcid,
            fc.constantFrom('https://doi.org/', 'https://orcid.org/', 'https://openalex.org/A'),
          ),
          (raw) => {
            const normal = {
              doi: normalizeDoi(raw),
              orcid: normalizeOrcid(raw),
              author: normalizeOpenAlexId(raw, 'A'),
              work: normalizeOpenAlexId(raw, 'W'),
            };
            if (normal.doi !== null) {
              expect(normal.doi).toMatch(/^10\.\d{4,9}\/\S+$/u);
              expect(normal.doi).toBe(normal.doi.toLowerCase());
              expect(normalizeDoi(normal.doi)).toBe(normal.doi);
            }
            if (normal.orcid !== null) {
              expect(normal.orcid).toMatch(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/u);
              expect(normalizeOrcid(normal.orcid)).toBe(normal.orcid);
            }
            for (const [kind, id] of [
              ['A', normal.author],
              ['W', normal.work],
            ] as const) {
              if (id !== null) {
                expect(id).toMatch(new RegExp(`^${kind}\\d+$`, 'u'));
                expect(normalizeOpenAlexId(id, kind)).toBe(id);
              }
            }
            const { name, number } = splitDblpHomonym(raw);
            expect(name).toBe(name.trim());
            if (number !== null) expect(`${name} ${number}`).toBe(raw.trim().replace(/\s+(\d{4})$/u, ' $1'));
          },
        ),
        1050,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'read every way a source writes the same DOI, ORCID or OpenAlex id to one value',
    () => {
      check(
        fc.property(
          doi,
          orcid,
          fc.bigInt({ min: 1n, max: 10n ** 12n }),
          spaces,
          fc.boolean(),
          fc.nat({ max: 3 }),
          (d, o, n, space, upper, form) => {
            const doiForms = [d, `doi:${d}`, `https://doi.org/${d}`, `http://dx.doi.org/${d}`];
            expect(normalizeDoi(`${space}${upperOrLower(doiForms[form] as string, upper)}${space}`)).toBe(
              d.toLowerCase(),
            );
            const orcidForms = [o, `https://orcid.org/${o}`, `http://orcid.org/${o}`, `HTTPS://ORCID.ORG/${o}`];
            expect(normalizeOrcid(`${space}${orcidForms[form]}${space}`)).toBe(o);
            const idForms = [
              `A${n}`,
              `https://openalex.org/A${n}`,
              `https://api.openalex.org/authors/A${n}`,
              `https://openalex.org/authors/a${n}`,
            ];
            expect(normalizeOpenAlexId(`${space}${idForms[form]}${space}`, 'A')).toBe(`A${n}`);
            expect(normalizeOpenAlexId(`A${n}`, 'W')).toBeNull();
          },
        ),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'split a DBLP homonym number off a name and nothing else',
    () => {
      check(
        fc.property(
          fc.stringMatching(/^[A-Za-zÀ-ÿ. -]{0,20}[A-Za-zÀ-ÿ.]$/u),
          fc.stringMatching(/^\d{4}$/u),
          (name, number) => {
            expect(splitDblpHomonym(`${name} ${number}`)).toEqual({ name: name.trim(), number });
            expect(splitDblpHomonym(name)).toEqual({ name: name.trim(), number: null });
          },
        ),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
