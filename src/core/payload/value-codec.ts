/**
 * @module core/payload/value-codec
 * Type-preserving encoding of a job's properties and data.
 *
 * Format: an encoded value is `{ j: <json> }` when the value is plain JSON (the fast path:
 * stored as is, decoded by `JSON.parse` alone), or `{ j: <json>, m: <superjson meta> }` when
 * it holds Date, BigInt, Map, Set, Buffer, Uint8Array, undefined, NaN, ±Infinity or -0.
 * Keeping the two in one shape means a reader never guesses: `m` present ⇔ superjson applies.
 *
 * Why superjson for the typed part: it is a small, maintained codec whose JSON + side-meta
 * layout keeps the stored JSON readable in the dashboard, restores shared references and Map
 * keys of any type, and guards its meta paths against `__proto__`. It lacks a compact form for
 * binary (it writes typed arrays as number arrays and cannot revive a Buffer), so Buffer and
 * Uint8Array get base64 transformers of our own. It also accepts values we must refuse (class
 * instances pass through untyped, functions vanish), hence our own walk first.
 */
import { SuperJSON, type SuperJSONResult, type SuperJSONValue } from 'superjson';
import { NonSerializableError } from '../errors/non-serializable-error.js';
import { PayloadDecodeError } from '../errors/payload-decode-error.js';
import { inspectValue } from './inspect-value.js';

/** A value as stored: `j` is JSON, `m` (present only when needed) is superjson's type meta. */
export interface EncodedValue {
  j: unknown;
  m?: unknown;
}

// A private instance: registrations on superjson's global default elsewhere in the app cannot change our format.
const typed = new SuperJSON({ dedupe: false });

// Registered first so it wins over the Uint8Array rule (a Buffer is a Uint8Array).
typed.registerCustom<Buffer, string>(
  {
    isApplicable: (value): value is Buffer => Buffer.isBuffer(value),
    serialize: (value) => value.toString('base64'),
    deserialize: (text) => Buffer.from(text, 'base64'),
  },
  'buffer',
);
typed.registerCustom<Uint8Array, string>(
  {
    isApplicable: (value): value is Uint8Array =>
      value instanceof Uint8Array && Object.getPrototypeOf(value) === Uint8Array.prototype,
    serialize: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
    // Copied out of the decoded Buffer so `.buffer` is not a shared pool slab.
    deserialize: (text) => new Uint8Array(Buffer.from(text, 'base64')),
  },
  'uint8array',
);

/**
 * Encodes `value` into a JSON-ready `EncodedValue`. Throws `NonSerializableError` naming the
 * path under `label` ('props', 'data'). On the fast path `j` is `value` itself (no copy):
 * stringify the result before mutating the input.
 */
export function encodeValue(value: unknown, label: string): EncodedValue {
  if (inspectValue(value, label)) return { j: value };
  let result: SuperJSONResult;
  try {
    result = typed.serialize(value as SuperJSONValue);
  } catch (error) {
    throw NonSerializableError.encoderFailed(label, error);
  }
  return result.meta === undefined ? { j: result.json } : { j: result.json, m: result.meta };
}

/**
 * Decodes what `encodeValue` produced (after a JSON round trip). Throws `PayloadDecodeError`
 * naming `label` (default 'value') when `encoded` is not an encoded value. On the fast path
 * the result is `encoded.j` itself.
 */
export function decodeValue(encoded: unknown, label = 'value'): unknown {
  if (encoded === null || typeof encoded !== 'object' || !('j' in encoded)) {
    throw PayloadDecodeError.wrongShape(`${label} must be an encoded value (an object with a "j" field)`);
  }
  const { j, m } = encoded as EncodedValue;
  if (m === undefined) return j;
  if (m === null || typeof m !== 'object') {
    throw PayloadDecodeError.wrongShape(`the "m" field of ${label} must be an object`);
  }
  try {
    return typed.deserialize({ json: j, meta: m } as SuperJSONResult);
  } catch (error) {
    throw PayloadDecodeError.badValue(label, error);
  }
}
