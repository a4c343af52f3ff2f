/**
 * @module core/errors/decryption-error
 */
import { QueueError } from './queue-error.js';

/** A sealed value cannot be opened; nothing is returned in its place. Code `ERR_DECRYPTION`. */
export class DecryptionError extends QueueError {
  constructor(message: string, cause?: unknown) {
    super('ERR_DECRYPTION', message, { cause });
  }

  /** Sealed with a key that is neither the current key nor one of `previousKeys`. */
  static unknownKey(keyId: string): DecryptionError {
    return new DecryptionError(
      `Cannot decrypt payload: it was sealed with key id '${keyId}', which is neither the current key ` +
        'nor one of previousKeys; add the old key to encryption.previousKeys',
    );
  }

  /** The sealed string does not have the `<keyId>.<iv>.<tag>.<ciphertext>` shape. */
  static malformed(reason: string): DecryptionError {
    return new DecryptionError(`Cannot decrypt payload: malformed sealed value (${reason})`);
  }

  /** Authentication failed: the ciphertext, tag or IV was altered, or the key is wrong. */
  static tampered(cause?: unknown): DecryptionError {
    return new DecryptionError(
      'Cannot decrypt payload: authentication failed (the sealed value was altered or the key is wrong)',
      cause,
    );
  }

  /** The payload is sealed but this process has no encryption key. */
  static noKey(): DecryptionError {
    return new DecryptionError(
      'Cannot decrypt payload: it is encrypted but no encryption key is configured in this process',
    );
  }
}
