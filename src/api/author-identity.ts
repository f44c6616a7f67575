/**
 * How an author came to be one person: the spellings merged into them with their counts, their
 * external ids and every source record they were read from (provenance). Fields on `Author`.
 */
import { basename } from 'node:path';
import type { AuthorOccurrence, MergeReason, NameVariant } from '../ingest/catalog.ts';
import type { ExternalId } from '../ingest/records.ts';
import { checkPageSize, checkRange } from './arguments.ts';
import { AuthorRef } from './author.ts';
import { builder } from './builder.ts';
import { pageCost } from './complexity.ts';

const MergeReasonRef = builder.enumType('NameMergeReason', {
  description: 'Why a spelling belongs to an author.',
  values: {
    NAME: {
      value: 'name' as MergeReason,
      description: 'The same name as the display name up to case, accents, spacing and the punctuation of initials.',
    },
    ALIAS: { value: 'alias' as MergeReason, description: 'The alias file maps this spelling to the author.' },
    EXTERNAL_ID: {
      value: 'external-id' as MergeReason,
      description: 'The spelling came with an external id (ORCID, DBLP, OpenAlex) of this author.',
    },
  } as const,
});

const NameVariantRef = builder.objectRef<NameVariant>('NameVariant').implement({
  description: "One spelling of an author's name seen in the sources.",
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The spelling as written (Unicode NFC, whitespace folded).' }),
    count: t.exposeInt('count', { description: 'How many bylines used this spelling for this author.' }),
    mergedBy: t.field({
      type: MergeReasonRef,
      description: 'Why this spelling belongs to the author.',
      resolve: (variant) => variant.mergedBy,
    }),
  }),
});

const ExternalIdSchemeRef = builder.enumType('ExternalIdScheme', {
  description: 'A registry of researcher identifiers.',
  values: {
    ORCID: { value: 'orcid' as ExternalId['scheme'], description: 'ORCID iD, e.g. 0000-0002-1825-0097.' },
    DBLP: { value: 'dblp' as ExternalId['scheme'], description: 'DBLP person id (pid), e.g. 86/9380.' },
    DBLP_NAME: {
      value: 'dblp-name' as ExternalId['scheme'],
      description: 'A DBLP name with its homonym number (e.g. "Wei Wang 0001"), for DBLP records without a pid.',
    },
    OPENALEX: { value: 'openalex' as ExternalId['scheme'], description: 'OpenAlex author id, e.g. A5023888391.' },
  } as const,
});

const urlOf: Record<ExternalId['scheme'], (value: string) => string | null> = {
  orcid: (value) => `https://orcid.org/${value}`,
  dblp: (value) => `https://dblp.org/pid/${value}`,
  'dblp-name': () => null,
  openalex: (value) => `https://openalex.org/${value}`,
};

const ExternalIdRef = builder.objectRef<ExternalId>('ExternalId').implement({
  description: 'An identifier of the author in an outside registry. Records sharing one are the same person.',
  fields: (t) => ({
    scheme: t.field({ type: ExternalIdSchemeRef, description: 'The registry.', resolve: (id) => id.scheme }),
    value: t.exposeString('value', { description: 'The identifier in that registry.' }),
    url: t.string({
      nullable: true,
      description: "The registry's page for this identifier, when it has one.",
      resolve: (id) => urlOf[id.scheme](id.value),
    }),
  }),
});

const AuthorSourceRef = builder.objectRef<AuthorOccurrence>('AuthorSource').implement({
  description: 'One source record an author was read from.',
  fields: (t) => ({
    file: t.string({
      description: "The data file's name (without its directory).",
      resolve: (occurrence) => basename(occurrence.source.file),
    }),
    line: t.int({
      description: '1-based line where the record starts.',
      resolve: (occurrence) => occurrence.source.line,
    }),
    spelling: t.exposeString('spelling', { description: 'How the record spelled the name.' }),
  }),
});

builder.objectFields(AuthorRef, (t) => ({
  nameVariantCounts: t.field({
    type: [NameVariantRef],
    description:
      'Every spelling of this person seen in the sources, in order of first appearance, with how often it was seen and why it belongs here.',
    resolve: (author) => author.nameVariants,
  }),
  externalIds: t.field({
    type: [ExternalIdRef],
    description: 'ORCID, DBLP and OpenAlex ids seen for this person, in order of first appearance.',
    resolve: (author) => author.externalIds,
  }),
  sources: t.field({
    type: [AuthorSourceRef],
    complexity: pageCost(100),
    description: 'The source records this author was read from, in input order (the provenance of a merged author).',
    args: {
      first: t.arg.int({ defaultValue: 100, description: 'At most this many records, 0 to 100.' }),
      offset: t.arg.int({ defaultValue: 0, description: 'Skip this many records first (see `sourceCount`).' }),
    },
    resolve: (author, { first, offset }) => {
      const start = checkRange(offset ?? 0, 'offset', 0, Number.MAX_SAFE_INTEGER);
      return author.occurrences.slice(start, start + checkPageSize(first ?? 100));
    },
  }),
  sourceCount: t.int({
    description: 'How many source records name this author.',
    resolve: (author) => author.occurrences.length,
  }),
}));
