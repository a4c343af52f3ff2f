/**
 * @module core/errors/encryption-key-missing-error
 */
import { QueueError } from './queue-error.js';

/** A job asked for encryption but no key is configured. Code `ERR_ENCRYPTION_KEY_MISSING`. */
export class EncryptionKeyMissingError extends QueueError {
  constructor(message: string) {
    super('ERR_ENCRYPTION_KEY_MISSING', message);
  }

  /** Refuses to store job `name` in plaintext. */
  static forJob(name: string): EncryptionKeyMissingError {
    return new EncryptionKeyMissingError(
      `Job '${name}' asks to be encrypted but no encryption key is configured: ` +
        "set encryption: { key } (run 'conveyor key generate' to make one); the job was not queued",
    );
  }
}
