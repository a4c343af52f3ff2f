/**
 * @module core/payload/validate-payload
 * Shape checks for a payload document, shared by writing (a bug in the caller must not reach
 * storage) and reading (storage may hold anything).
 */
import { PayloadDecodeError } from '../errors/payload-decode-error.js';
import type { Payload } from './payload.js';

type Fields = Record<string, unknown>;

/** Asserts that `value` is a v1 payload (props/data only checked for presence); throws `PayloadDecodeError`. */
export function assertPayload(value: unknown): asserts value is Payload {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw PayloadDecodeError.wrongShape('expected a JSON object');
  }
  const fields = value as Fields;
  if (!('v' in fields)) throw PayloadDecodeError.wrongShape('not a Conveyor payload (no "v" field)');
  if (fields.v !== 1) throw PayloadDecodeError.unknownVersion(fields.v);
  assertMeta(fields);
  if (!('props' in fields)) throw missing('props');
  if (!('data' in fields)) throw missing('data');
  if (fields.enc !== undefined && typeof fields.enc !== 'string') throw wrongType('enc', 'a string');
  if (fields.sig !== undefined && typeof fields.sig !== 'string') throw wrongType('sig', 'a string');
}

/** Asserts the metadata fields of a payload or `PayloadMeta`; throws `PayloadDecodeError`. */
export function assertMeta(fields: Fields): void {
  if (typeof fields.id !== 'string' || fields.id === '') throw wrongType('id', 'a non-empty string');
  if (typeof fields.name !== 'string' || fields.name === '') throw wrongType('name', 'a non-empty string');
  if (typeof fields.queue !== 'string' || fields.queue === '') throw wrongType('queue', 'a non-empty string');
  if (typeof fields.connection !== 'string') throw wrongType('connection', 'a string');
  finite(fields, 'createdAt');
  finite(fields, 'availableAt');
  finite(fields, 'priority');
  strings(fields, 'tags');
  strings(fields, 'middleware');
  finiteOrNull(fields, 'maxTries');
  finiteOrNull(fields, 'maxExceptions');
  finiteOrNull(fields, 'timeout');
  finiteOrNull(fields, 'retryUntil');
  const backoff = fields.backoff;
  if (!Array.isArray(backoff) || !backoff.every(Number.isFinite))
    throw wrongType('backoff', 'an array of numbers');
  if (typeof fields.failOnTimeout !== 'boolean') throw wrongType('failOnTimeout', 'a boolean');
}

function finite(fields: Fields, name: string): void {
  if (!Number.isFinite(fields[name])) throw wrongType(name, 'a finite number');
}

function finiteOrNull(fields: Fields, name: string): void {
  const value = fields[name];
  if (value !== null && !Number.isFinite(value)) throw wrongType(name, 'a finite number or null');
}

function strings(fields: Fields, name: string): void {
  const value = fields[name];
  if (!Array.isArray(value)) throw wrongType(name, 'an array of strings');
  for (const item of value) if (typeof item !== 'string') throw wrongType(name, 'an array of strings');
}

function wrongType(name: string, expected: string): PayloadDecodeError {
  return PayloadDecodeError.wrongShape(`field "${name}" must be ${expected}`);
}

function missing(name: string): PayloadDecodeError {
  return PayloadDecodeError.wrongShape(`field "${name}" is missing`);
}
