/** The curation store's refusals as coded GraphQL errors. */
import { GraphQLError } from 'graphql';
import { CurationConflict, CurationRefused, CurationUnavailable } from '../curation/store.ts';
import { ErrorCode, badUserInput } from './errors.ts';

export function curationFailure(error: unknown): never {
  if (error instanceof CurationConflict)
    throw new GraphQLError(error.message, { extensions: { code: ErrorCode.conflict, logEntryId: error.logId } });
  if (error instanceof CurationRefused) throw badUserInput(error.message, error.argument);
  if (error instanceof CurationUnavailable)
    throw new GraphQLError(`The curation store is unavailable: ${error.message}. Try again later.`, {
      extensions: { code: ErrorCode.unavailable, http: { status: 503 } },
    });
  throw error;
}
