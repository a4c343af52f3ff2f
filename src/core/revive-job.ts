/**
 * @module core/revive-job
 * Turns a stored job name and properties back into a job instance without running any code
 * but the registry lookup: no constructor, no setters, no eval.
 */
import type { IJobRegistry } from '../contracts/job-registry.js';
import type { IQueueable } from '../contracts/queueable.js';
import { ForbiddenKeyError } from './errors/forbidden-key-error.js';
import { FORBIDDEN_KEYS } from './payload/forbidden-keys.js';

/**
 * `Object.create(Class.prototype)` plus the saved own properties. Throws `UnknownJobError`
 * for an unregistered name and `ForbiddenKeyError` for a `__proto__`, `constructor` or
 * `prototype` key. ECMAScript `#private` fields are not restored (they are created only by a
 * constructor); use TypeScript `private` for job state.
 */
export function reviveJob(registry: IJobRegistry, name: string, props: Record<string, unknown>): IQueueable {
  const JobClassOf = registry.get(name);
  const keys = Object.keys(props);
  for (const key of keys) if (FORBIDDEN_KEYS.has(key)) throw ForbiddenKeyError.forKey(key, name);
  // JSON.parse can create an own '__proto__' that Object.keys lists; the check above covers it.
  const job = Object.create(JobClassOf.prototype as object) as Record<string, unknown>;
  for (const key of keys) {
    if (key in job) {
      // An accessor up the chain would run on plain assignment; define the own data property instead.
      Object.defineProperty(job, key, {
        value: props[key],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else {
      job[key] = props[key];
    }
  }
  return job as unknown as IQueueable;
}
