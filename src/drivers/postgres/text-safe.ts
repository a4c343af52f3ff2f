/**
 * @module drivers/postgres/text-safe
 * PostgreSQL `text` cannot hold NUL. Error texts come from user code, and storing a failure must
 * never fail because of one (the job would stay leased and run again), so NUL becomes U+FFFD.
 */

/** `text` with every NUL replaced by U+FFFD (unchanged, and not copied, when it has none). */
export function textSafe(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}
