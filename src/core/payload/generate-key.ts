/**
 * @module core/payload/generate-key
 */
import { randomBytes } from 'node:crypto';

/** A fresh random 32-byte encryption key as `base64:<44 chars>` (what `conveyor key generate` prints). */
export function generateKey(): string {
  return `base64:${randomBytes(32).toString('base64')}`;
}
