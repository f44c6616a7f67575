/** Heavy work handed to `context.work`, with its failures as errors a client can act on. */
import { WorkerSetupError } from '../work/worker-pool.ts';
import { codedError, errors } from './errors.ts';

export async function offloaded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof WorkerSetupError) {
      throw codedError(errors.unavailable, { reason: error.message });
    }
    throw error;
  }
}
