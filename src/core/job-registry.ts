/**
 * @module core/job-registry
 * Name ⇄ job class. A worker revives a payload through here only, so no other code can be
 * reached from a stored job name.
 */
import type { IJobRegistry } from '../contracts/job-registry.js';
import type { IQueueable, JobClass } from '../contracts/queueable.js';
import { JobRegistrationError } from './errors/job-registration-error.js';
import { UnknownJobError } from './errors/unknown-job-error.js';

/** Registers and resolves job classes (empty by default). */
export class JobRegistry implements IJobRegistry {
  readonly #byName = new Map<string, JobClass>();
  // Reverse index so naming a job at push is one Map lookup, not a scan.
  readonly #byClass = new Map<JobClass, string>();

  /** Registers `jobClass` under `name`, replacing any class that held the name. */
  register(name: string, jobClass: new (...args: any[]) => IQueueable): void {
    if (typeof name !== 'string' || name === '') throw JobRegistrationError.invalidName(name);
    if (typeof jobClass !== 'function') throw JobRegistrationError.notAClass(name);
    const previous = this.#byName.get(name);
    this.#byName.set(name, jobClass);
    if (previous !== undefined && previous !== jobClass) this.#reindex(previous);
    // The latest name wins for pushes, so renaming a job is: register the new name, keep the old one until drained.
    this.#byClass.set(jobClass, name);
  }

  /** Registers every `name → class` entry of `jobClasses`. */
  registerMany(jobClasses: Map<string, new (...args: any[]) => IQueueable>): void {
    for (const [name, jobClass] of jobClasses) this.register(name, jobClass);
  }

  /** `true` when `name` is registered. */
  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The class registered under `name`; throws `UnknownJobError` when there is none. */
  get(name: string): new (...args: any[]) => IQueueable {
    const jobClass = this.#byName.get(name);
    if (jobClass === undefined) throw UnknownJobError.forName(name);
    return jobClass;
  }

  /** A new instance of the class registered under `name`, built with `args`. */
  make(name: string, ...args: any[]): IQueueable {
    const JobClassOf = this.get(name);
    return new JobClassOf(...args);
  }

  /** A copy of every registration. */
  all(): Map<string, new (...args: any[]) => IQueueable> {
    return new Map(this.#byName);
  }

  /** Registers `jobClass` under its own static `jobName`, else its class name. */
  registerClass(jobClass: new (...args: any[]) => IQueueable): void {
    this.register(JobRegistry.defaultNameOf(jobClass), jobClass);
  }

  /** Removes `name`; a no-op when it is not registered. */
  unregister(name: string): void {
    const jobClass = this.#byName.get(name);
    if (jobClass === undefined) return;
    this.#byName.delete(name);
    this.#reindex(jobClass);
  }

  /**
   * The registered name of `job`'s class. An unregistered class is registered on the spot under
   * its static `jobName` or class name; throws `JobRegistrationError` if another class holds that name.
   */
  nameOf(job: IQueueable): string {
    const jobClass = (job as unknown as { constructor: JobClass }).constructor;
    const known = this.#byClass.get(jobClass);
    if (known !== undefined) return known;
    const name = JobRegistry.defaultNameOf(jobClass);
    const holder = this.#byName.get(name);
    // Taking the name silently would make workers revive this job as the other class.
    if (holder !== undefined && holder !== jobClass) {
      throw JobRegistrationError.nameTaken(name, holder.name || name, jobClass.name || 'anonymous');
    }
    this.register(name, jobClass);
    return name;
  }

  /**
   * The name a class gets without explicit registration: its own static `jobName`, else its
   * class name. Own only: a subclass must not inherit its parent's name. Prefer `jobName`
   * when code is minified, since minifiers rename classes.
   */
  static defaultNameOf(jobClass: Function): string {
    if (typeof jobClass !== 'function') throw JobRegistrationError.notAClass(String(jobClass));
    if (Object.hasOwn(jobClass, 'jobName')) {
      const jobName: unknown = (jobClass as { jobName?: unknown }).jobName;
      if (typeof jobName !== 'string' || jobName === '') throw JobRegistrationError.invalidName(jobName);
      return jobName;
    }
    if (jobClass.name === '') throw JobRegistrationError.anonymousClass();
    return jobClass.name;
  }

  /** Points `jobClass` at its most recent remaining name, or forgets it. */
  #reindex(jobClass: JobClass): void {
    const current = this.#byClass.get(jobClass);
    if (current !== undefined && this.#byName.get(current) === jobClass) return;
    let latest: string | undefined;
    for (const [name, registered] of this.#byName) if (registered === jobClass) latest = name;
    if (latest === undefined) this.#byClass.delete(jobClass);
    else this.#byClass.set(jobClass, latest);
  }
}
