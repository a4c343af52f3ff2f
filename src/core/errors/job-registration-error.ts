/**
 * @module core/errors/job-registration-error
 */
import { QueueError } from './queue-error.js';

/** A job class or name cannot be registered. Code `ERR_JOB_REGISTRATION`. */
export class JobRegistrationError extends QueueError {
  constructor(message: string) {
    super('ERR_JOB_REGISTRATION', message);
  }

  /** The name is empty or not a string. */
  static invalidName(name: unknown): JobRegistrationError {
    return new JobRegistrationError(
      `Invalid job name ${JSON.stringify(name) ?? String(name)}: a job name is a non-empty string such as 'send-email'`,
    );
  }

  /** The value given as a job class is not a constructor. */
  static notAClass(name: string): JobRegistrationError {
    return new JobRegistrationError(
      `Cannot register job '${name}': the job class must be a class (constructor)`,
    );
  }

  /** The class has neither a static `jobName` nor a class name. */
  static anonymousClass(): JobRegistrationError {
    return new JobRegistrationError(
      "Cannot register an anonymous job class: give it a name or a static jobName, or call registry.register('name', JobClass)",
    );
  }

  /** Auto-registration would silently take a name that another class holds. */
  static nameTaken(name: string, existing: string, incoming: string): JobRegistrationError {
    return new JobRegistrationError(
      `Job name '${name}' is already registered to class ${existing}, so class ${incoming} cannot take it: ` +
        `give ${incoming} its own static jobName or register it explicitly under another name`,
    );
  }
}
