/**
 * @module core/payload/forbidden-keys
 */

/** Property names a job may never carry: assigning them could reach or replace its prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The first forbidden own key of `object`, or `undefined` (cheap: three own-property checks). */
export function findForbiddenKey(object: object): string | undefined {
  for (const key of FORBIDDEN_KEYS) {
    if (Object.hasOwn(object, key)) return key;
  }
  return undefined;
}
