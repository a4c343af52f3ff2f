/**
 * @module core/job-settings
 * Resolves a job's retry settings by DESIGN §4's precedence:
 * the job's method > `IJobOptions` at dispatch (kept in the payload) > worker setting > default.
 */
import type { IQueueable } from '../contracts/queueable.js';
import type { Payload } from './payload/index.js';

/** Worker-level defaults (the seed's `setMaxAttempts`, `setTimeout`, plus backoff). */
export interface WorkerDefaults {
  /** Attempt limit when neither job nor options set one (default 1; 0 = unlimited). */
  maxAttempts?: number | undefined;
  /** Seconds per attempt (default 60; 0 = none). */
  timeout?: number | undefined;
  /** Seconds between retries (default 0). */
  backoff?: number | number[] | undefined;
}

/** The settings one attempt runs under. */
export interface JobSettings {
  /** Attempt limit; 0 = unlimited. Ignored when `deadline` is set. */
  limit: number;
  /** `retryUntil` as epoch ms, or null. */
  deadline: number | null;
  /** Seconds; 0 = none. */
  timeout: number;
  backoff: number[];
  maxExceptions: number | null;
  failOnTimeout: boolean;
}

/** Default attempt limit. */
export const DEFAULT_MAX_ATTEMPTS = 1;
/** Default timeout in seconds. */
export const DEFAULT_TIMEOUT = 60;

/** `number | number[]` → `number[]`. */
export function toBackoffList(backoff: number | number[] | undefined | null): number[] | undefined {
  if (backoff === undefined || backoff === null) return undefined;
  return Array.isArray(backoff) ? backoff : [backoff];
}

/** Epoch ms from a Date or epoch ms. */
export function toEpoch(value: Date | number | undefined | null): number | null {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? value.getTime() : value;
}

/** Resolves the settings for one attempt of `job`. */
export function resolveJobSettings(job: IQueueable, payload: Payload, defaults: WorkerDefaults): JobSettings {
  const backoff =
    toBackoffList(job.backoff?.()) ?? (payload.backoff.length > 0 ? payload.backoff : undefined);
  return {
    limit: job.tries?.() ?? payload.maxTries ?? defaults.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    deadline: toEpoch(job.retryUntil?.()) ?? payload.retryUntil,
    timeout: job.timeout?.() ?? payload.timeout ?? defaults.timeout ?? DEFAULT_TIMEOUT,
    backoff: backoff ?? toBackoffList(defaults.backoff) ?? [],
    maxExceptions: job.maxExceptions?.() ?? payload.maxExceptions,
    failOnTimeout: payload.failOnTimeout,
  };
}

/** The delay before retrying after attempt `attempts` (rule 4). */
export function retryDelay(job: IQueueable, settings: JobSettings, attempts: number): number {
  const custom = job.retryAfter?.(attempts);
  if (custom !== undefined) return custom;
  const { backoff } = settings;
  return backoff[attempts - 1] ?? backoff[backoff.length - 1] ?? 0;
}
