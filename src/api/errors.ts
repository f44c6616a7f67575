/**
 * Errors a client should handle. Everything else thrown by a resolver is masked by yoga
 * ("Unexpected error.") and logged on the server.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  badUserInput: 'BAD_USER_INPUT',
  /** The request ran past its time budget and was stopped. */
  timeout: 'TIMEOUT',
  /** A whole-network export larger than the server hands out through the API. */
  exportTooLarge: 'EXPORT_TOO_LARGE',
  /** The server cannot do this now (its workers could not load the data). */
  unavailable: 'UNAVAILABLE',
} as const;

/** Wrong input: the message says what is wrong in words a person understands; `argument` names the culprit. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.badUserInput, ...(argument ? { argument } : {}) } });
}
