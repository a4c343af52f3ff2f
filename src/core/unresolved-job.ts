/**
 * @module core/unresolved-job
 * Stands in for a job that could not be decoded, decrypted, verified or resolved, so that
 * `failed` listeners still receive a job object (with the id, name and reason).
 */
import type { IQueueable } from '../contracts/queueable.js';

/** A placeholder for a stored job that could not be turned back into its class. */
export class UnresolvedJob implements IQueueable {
  constructor(
    readonly id: string,
    readonly name: string,
    readonly raw: string,
  ) {}

  shouldQueue(): boolean {
    return true;
  }

  handle(): void {
    throw new Error(`Job ${this.id} could not be resolved`);
  }
}
