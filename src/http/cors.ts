/**
 * Cross-origin access: none by default (the explorer and GraphiQL are served from the API's own
 * origin). With a list of allowed origins, a request from one of them gets the CORS headers that let
 * its page read the answer; any other origin gets none, so browsers keep the answer from its page.
 */
import type { CORSOptions, Plugin } from 'graphql-yoga';

export function corsOptions(allowedOrigins: readonly string[]): false | ((request: Request) => CORSOptions) {
  if (allowedOrigins.length === 0) return false;
  const allowed = new Set(allowedOrigins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false; // no CORS headers at all
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    };
  };
}

/** With an allow-list, every answer depends on the request's Origin: caches must keep one per origin. */
export function useVaryOnOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (!vary?.split(',').some((entry) => entry.trim().toLowerCase() === 'origin'))
        response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    },
  };
}
