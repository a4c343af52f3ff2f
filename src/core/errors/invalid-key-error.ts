/**
 * @module core/errors/invalid-key-error
 */
import { QueueError } from './queue-error.js';

/** An encryption or signing key is missing or malformed. Code `ERR_INVALID_KEY`. */
export class InvalidKeyError extends QueueError {
  constructor(message: string) {
    super('ERR_INVALID_KEY', message);
  }

  /** An encryption key that is not 32 bytes as a Buffer or base64 string. */
  static forEncryption(what: string, detail: string): InvalidKeyError {
    return new InvalidKeyError(
      `Invalid ${what}: ${detail}. A key is 32 bytes, given as a Buffer or a base64 string ` +
        "optionally prefixed 'base64:'; run 'conveyor key generate' to make one",
    );
  }

  /** A signing key that is empty or not a string/Buffer. */
  static forSigning(detail: string): InvalidKeyError {
    return new InvalidKeyError(
      `Invalid signing key: ${detail}. Give a non-empty string or Buffer (32 random bytes recommended)`,
    );
  }
}
