/**
 * @module contracts/job-registry
 * The seed's `IJobRegistry`: name ⇄ job class.
 */
import type { IQueueable } from './queueable.js';

/** Registers and resolves job classes. */
export interface IJobRegistry {
  register(name: string, jobClass: new (...args: any[]) => IQueueable): void;
  registerMany(jobClasses: Map<string, new (...args: any[]) => IQueueable>): void;
  has(name: string): boolean;
  get(name: string): new (...args: any[]) => IQueueable;
  make(name: string, ...args: any[]): IQueueable;
  all(): Map<string, new (...args: any[]) => IQueueable>;
  registerClass(jobClass: new (...args: any[]) => IQueueable): void;
  unregister(name: string): void;
}
