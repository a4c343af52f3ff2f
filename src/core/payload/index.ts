/**
 * @module core/payload
 * The payload codec: job instance + data ⇄ JSON string; encryption; signing.
 */
export { DecryptionError } from '../errors/decryption-error.js';
export { EncryptionKeyMissingError } from '../errors/encryption-key-missing-error.js';
export { ForbiddenKeyError } from '../errors/forbidden-key-error.js';
export { InvalidKeyError } from '../errors/invalid-key-error.js';
export { NonSerializableError } from '../errors/non-serializable-error.js';
export { PayloadDecodeError } from '../errors/payload-decode-error.js';
export { SignatureError } from '../errors/signature-error.js';
export { Encrypter, type EncryptionConfig } from './encrypter.js';
export { FORBIDDEN_KEYS, findForbiddenKey } from './forbidden-keys.js';
export { generateKey } from './generate-key.js';
export { inspectValue } from './inspect-value.js';
export type { Payload, PayloadMeta } from './payload.js';
export {
  type CodecOptions,
  type DecodedPayload,
  jobProps,
  PayloadCodec,
  PreparedData,
} from './payload-codec.js';
export { Signer, type SigningConfig } from './signer.js';
export { assertMeta, assertPayload } from './validate-payload.js';
export { decodeValue, type EncodedValue, encodeValue } from './value-codec.js';
