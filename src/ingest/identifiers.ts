/**
 * Normal forms of the identifiers sources give: DOIs for papers; ORCIDs, OpenAlex ids and DBLP
 * person ids for people. Each returns null for something that is not such an identifier, so a
 * malformed value never becomes an identity.
 */

/** `10.1234/abc` in lower case (DOIs are case-insensitive), from a bare DOI, `doi:` or a doi.org URL. */
export function normalizeDoi(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const doi = raw.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/iu, '');
  return /^10\.\d{4,9}\/\S+$/u.test(doi) ? doi.toLowerCase() : null;
}

/** `0000-0002-1825-0097` from a bare ORCID or an orcid.org URL; the check digit may be X. */
export function normalizeOrcid(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const orcid = raw
    .trim()
    .replace(/^https?:\/\/orcid\.org\//iu, '')
    .toUpperCase();
  return /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/u.test(orcid) ? orcid : null;
}

/** `A5023888391` from an OpenAlex author id or URL (`W...` for works). */
export function normalizeOpenAlexId(raw: string | null | undefined, kind: 'A' | 'W'): string | null {
  if (typeof raw !== 'string') return null;
  const id = raw
    .trim()
    .replace(/^https?:\/\/(?:api\.)?openalex\.org\/(?:(?:authors|works)\/)?/iu, '')
    .toUpperCase();
  return new RegExp(`^${kind}\\d+$`, 'u').test(id) ? id : null;
}

/** DBLP's homonym number at the end of a name: "Wei Wang 0001" → { name: "Wei Wang", number: "0001" }. */
export function splitDblpHomonym(raw: string): { name: string; number: string | null } {
  const match = /^(.*\S)\s+(\d{4})$/u.exec(raw.trim());
  return match ? { name: match[1] as string, number: match[2] as string } : { name: raw.trim(), number: null };
}
