/**
 * @module core/payload/encrypter
 * AES-256-GCM sealing of payload fields, with key rotation.
 *
 * Sealed format (all parts base64url): `<keyId>.<iv>.<tag>.<ciphertext>`. The key id lets a
 * worker pick the right key after rotation: the current key seals, `previousKeys` still open.
 * The key id is bound as additional authenticated data, so it cannot be swapped silently.
 */
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { DecryptionError } from '../errors/decryption-error.js';
import { InvalidKeyError } from '../errors/invalid-key-error.js';
import { type ParsedKey, parseEncryptionKey } from './parse-encryption-key.js';

export { generateKey } from './generate-key.js';

/** Encryption settings: `key` seals; `previousKeys` (default none) only open older payloads. */
export interface EncryptionConfig {
  /** 32 bytes as a Buffer, or base64 (optionally prefixed `base64:`). */
  key: string | Buffer;
  /** Keys that sealed older payloads, kept so they still decrypt after rotation (default `[]`). */
  previousKeys?: Array<string | Buffer>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

// A randomBytes(12) call costs microseconds (one OpenSSL round each, measured at a third to a half
// of the AES-GCM work); drawing IVs from a pooled CSPRNG buffer, as uuid and randomUUID do, is nearly free.
const IV_POOL = Buffer.allocUnsafe(IV_BYTES * 256);
let ivOffset = IV_POOL.length;

/** A fresh random IV: a view into the pool, valid until the next call (used synchronously). */
function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivOffset = 0;
  }
  const iv = IV_POOL.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

/** Seals and opens strings with AES-256-GCM; a failure to open always throws `DecryptionError`. */
export class Encrypter {
  /** The id of the current key (a short hash of it), written into every sealed value. */
  readonly keyId: string;
  readonly #current: ParsedKey;
  readonly #keys = new Map<string, Buffer>();

  constructor(config: EncryptionConfig) {
    if (config === null || typeof config !== 'object') {
      throw InvalidKeyError.forEncryption('encryption config', 'expected { key, previousKeys? }');
    }
    this.#current = parseEncryptionKey(config.key, 'encryption key');
    this.keyId = this.#current.id;
    this.#keys.set(this.keyId, this.#current.bytes);
    const previous = config.previousKeys ?? [];
    if (!Array.isArray(previous)) {
      throw InvalidKeyError.forEncryption('encryption.previousKeys', 'expected an array of keys');
    }
    previous.forEach((key, index) => {
      const parsed = parseEncryptionKey(key, `encryption.previousKeys[${index}]`);
      if (!this.#keys.has(parsed.id)) this.#keys.set(parsed.id, parsed.bytes);
    });
  }

  /** Seals `plain` with the current key and a fresh random IV. */
  encrypt(plain: string): string {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.#current.bytes, iv);
    cipher.setAAD(Buffer.from(this.keyId));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${this.keyId}.${iv.toString('base64url')}.${tag.toString('base64url')}.${ciphertext.toString('base64url')}`;
  }

  /** Opens a sealed string; throws `DecryptionError` for an unknown key id, a bad shape or any tampering. */
  decrypt(sealed: string): string {
    if (typeof sealed !== 'string')
      throw DecryptionError.malformed(`expected a string, got ${typeof sealed}`);
    const parts = sealed.split('.');
    if (parts.length !== 4) throw DecryptionError.malformed('expected <keyId>.<iv>.<tag>.<ciphertext>');
    const [keyId, ivText, tagText, bodyText] = parts as [string, string, string, string];
    const key = this.#keys.get(keyId);
    if (key === undefined) throw DecryptionError.unknownKey(keyId);
    const iv = decodePart(ivText, 'iv');
    const tag = decodePart(tagText, 'tag');
    const body = decodePart(bodyText, 'ciphertext');
    if (iv.length !== IV_BYTES)
      throw DecryptionError.malformed(`iv is ${iv.length} bytes, expected ${IV_BYTES}`);
    if (tag.length !== TAG_BYTES)
      throw DecryptionError.malformed(`tag is ${tag.length} bytes, expected ${TAG_BYTES}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch (error) {
      throw DecryptionError.tampered(error);
    }
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

// Node's base64url decoder skips characters it does not know; an altered part must not decode quietly.
function decodePart(text: string, part: string): Buffer {
  if (!BASE64URL.test(text)) throw DecryptionError.malformed(`${part} is not base64url`);
  return Buffer.from(text, 'base64url');
}
