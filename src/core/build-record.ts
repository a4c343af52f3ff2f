/**
 * @module core/build-record
 * Job instance + data + options → the record a driver stores (DESIGN §3). The precedence is
 * §4's: explicit argument > the job's method > `IJobOptions` at dispatch > default.
 */
import type { IJobOptions } from '../contracts/job-options.js';
import type { IQueueable } from '../contracts/queueable.js';
import type { EnqueueRecord } from '../drivers/driver.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import { newJobId } from './job-id.js';
import { toBackoffList, toEpoch } from './job-settings.js';
import { jobProps } from './payload/index.js';

/** Where the record goes, after the caller's explicit arguments. */
export interface RecordTarget {
  connection: string;
  defaultQueue: string;
  /** An explicit queue argument (wins over everything). */
  queue?: string | null | undefined;
  /** An explicit delay argument in seconds (wins over everything). */
  delay?: number | undefined;
  /** Attempts already made (release from outside a handler keeps them). */
  attempts?: number | undefined;
}

/** Serializes one job. Throws before anything is stored when the job or data cannot be. */
export function buildRecord(
  runtime: ConnectionRuntime,
  job: IQueueable,
  data: unknown,
  options: IJobOptions,
  target: RecordTarget,
): EnqueueRecord {
  const now = Date.now();
  const id = newJobId(now);
  const queue = target.queue || job.queue?.() || options.queue || target.defaultQueue;
  const delay = target.delay ?? job.delay?.() ?? options.delay ?? 0;
  const availableAt = delay > 0 ? now + Math.round(delay * 1000) : now;
  const priority = options.priority ?? 0;
  const payload = runtime.codec.serialize(
    {
      id,
      name: runtime.registry.nameOf(job),
      queue,
      connection: target.connection,
      createdAt: now,
      availableAt,
      priority,
      tags: options.tags ?? [],
      maxTries: job.tries?.() ?? options.tries ?? null,
      maxExceptions: job.maxExceptions?.() ?? options.maxExceptions ?? null,
      backoff: toBackoffList(job.backoff?.()) ?? toBackoffList(options.backoff) ?? [],
      timeout: job.timeout?.() ?? options.timeout ?? null,
      retryUntil: toEpoch(job.retryUntil?.()) ?? toEpoch(options.retryUntil),
      failOnTimeout: options.failOnTimeout ?? false,
      middleware: options.middleware ?? [],
    },
    jobProps(job),
    data,
    options.encrypted ?? job.shouldBeEncrypted?.() ?? false,
  );
  const record: EnqueueRecord = { id, queue, payload, availableAt, priority };
  if (target.attempts) record.attempts = target.attempts;
  return record;
}
