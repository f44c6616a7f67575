/**
 * What the GraphQL endpoint refuses before parsing a query, each with its own code:
 * - file uploads (multipart requests): the API takes no files;
 * - batches (a JSON array of operations): one operation per request keeps every limit per operation;
 * - cross-site request forgery: a request a web page of another site could send without a CORS
 *   preflight (a GET, or a POST as a form or text/plain) must carry the `x-graphql-yoga-csrf`
 *   header (any value), which such a page cannot add. JSON POSTs (GraphiQL, the explorer, any
 *   client sending `content-type: application/json`) are preflighted, so they pass as they are.
 *   The check is yoga's own CSRF plugin; only its error is ours.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, rejection } from '../api/errors.ts';

export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export function useRequestGuards(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse(payload) {
      const type = payload.request.headers.get('content-type')?.toLowerCase() ?? '';
      if (type.startsWith('multipart/')) {
        throw rejection(ErrorCode.uploadsDisabled, 'File uploads (multipart requests) are not accepted: send the query as JSON (content-type: application/json).', { status: 415, spec: false });
      }
      try {
        csrf.onRequestParse?.(payload as never);
      } catch {
        throw rejection(ErrorCode.csrfHeaderRequired, `A GET request or a form POST needs the "${CSRF_HEADER}" header (any value), which protects browser users from cross-site request forgery; or send a POST with content-type: application/json.`, { status: 403, spec: false });
      }
      return {
        onRequestParseDone({ requestParserResult }) {
          if (Array.isArray(requestParserResult)) {
            throw rejection(ErrorCode.batchingDisabled, `The request holds ${requestParserResult.length} operations; batching is off: send one operation per request.`, { status: 400, spec: false });
          }
        },
      };
    },
  };
}
