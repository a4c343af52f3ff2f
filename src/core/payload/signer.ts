/**
 * @module core/payload/signer
 * HMAC-SHA256 signatures over payload strings.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidKeyError } from '../errors/invalid-key-error.js';

/** Signing settings. */
export interface SigningConfig {
  /** Any non-empty string or Buffer; `base64:`-prefixed strings are decoded (32 random bytes recommended). */
  key: string | Buffer;
}

/** Signs and verifies strings with HMAC-SHA256; signatures are 43 base64url characters. */
export class Signer {
  readonly #key: Buffer;

  constructor(config: SigningConfig) {
    const key: unknown = config?.key;
    if (Buffer.isBuffer(key)) {
      this.#key = Buffer.from(key);
    } else if (typeof key === 'string') {
      this.#key = key.startsWith('base64:') ? Buffer.from(key.slice(7), 'base64') : Buffer.from(key, 'utf8');
    } else {
      throw InvalidKeyError.forSigning(key === undefined ? 'no key was given' : `a ${typeof key} was given`);
    }
    if (this.#key.length === 0) throw InvalidKeyError.forSigning('the key is empty');
  }

  /** The base64url HMAC-SHA256 of `body`. */
  sign(body: string): string {
    return createHmac('sha256', this.#key).update(body, 'utf8').digest('base64url');
  }

  /** `true` when `signature` is exactly `sign(body)`; compared in constant time. */
  verify(body: string, signature: string): boolean {
    if (typeof signature !== 'string') return false;
    const expected = Buffer.from(this.sign(body), 'latin1');
    const given = Buffer.from(signature, 'latin1');
    // Lengths are public (always 43 for a real signature); only the content comparison must not leak timing.
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
