/**
 * Reader for OpenAlex works, as the API returns them: a page `{ "meta": ..., "results": [work, ...] }`
 * or an array of works (`.json`), or one work per line (`.jsonl`).
 *
 * - Authors: `authorships[].author.display_name` (else `raw_author_name`), with the OpenAlex author id
 *   and ORCID kept as the person's identities.
 * - `is_authors_truncated` (the API cuts long bylines) marks the author list as incomplete.
 * - Paper id: the DOI, else the OpenAlex work id (`W2741809807`). Abstract: rebuilt from
 *   `abstract_inverted_index`. Venue: the primary location's source.
 */
import { normalizeDoi, normalizeOpenAlexId, normalizeOrcid } from './identifiers.ts';
import {
  type JsonDocument,
  type RecordReading,
  isPlainObject,
  parseJsonDocument,
  propertyNode,
  readArrayRecords,
  stringField,
} from './json-records.ts';
import { cleanText } from './names.ts';
import { type ExternalId, type ParseResult, type SourceLocation, idList, isYear } from './records.ts';

export function parseOpenAlexJson(text: string, file: string): ParseResult {
  const document = parseJsonDocument(text, file);
  if ('severity' in document) return { papers: [], problems: [document] };
  return readOpenAlexDocument(document, file);
}

export function readOpenAlexDocument(document: JsonDocument, file: string): ParseResult {
  const list = document.root.type === 'array' ? document.root : propertyNode(document.root, 'results');
  if (list === undefined || list.type !== 'array') {
    return {
      papers: [],
      problems: [
        {
          severity: 'error',
          file,
          line: document.lineOf(document.root.offset),
          message: 'expected OpenAlex works: an array, or an object with a "results" array',
        },
      ],
    };
  }
  return readArrayRecords(list, document, file, readOpenAlexWork);
}

/** Whether a JSON record is an OpenAlex work. */
export function looksLikeOpenAlexWork(value: unknown): boolean {
  return isPlainObject(value) && Array.isArray(value['authorships']);
}

export function readOpenAlexWork(value: unknown, source: SourceLocation): RecordReading {
  if (!isPlainObject(value)) return { severity: 'error', message: 'not loaded: expected an OpenAlex work (an object)' };
  const title = cleanText(stringField(value, 'title') ?? stringField(value, 'display_name') ?? '');
  if (title === '') return { severity: 'error', message: 'not loaded: it has no "title"' };
  const authorships = value['authorships'];
  if (!Array.isArray(authorships)) return { severity: 'error', message: 'not loaded: "authorships" must be an array' };
  // Lists of the byline's size (grown by pushing, each would hold room for 17).
  const authors = new Array<string>(authorships.length);
  const identities = new Array<ExternalId[]>(authorships.length);
  for (const [k, authorship] of authorships.entries()) {
    const author = isPlainObject(authorship) && isPlainObject(authorship['author']) ? authorship['author'] : {};
    const name = cleanText(
      stringField(author, 'display_name') ??
        (isPlainObject(authorship) ? stringField(authorship, 'raw_author_name') : null) ??
        '',
    );
    if (name === '') return { severity: 'error', message: `not loaded: authorship ${k + 1} has no author name` };
    const openalex = normalizeOpenAlexId(stringField(author, 'id'), 'A');
    const orcid = normalizeOrcid(stringField(author, 'orcid'));
    authors[k] = name;
    identities[k] = idList(
      openalex === null ? null : { scheme: 'openalex', value: openalex },
      orcid === null ? null : { scheme: 'orcid', value: orcid },
    );
  }
  if (authors.length === 0) return { severity: 'warning', message: 'not loaded: it has no authorships' };
  const doi = normalizeDoi(stringField(value, 'doi'));
  const primary = isPlainObject(value['primary_location']) ? value['primary_location'] : {};
  const venueSource = isPlainObject(primary['source'])
    ? primary['source']
    : isPlainObject(value['host_venue'])
      ? value['host_venue']
      : {};
  const year = value['publication_year'];
  return {
    id: doi ?? normalizeOpenAlexId(stringField(value, 'id'), 'W'),
    title,
    authors,
    authorIdentities: identities,
    abstract: invertedAbstract(value['abstract_inverted_index']),
    year: isYear(year) ? year : null,
    venue: cleanText(stringField(venueSource, 'display_name') ?? '') || null,
    url: stringField(primary, 'landing_page_url') ?? (doi === null ? null : `https://doi.org/${doi}`),
    doi,
    authorListIncomplete: value['is_authors_truncated'] === true,
    source,
  };
}

/** OpenAlex ships abstracts as word → positions; put the words back in order. */
function invertedAbstract(index: unknown): string | null {
  if (!isPlainObject(index)) return null;
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    if (!Array.isArray(positions)) continue;
    for (const position of positions)
      if (Number.isInteger(position) && position >= 0 && position < 100_000) words[position as number] = word;
  }
  const text = cleanText(words.filter((word) => word !== undefined).join(' '));
  return text === '' ? null : text;
}
