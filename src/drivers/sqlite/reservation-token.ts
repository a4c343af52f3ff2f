/**
 * @module drivers/sqlite/reservation-token
 * A token is `<base>.<seq>`: a base fresh per `reserve` call (a random prefix per process
 * plus a counter, cheaper than fresh random bytes per call and still unique across
 * processes), then the row's `seq`, written by the claim as `base || seq`. So each token is
 * unique per reservation, and complete/extend/release/fail find the row by its rowid
 * instead of a lookup by id. The whole token is still compared, so a stale or forged token
 * never matches.
 */
import { randomBytes } from 'node:crypto';

const prefix = randomBytes(9).toString('base64url');
let counter = 0;

/** A fresh base for one `reserve` call, ending in the `.` separator. */
export function newTokenBase(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}${counter.toString(36)}.`;
}

/** The token of row `seq` claimed with `base`; equal to SQLite's `base || seq`. */
export function tokenOf(base: string, seq: number): string {
  return base + String(seq);
}

/** The row a token points at, or `null` for a token this driver did not make. */
export function seqOf(token: string): number | null {
  if (typeof token !== 'string') return null;
  const digits = token.slice(token.lastIndexOf('.') + 1);
  if (digits.length === 0 || digits.length > 15) return null;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(digits);
}
