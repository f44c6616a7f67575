/** The curation store's refusals as coded GraphQL errors (defined in the catalog, errors.ts). */
import { CurationConflict, CurationRefused, CurationUnavailable } from '../curation/store.ts';
import { badUserInput, codedError, errors } from './errors.ts';

export function curationFailure(error: unknown): never {
  if (error instanceof CurationConflict)
    throw codedError(errors.curationConflict, { detail: error.message, logEntryId: error.logId });
  if (error instanceof CurationRefused) throw badUserInput(error.message, error.argument);
  if (error instanceof CurationUnavailable) throw codedError(errors.curationUnavailable, { reason: error.message });
  throw error;
}
