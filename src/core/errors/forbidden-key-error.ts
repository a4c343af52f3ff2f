/**
 * @module core/errors/forbidden-key-error
 */
import { QueueError } from './queue-error.js';

/** A stored job carries a key that could reach its prototype. Code `ERR_FORBIDDEN_KEY`. */
export class ForbiddenKeyError extends QueueError {
  constructor(
    /** The refused key. */
    readonly key: string,
    message: string,
  ) {
    super('ERR_FORBIDDEN_KEY', message);
  }

  /** `key` (`__proto__`, `constructor` or `prototype`) appears among a job's saved properties. */
  static forKey(key: string, jobName: string): ForbiddenKeyError {
    return new ForbiddenKeyError(
      key,
      `Refusing to revive job '${jobName}': its saved properties contain the forbidden key '${key}' ` +
        '(a payload that was tampered with, or a job property with a reserved name)',
    );
  }

  /** A job about to be queued has an own property named `key`; it could never be revived. */
  static atPush(key: string, jobName: string): ForbiddenKeyError {
    return new ForbiddenKeyError(
      key,
      `Cannot queue job '${jobName}': it has an own property named '${key}', which a worker refuses to revive; rename the property`,
    );
  }
}
