/** Heavy work handed to `context.work`, with its failures as errors a client can act on. */
import { GraphQLError } from 'graphql';
import { WorkerSetupError } from '../work/worker-pool.ts';
import { ErrorCode } from './errors.ts';

export async function offloaded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof WorkerSetupError) {
      throw new GraphQLError(
        `This needs the server's worker threads, which could not load the data: ${error.message}`,
        { extensions: { code: ErrorCode.unavailable, http: { status: 503 } } },
      );
    }
    throw error;
  }
}
