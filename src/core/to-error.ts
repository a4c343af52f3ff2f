/**
 * @module core/to-error
 */
import type { ErrorInfo } from '../drivers/driver.js';

/** Anything thrown → an Error (a thrown string becomes its message). */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : `Non-error thrown: ${String(thrown)}`);
}

/** An Error → what the failed store keeps. */
export function toErrorInfo(error: Error): ErrorInfo {
  return { name: error.name, message: error.message, stack: error.stack };
}
