/**
 * What a client is told about its own mistake, made safe to send:
 * - no error message longer than `MAX_ERROR_MESSAGE` characters (a message may quote the request: a
 *   variable's value, a name), and no `originalError` echo beyond a short excerpt (yoga's "POST body
 *   sent invalid JSON." carried the JSON parser's message, which quotes the whole body: 1 MB of NUL
 *   bytes came back as 6 MB of `\u0000`);
 * Variables that cannot be coerced to their types get `BAD_USER_INPUT` where they are checked, from
 * graphql-js's structured errors (src/http/coded-errors.ts), not from their wording here.
 * Runs before the request log reads the answer, so the log sees the same messages as the client.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Longest error message sent to a client; longer ones are cut. */
export const MAX_ERROR_MESSAGE = 500;
/** Longest excerpt of the parser's message kept in `extensions.originalError`. */
export const MAX_ERROR_EXCERPT = 80;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** The error as the client may see it: `error` itself when it already is. */
export function clientSafeError(error: GraphQLError): GraphQLError {
  const original = error.extensions.originalError as { name?: unknown; message?: unknown } | undefined;
  if (error.message.length <= MAX_ERROR_MESSAGE && original === undefined) return error;
  const extensions: Record<string, unknown> = { ...error.extensions };
  if (original !== undefined) {
    extensions.originalError = {
      name: String(original.name ?? 'Error'),
      message: cut(String(original.message ?? '').replace(/[\u0000-\u001f\u007f]/gu, '?'), MAX_ERROR_EXCERPT),
    };
  }
  return new GraphQLError(cut(error.message, MAX_ERROR_MESSAGE), {
    nodes: error.nodes ?? null,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

export function useClientErrors(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (
        Array.isArray(result) ||
        typeof result !== 'object' ||
        result === null ||
        !('errors' in result) ||
        !Array.isArray(result.errors)
      )
        return;
      const errors = result.errors as unknown[];
      if (!errors.some((error) => error instanceof GraphQLError && clientSafeError(error) !== error)) return;
      setResult({
        ...result,
        errors: errors.map((error) => (error instanceof GraphQLError ? clientSafeError(error) : error)),
      } as typeof result);
    },
  };
}
