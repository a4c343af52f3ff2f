/**
 * @module testing/queue-fake
 * `QueueFake`: an `IQueueManager` that records what would have been pushed, with Laravel's
 * assertions. Assertions throw `AssertionError` from `node:assert`, so any test runner
 * reports them.
 */
import { AssertionError } from 'node:assert';
import type { IJobOptions } from '../contracts/job-options.js';
import type { IQueueConnection } from '../contracts/queue-connection.js';
import type { IQueueManager } from '../contracts/queue-manager.js';
import type { IQueueable, JobClass } from '../contracts/queueable.js';
import { QueueError } from '../core/errors/queue-error.js';

/** One recorded push. */
export interface PushedJob {
  job: IQueueable;
  data: unknown;
  connection: string;
  queue: string | null;
  /** Seconds. */
  delay: number;
  options: IJobOptions;
}

/** Picks jobs: a class or a registry name. */
export type JobMatcher = JobClass | string;
/** Narrows matches further. */
export type PushFilter = (job: IQueueable, data: unknown, pushed: PushedJob) => boolean;

/** Options: fake only some jobs, letting the rest through to a real manager. */
export interface QueueFakeOptions {
  /** Only these are faked; others go to `manager` (default: all are faked). */
  only?: JobMatcher[];
  /** These go to `manager`; the rest are faked. */
  except?: JobMatcher[];
  /** The real manager for jobs not faked. */
  manager?: IQueueManager;
}

/** Records pushes instead of queueing them. */
export class QueueFake implements IQueueManager {
  private readonly records: PushedJob[] = [];
  private defaultName = 'default';

  constructor(private readonly options: QueueFakeOptions = {}) {}

  /** Every recorded push, in order. */
  get all(): readonly PushedJob[] {
    return this.records;
  }

  addConnection(_name: string, _connection: IQueueConnection): void {}

  connection(name?: string): IQueueConnection {
    if (this.options.manager) return this.options.manager.connection(name);
    throw new QueueError('ERR_FAKE', 'QueueFake has no real connections: pass { manager } to reach one');
  }

  setDefaultConnection(name: string): void {
    this.defaultName = name;
  }

  getDefaultConnection(): string {
    return this.defaultName;
  }

  getConnections(): Record<string, IQueueConnection> {
    return this.options.manager?.getConnections() ?? {};
  }

  async push(
    job: IQueueable,
    data: any,
    connectionName?: string | null,
    queue?: string | null,
  ): Promise<void> {
    await this.record(job, data, connectionName, queue, 0, {});
  }

  async later(
    delay: number,
    job: IQueueable,
    data: any,
    connectionName?: string | null,
    queue?: string | null,
  ) {
    await this.record(job, data, connectionName, queue, delay, {});
  }

  async bulk(
    jobs: IQueueable[],
    data: any,
    connectionName?: string | null,
    queue?: string | null,
  ): Promise<void> {
    for (const job of jobs) await this.record(job, data, connectionName, queue, 0, {});
  }

  async release(
    job: IQueueable,
    data: any,
    delay = 0,
    connectionName?: string | null,
    queue?: string | null,
  ) {
    await this.record(job, data, connectionName, queue, delay, {});
  }

  async failed(job: IQueueable, _data: any, error: Error): Promise<void> {
    await job.failed?.(error);
  }

  /** `dispatch` as on `QueueManager`. */
  async dispatch(job: IQueueable, data: any, options: IJobOptions = {}): Promise<void> {
    await this.record(job, data, options.connection, options.queue, options.delay ?? 0, options);
  }

  /** Recorded pushes of `matcher` that pass `filter`. */
  pushed(matcher: JobMatcher, filter?: PushFilter): PushedJob[] {
    return this.records.filter((p) => matches(p.job, matcher) && (!filter || filter(p.job, p.data, p)));
  }

  hasPushed(matcher: JobMatcher, filter?: PushFilter): boolean {
    return this.pushed(matcher, filter).length > 0;
  }

  /** Asserts `matcher` was pushed (at least once, or exactly `times` when a number is given). */
  assertPushed(matcher: JobMatcher, filterOrTimes?: PushFilter | number): void {
    if (typeof filterOrTimes === 'number') {
      this.assertPushedTimes(matcher, filterOrTimes);
      return;
    }
    if (!this.hasPushed(matcher, filterOrTimes)) {
      fail(
        `The expected [${label(matcher)}] job was not pushed${filterOrTimes ? ' with matching data' : ''}.`,
      );
    }
  }

  /** Asserts `matcher` was pushed on `queue`. */
  assertPushedOn(queue: string, matcher: JobMatcher, filter?: PushFilter): void {
    const onQueue = this.pushed(matcher, filter).filter(
      (p) => (p.queue ?? p.job.queue?.() ?? 'default') === queue,
    );
    if (onQueue.length === 0)
      fail(`The expected [${label(matcher)}] job was not pushed on queue [${queue}].`);
  }

  /** Asserts `matcher` was pushed exactly `times` times. */
  assertPushedTimes(matcher: JobMatcher, times: number): void {
    const count = this.pushed(matcher).length;
    if (count !== times)
      fail(`The expected [${label(matcher)}] job was pushed ${count} times instead of ${times} times.`);
  }

  /** Asserts `matcher` was not pushed (or not with data passing `filter`). */
  assertNotPushed(matcher: JobMatcher, filter?: PushFilter): void {
    if (this.hasPushed(matcher, filter)) fail(`The unexpected [${label(matcher)}] job was pushed.`);
  }

  assertNothingPushed(): void {
    if (this.records.length > 0) {
      fail(`Jobs were pushed unexpectedly: ${this.records.map((p) => p.job.constructor.name).join(', ')}.`);
    }
  }

  /** Asserts exactly `count` jobs were pushed in all. */
  assertCount(count: number): void {
    if (this.records.length !== count)
      fail(`Expected ${count} jobs to be pushed, but found ${this.records.length}.`);
  }

  /** Forgets every recorded push. */
  reset(): void {
    this.records.length = 0;
  }

  private async record(
    job: IQueueable,
    data: unknown,
    connectionName: string | null | undefined,
    queue: string | null | undefined,
    delay: number,
    options: IJobOptions,
  ): Promise<void> {
    const { only, except, manager } = this.options;
    const faked = (!only || only.some((m) => matches(job, m))) && !except?.some((m) => matches(job, m));
    if (!faked && manager) {
      await manager.push(job, data, connectionName, queue);
      return;
    }
    this.records.push({
      job,
      data,
      connection: connectionName || job.connection?.() || options.connection || this.defaultName,
      queue: queue || job.queue?.() || options.queue || null,
      delay: delay || job.delay?.() || 0,
      options,
    });
  }
}

function matches(job: IQueueable, matcher: JobMatcher): boolean {
  if (typeof matcher === 'string') {
    const ctor = job.constructor as { jobName?: string; name: string };
    return ctor.jobName === matcher || ctor.name === matcher;
  }
  return job instanceof matcher;
}

function label(matcher: JobMatcher): string {
  return typeof matcher === 'string' ? matcher : matcher.name;
}

function fail(message: string): never {
  throw new AssertionError({ message });
}
