/**
 * @module core/errors/non-serializable-error
 */
import { QueueError } from './queue-error.js';

/** A job's properties or data hold a value the payload codec cannot store. Code `ERR_NOT_SERIALIZABLE`. */
export class NonSerializableError extends QueueError {
  constructor(
    /** Where the value sits, e.g. `data.user.callback`. */
    readonly path: string,
    /** Why it cannot be stored. */
    readonly reason: string,
    cause?: unknown,
  ) {
    super('ERR_NOT_SERIALIZABLE', `Cannot queue ${path}: ${reason}`, { cause });
  }

  /** A function (or method) value. */
  static functionAt(path: string): NonSerializableError {
    return new NonSerializableError(path, 'functions cannot be serialized');
  }

  /** A symbol value. */
  static symbolAt(path: string): NonSerializableError {
    return new NonSerializableError(path, 'symbols cannot be serialized');
  }

  /** An object that contains itself. */
  static cycleAt(path: string, target: string): NonSerializableError {
    return new NonSerializableError(path, `circular reference back to ${target} cannot be serialized`);
  }

  /** An instance of a class other than Date, Map, Set, Buffer and Uint8Array. */
  static classInstanceAt(path: string, className: string): NonSerializableError {
    return new NonSerializableError(
      path,
      `instances of ${className} cannot be serialized (only plain objects, arrays, Date, Map, Set, ` +
        'Buffer, Uint8Array and primitives): queue plain data such as ids and rebuild the object in handle()',
    );
  }

  /** A Date whose time is NaN, which would come back as null. */
  static invalidDateAt(path: string): NonSerializableError {
    return new NonSerializableError(path, 'invalid Date (its time is NaN) cannot be serialized');
  }

  /** The encoder itself refused the value. */
  static encoderFailed(path: string, cause: unknown): NonSerializableError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new NonSerializableError(path, `the value cannot be encoded (${detail})`, cause);
  }
}
