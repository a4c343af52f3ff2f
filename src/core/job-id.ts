/**
 * @module core/job-id
 * Sortable unique job ids: 10 chars of milliseconds (base 32, Crockford), 6 of a per-process
 * random node id, 6 of a counter. Lexicographic order follows creation time across processes
 * and push order inside one. A library like `ulid` costs a random draw per id; this costs an
 * increment, which matters when a bulk push creates 100,000 ids.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[rest % 32]! + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

const node = base32(randomBytes(4).readUInt32BE(0) % 32 ** 6, 6);
let lastTime = 0;
let lastTimePart = '';
let counter = 0;

/** A new sortable unique id, 22 characters. */
export function newJobId(now: number = Date.now()): string {
  if (now !== lastTime) {
    lastTime = now;
    lastTimePart = base32(now, 10);
    counter = 0;
  }
  counter = (counter + 1) % 32 ** 6;
  return lastTimePart + node + base32(counter, 6);
}
