/**
 * @module drivers/load-optional
 * Loads a driver's client library on first use, so users install only what they use.
 */
import { MissingPackageError } from '../core/errors/missing-package-error.js';

/** Imports `packageName`, or throws a `MissingPackageError` naming it. Returns the module namespace. */
export async function loadOptional<T>(packageName: string, driver: string): Promise<T> {
  try {
    return (await import(packageName)) as T;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new MissingPackageError(packageName, driver, error);
    }
    throw error;
  }
}
