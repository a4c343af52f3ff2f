/**
 * @module drivers/sqlite/reservation-token
 * A token is a random base, fresh per `reserve` call, followed by the row's `seq`
 * (the claim writes `base || seq`). Each token is thus unique per reservation, and
 * complete/extend/release/fail find the row by its rowid instead of a lookup by id.
 * The whole token is still compared, so a guessed or stale token never matches.
 */
import { randomBytes } from 'node:crypto';

/** Length of the random base: 12 base64url characters, 72 random bits. */
const BASE_LENGTH = 12;

/** A fresh random base for one `reserve` call. */
export function newTokenBase(): string {
  return randomBytes(9).toString('base64url');
}

/** The token of row `seq` claimed with `base`; equal to SQLite's `base || seq`. */
export function tokenOf(base: string, seq: number): string {
  return base + String(seq);
}

/** The row a token points at, or `null` for a token this driver did not make. */
export function seqOf(token: string): number | null {
  if (typeof token !== 'string' || token.length <= BASE_LENGTH) return null;
  const digits = token.slice(BASE_LENGTH);
  if (!/^\d{1,15}$/.test(digits)) return null;
  return Number(digits);
}
