/**
 * @module core/errors/unknown-job-error
 */
import { QueueError } from './queue-error.js';

/** A payload names a job that the registry does not know. Code `ERR_UNKNOWN_JOB`. */
export class UnknownJobError extends QueueError {
  constructor(
    /** The unregistered job name. */
    readonly jobName: string,
    message: string,
  ) {
    super('ERR_UNKNOWN_JOB', message);
  }

  /** The name is not registered; the message says how to register it. */
  static forName(name: string): UnknownJobError {
    const className = suggestClassName(name);
    return new UnknownJobError(
      name,
      `Job '${name}' is not registered: call registry.register('${name}', ${className}) in the worker process`,
    );
  }
}

/** 'send-email' → 'SendEmailJob', so the hint reads like the code the user will write. */
function suggestClassName(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  if (words.length === 0) return 'YourJobClass';
  const pascal = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  const base = /^[0-9]/.test(pascal) ? `Job${pascal}` : pascal;
  return base.endsWith('Job') ? base : `${base}Job`;
}
