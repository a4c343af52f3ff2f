/**
 * @module core/errors/missing-package-error
 */
import { QueueError } from './queue-error.js';

/** A driver's client library is not installed. */
export class MissingPackageError extends QueueError {
  constructor(
    readonly packageName: string,
    readonly driver: string,
    cause?: unknown,
  ) {
    super(
      'ERR_MISSING_PACKAGE',
      `The ${driver} driver needs the '${packageName}' package: run npm install ${packageName}`,
      { cause },
    );
  }
}
