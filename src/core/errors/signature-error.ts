/**
 * @module core/errors/signature-error
 */
import { QueueError } from './queue-error.js';

/** Signing is configured and a payload is unsigned or altered. Code `ERR_SIGNATURE`. */
export class SignatureError extends QueueError {
  constructor(message: string) {
    super('ERR_SIGNATURE', message);
  }

  /** The payload carries no signature. */
  static unsigned(): SignatureError {
    return new SignatureError('Refusing payload: it is not signed and signing is required');
  }

  /** The signature does not match the payload. */
  static mismatch(): SignatureError {
    return new SignatureError(
      'Refusing payload: its signature does not match (the payload was altered or signed with another key)',
    );
  }
}
