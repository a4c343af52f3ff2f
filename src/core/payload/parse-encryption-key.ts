/**
 * @module core/payload/parse-encryption-key
 */
import { createHash } from 'node:crypto';
import { InvalidKeyError } from '../errors/invalid-key-error.js';

/** A usable AES-256 key and its public id. */
export interface ParsedKey {
  /** Short hash of the key, safe to store beside ciphertext. */
  readonly id: string;
  /** The 32 key bytes. */
  readonly bytes: Buffer;
}

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=?$/;

/**
 * Parses a key given as a 32-byte Buffer or a base64 string (optionally `base64:`-prefixed).
 * `what` names the key in errors ('encryption key', 'previousKeys[1]'). Throws `InvalidKeyError`.
 */
export function parseEncryptionKey(key: unknown, what: string): ParsedKey {
  let bytes: Buffer;
  if (Buffer.isBuffer(key)) {
    if (key.length !== 32) throw InvalidKeyError.forEncryption(what, `the Buffer is ${key.length} bytes`);
    bytes = Buffer.from(key);
  } else if (typeof key === 'string') {
    const text = key.startsWith('base64:') ? key.slice('base64:'.length) : key;
    // Strict on purpose: Buffer.from(…, 'base64') skips junk, so a 32-character passphrase would
    // quietly become a 24-byte key; refusing it is the only way to tell the user.
    if (!BASE64_32_BYTES.test(text)) {
      throw InvalidKeyError.forEncryption(
        what,
        text.length === 0 ? 'the key is empty' : 'the string is not the base64 form of 32 bytes',
      );
    }
    bytes = Buffer.from(text, 'base64');
  } else {
    throw InvalidKeyError.forEncryption(
      what,
      key === undefined || key === null ? 'no key was given' : `a ${typeof key} was given`,
    );
  }
  return { id: keyIdOf(bytes), bytes };
}

/** 48 bits of a domain-separated SHA-256: identifies the key without revealing it. */
function keyIdOf(bytes: Buffer): string {
  return createHash('sha256').update('conveyor:key-id:').update(bytes).digest('base64url').slice(0, 8);
}
