/**
 * @module core/payload/payload-codec
 * Job properties + data + metadata ⇄ the stored JSON string, with optional sealing and signing.
 *
 * Signing: the signature is the HMAC of the JSON text without `sig`; the stored text is that
 * JSON with `,"sig":"…"` inserted before the final brace. A reader strips the suffix, checks
 * the HMAC over exactly the bytes that were signed, and parses those bytes: no canonical JSON
 * is needed and whatever is parsed is what was signed.
 */
import { DecryptionError } from '../errors/decryption-error.js';
import { EncryptionKeyMissingError } from '../errors/encryption-key-missing-error.js';
import { ForbiddenKeyError } from '../errors/forbidden-key-error.js';
import { PayloadDecodeError } from '../errors/payload-decode-error.js';
import { SignatureError } from '../errors/signature-error.js';
import { Encrypter, type EncryptionConfig } from './encrypter.js';
import { findForbiddenKey } from './forbidden-keys.js';
import type { Payload, PayloadMeta } from './payload.js';
import { Signer, type SigningConfig } from './signer.js';
import { assertMeta, assertPayload } from './validate-payload.js';
import { decodeValue, encodeValue } from './value-codec.js';

/** Codec settings; both are off by default. */
export interface CodecOptions {
  /** Enables sealing for jobs that ask for it (default: none; such jobs are refused). */
  encryption?: EncryptionConfig | undefined;
  /** Signs every payload and refuses unsigned or altered ones (default: none). */
  signing?: SigningConfig | undefined;
}

/** A decoded payload: the document, and the job's properties and data revived. */
export interface DecodedPayload {
  payload: Payload;
  props: Record<string, unknown>;
  data: unknown;
}

const SIG_OPEN = ',"sig":"';
const SIG_CHARS = 43; // base64url of a 32-byte HMAC-SHA256
const SIG_SUFFIX_LENGTH = SIG_OPEN.length + SIG_CHARS + 2; // + '"}'

/** Job data encoded once, to be shared by the jobs of a bulk push. */
export class PreparedData {
  /** Filled on first use by an encrypting codec. */
  sealed: string | undefined;

  constructor(
    /** The encoded data as JSON text. */
    readonly json: string,
  ) {}
}

/** Builds and reads stored payload strings. */
export class PayloadCodec {
  /** `true` when an encryption key is configured. */
  readonly canEncrypt: boolean;
  readonly #encrypter: Encrypter | undefined;
  readonly #signer: Signer | undefined;

  constructor(options: CodecOptions = {}) {
    this.#encrypter = options.encryption ? new Encrypter(options.encryption) : undefined;
    this.#signer = options.signing ? new Signer(options.signing) : undefined;
    this.canEncrypt = this.#encrypter !== undefined;
  }

  /**
   * Builds the stored JSON string. Throws `NonSerializableError` (path named: 'props.x' /
   * 'data.y'), `EncryptionKeyMissingError` when `encrypt` is true and no key is configured
   * (plaintext is never stored silently), `ForbiddenKeyError` for a prop named like
   * `__proto__`, or `PayloadDecodeError` for malformed metadata. Nothing is returned half-built.
   */
  serialize(meta: PayloadMeta, props: Record<string, unknown>, data: unknown, encrypt: boolean): string {
    if (encrypt && this.#encrypter === undefined) throw EncryptionKeyMissingError.forJob(meta.name);
    assertMeta(meta as unknown as Record<string, unknown>);
    const forbidden = findForbiddenKey(props);
    if (forbidden !== undefined) throw ForbiddenKeyError.atPush(forbidden, meta.name);
    const encodedProps = encodeValue(props, 'props');
    const prepared = data instanceof PreparedData ? data : this.prepareData(data);
    const payload = compact(meta, encodedProps);
    if (encrypt && this.#encrypter !== undefined) {
      payload.props = this.#encrypter.encrypt(JSON.stringify(encodedProps));
      payload.enc = this.#encrypter.keyId;
    }
    // `data` goes last, spliced in as text: a bulk push encodes (and seals) its shared data once.
    const head = JSON.stringify(payload);
    const body = `${head.slice(0, -1)},"data":${encrypt ? this.#sealed(prepared) : prepared.json}}`;
    if (this.#signer === undefined) return body;
    return `${body.slice(0, -1)}${SIG_OPEN}${this.#signer.sign(body)}"}`;
  }

  /**
   * Encodes `data` once so many jobs can share it (`serialize` accepts the result as data).
   * Throws `NonSerializableError` naming the bad path.
   */
  prepareData(data: unknown): PreparedData {
    return new PreparedData(JSON.stringify(encodeValue(data, 'data')));
  }

  /** The sealed form of prepared data, sealed once per prepared value. */
  #sealed(prepared: PreparedData): string {
    prepared.sealed ??= JSON.stringify(this.#encrypter!.encrypt(prepared.json));
    return prepared.sealed;
  }

  /**
   * Parses, verifies the signature (when signing is configured; unsigned or altered payloads
   * throw `SignatureError`), decrypts (`DecryptionError`) and decodes. Garbage, a wrong shape
   * or an unknown version throws `PayloadDecodeError` with the reason.
   */
  deserialize(raw: string): DecodedPayload {
    if (typeof raw !== 'string') throw PayloadDecodeError.wrongShape(`expected a string, got ${typeof raw}`);
    const payload = withDefaults(this.#signer === undefined ? parse(raw) : this.#verified(raw, this.#signer));
    assertPayload(payload);
    let props: unknown;
    let data: unknown;
    if (payload.enc === undefined) {
      props = decodeValue(payload.props, 'props');
      data = decodeValue(payload.data, 'data');
    } else {
      props = decodeValue(this.#open(payload.props, 'props'), 'props');
      data = decodeValue(this.#open(payload.data, 'data'), 'data');
    }
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      throw PayloadDecodeError.wrongShape('props must decode to an object');
    }
    return { payload, props: props as Record<string, unknown>, data };
  }

  /** Reads only the metadata (no signature check, no decryption or decoding), for listing. */
  peek(raw: string): Payload {
    const payload = withDefaults(parse(raw));
    assertPayload(payload);
    return payload;
  }

  /** Checks the signature suffix and returns the parsed signed document. */
  #verified(raw: string, signer: Signer): unknown {
    const at = raw.length - SIG_SUFFIX_LENGTH;
    if (at < 1 || !raw.startsWith(SIG_OPEN, at) || !raw.endsWith('"}')) {
      // Tell garbage apart from a real but unsigned (or re-formatted) payload.
      const parsed = parse(raw);
      if (parsed !== null && typeof parsed === 'object' && 'sig' in parsed) throw SignatureError.mismatch();
      throw SignatureError.unsigned();
    }
    const signature = raw.slice(at + SIG_OPEN.length, raw.length - 2);
    const body = `${raw.slice(0, at)}}`;
    if (!signer.verify(body, signature)) throw SignatureError.mismatch();
    const payload = parse(body);
    if (payload !== null && typeof payload === 'object') (payload as { sig?: string }).sig = signature;
    return payload;
  }

  #open(sealed: unknown, label: 'props' | 'data'): unknown {
    if (this.#encrypter === undefined) throw DecryptionError.noKey();
    if (typeof sealed !== 'string')
      throw PayloadDecodeError.wrongShape(`encrypted ${label} must be a string`);
    const plain = this.#encrypter.decrypt(sealed);
    try {
      return JSON.parse(plain);
    } catch (error) {
      throw PayloadDecodeError.badValue(label, error);
    }
  }
}

/** The job's own enumerable properties, copied into a plain object (what `props` stores). */
export function jobProps(job: object): Record<string, unknown> {
  // Spread is several times faster than an Object.keys loop in V8, and defines (never sets) keys.
  return { ...job } as Record<string, unknown>;
}

function parse(raw: string): unknown {
  if (typeof raw !== 'string') throw PayloadDecodeError.wrongShape(`expected a string, got ${typeof raw}`);
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw PayloadDecodeError.notJson(error);
  }
}

/**
 * The stored document leaves out fields at their defaults (empty lists, nulls, false, priority
 * 0): a smaller document parses faster, and JSON.parse is most of a worker's cost per job.
 */
function compact(meta: PayloadMeta, props: unknown): Payload {
  const doc: Record<string, unknown> = {
    v: 1,
    id: meta.id,
    name: meta.name,
    queue: meta.queue,
    connection: meta.connection,
    createdAt: meta.createdAt,
    availableAt: meta.availableAt,
  };
  if (meta.priority !== 0) doc.priority = meta.priority;
  if (meta.tags.length > 0) doc.tags = meta.tags;
  if (meta.maxTries !== null) doc.maxTries = meta.maxTries;
  if (meta.maxExceptions !== null) doc.maxExceptions = meta.maxExceptions;
  if (meta.backoff.length > 0) doc.backoff = meta.backoff;
  if (meta.timeout !== null) doc.timeout = meta.timeout;
  if (meta.retryUntil !== null) doc.retryUntil = meta.retryUntil;
  if (meta.failOnTimeout) doc.failOnTimeout = true;
  if (meta.middleware.length > 0) doc.middleware = meta.middleware;
  doc.props = props;
  return doc as unknown as Payload;
}

/** Fills the fields `compact` left out; anything else is left for `assertPayload` to judge. */
function withDefaults(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const doc = value as Record<string, unknown>;
  doc.priority ??= 0;
  doc.tags ??= [];
  doc.maxTries ??= null;
  doc.maxExceptions ??= null;
  doc.backoff ??= [];
  doc.timeout ??= null;
  doc.retryUntil ??= null;
  doc.failOnTimeout ??= false;
  doc.middleware ??= [];
  return doc;
}
