/**
 * @module core/errors/payload-decode-error
 */
import { QueueError } from './queue-error.js';

/** A stored payload is not a Conveyor payload this version can read. Code `ERR_PAYLOAD_DECODE`. */
export class PayloadDecodeError extends QueueError {
  constructor(message: string, cause?: unknown) {
    super('ERR_PAYLOAD_DECODE', message, { cause });
  }

  /** The raw string is not JSON. */
  static notJson(cause: unknown): PayloadDecodeError {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return new PayloadDecodeError(`Cannot decode payload: it is not valid JSON${detail}`, cause);
  }

  /** The JSON does not have the payload's shape. */
  static wrongShape(reason: string): PayloadDecodeError {
    return new PayloadDecodeError(`Cannot decode payload: ${reason}`);
  }

  /** The payload's `v` is not one this version reads. */
  static unknownVersion(version: unknown): PayloadDecodeError {
    return new PayloadDecodeError(
      `Cannot decode payload: unknown payload version ${JSON.stringify(version) ?? String(version)} ` +
        '(this Conveyor reads v1; upgrade the worker)',
    );
  }

  /** An encoded value (props or data) cannot be decoded. */
  static badValue(label: string, cause: unknown): PayloadDecodeError {
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    return new PayloadDecodeError(`Cannot decode payload ${label}${detail}`, cause);
  }
}
