/**
 * @module core/errors/queue-error
 * The base of every Conveyor error: a stable `code` and an optional `cause`.
 */

/** Base class for every error Conveyor throws. `code` is stable across versions. */
export class QueueError extends Error {
  /** A stable machine-readable code, e.g. `ERR_JOB_TIMEOUT`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
