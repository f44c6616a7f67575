/**
 * What the GraphQL endpoint refuses before parsing a query, each with its own code:
 * - file uploads (multipart requests): the API takes no files;
 * - batches (a JSON array of operations): one operation per request keeps every limit per operation;
 * - cross-site request forgery. The rule: a `POST` that a page of another site could send without a
 *   CORS preflight (a "simple" request: no content type, or a form or `text/plain` body, and no
 *   custom header) is refused unless it carries one of `PREFLIGHT_HEADERS`, which such a page
 *   cannot add without a preflight. Everything else passes:
 *   - a `GET` (urql's default, persisted queries): it can only run a query (a mutation by GET is
 *     refused by yoga, and the schema has none), the API keeps no cookies or other ambient
 *     credentials, and without CORS the page of another site cannot read the answer; so a forged
 *     GET changes nothing and learns nothing;
 *   - any other content type (`application/json`, `application/graphql-response+json`): browsers
 *     preflight it, and the preflight fails for origins not in the CORS list;
 *   - Apollo Client's `apollo-require-preflight` / `x-apollo-operation-name` and yoga's
 *     `x-graphql-yoga-csrf` headers: custom headers force a preflight.
 *   The POST check is yoga's own CSRF plugin; only its error is ours.
 * - a browser preflight (`OPTIONS`) that CORS did not answer (its origin is not listed): refused
 *   with a message naming CORS, the real cause.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';
import { codedError, errors } from '../api/errors.ts';

export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/** Headers a cross-site page cannot send without a preflight, sent by the mainstream clients. */
export const PREFLIGHT_HEADERS = [CSRF_HEADER, 'apollo-require-preflight', 'x-apollo-operation-name'] as const;

export function useRequestGuards(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: [...PREFLIGHT_HEADERS] });
  return {
    onRequestParse(payload) {
      const { request } = payload;
      if (request.method === 'OPTIONS') {
        const origin = request.headers.get('origin');
        throw codedError(errors.corsOriginNotAllowed, { origin });
      }
      const type = request.headers.get('content-type')?.toLowerCase() ?? '';
      if (type.startsWith('multipart/')) {
        throw codedError(errors.uploadsDisabled, {});
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        try {
          void csrf.onRequestParse?.(payload as never); // it checks synchronously: throws, returns nothing
        } catch {
          throw codedError(errors.csrfHeaderRequired, { header: CSRF_HEADER });
        }
      }
      return {
        onRequestParseDone({ requestParserResult }) {
          if (Array.isArray(requestParserResult)) {
            throw codedError(errors.batchingDisabled, { operations: requestParserResult.length });
          }
        },
      };
    },
  };
}
