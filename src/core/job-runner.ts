/**
 * @module core/job-runner
 * Runs one reserved job by the rules of DESIGN §4: revive, check attempts, middleware,
 * timeout, then complete, release or fail. Completion itself is left to the caller so a
 * worker can acknowledge many jobs in one driver call (§4b).
 */
import type { IQueueable } from '../contracts/queueable.js';
import type { JobEventInfo, WorkerEventMap } from '../contracts/worker-events.js';
import type { Reservation } from '../drivers/driver.js';
import { runPipeline } from '../middleware/middleware-registry.js';
import { ActiveRun, activeRuns } from './active-run.js';
import { JobTimeoutError } from './errors/job-timeout-error.js';
import { MaxAttemptsExceededError } from './errors/max-attempts-exceeded-error.js';
import type { EventHub } from './event-hub.js';
import { type JobSettings, resolveJobSettings, retryDelay, type WorkerDefaults } from './job-settings.js';
import type { Payload } from './payload/index.js';
import type { QueueConnection } from './queue-connection.js';
import { reviveJob } from './revive-job.js';
import { toError, toErrorInfo } from './to-error.js';
import { UnresolvedJob } from './unresolved-job.js';
import { Watchdog } from './watchdog.js';

/** How an attempt ended. `lost`: the lease was gone, so the result was not recorded. */
export type RunOutcome = 'completed' | 'released' | 'failed' | 'lost';

/** The result of `run`, with what the caller needs to emit `processed`. */
export interface RunResult {
  outcome: RunOutcome;
  job: IQueueable;
  info: JobEventInfo;
}

/** Runs a handler away from the main thread (worker option `isolation: 'thread'`). */
export interface IsolatedExecutor {
  execute(reservation: Reservation, run: ActiveRun, timeoutMs: number): Promise<void>;
}

/** What a runner needs besides the connection. */
export interface RunnerOptions {
  defaults: WorkerDefaults;
  events: EventHub<WorkerEventMap>;
  isolated?: IsolatedExecutor | undefined;
}

const EXCEPTION_COUNTER_TTL = 7 * 24 * 3600;

/** Applies §4 to reservations of one connection. */
export class JobRunner {
  private readonly watchdog = new Watchdog();

  constructor(
    private readonly connection: QueueConnection,
    private readonly options: RunnerOptions,
  ) {}

  /** Registers a running attempt (the worker uses it to abort on forced stop). */
  onStart: ((run: ActiveRun) => void) | undefined;
  onEnd: ((run: ActiveRun) => void) | undefined;

  async run(reservation: Reservation): Promise<RunResult> {
    const { codec, registry } = this.connection.runtime();
    let payload: Payload;
    let job: IQueueable;
    let data: unknown;
    try {
      const decoded = codec.deserialize(reservation.payload);
      payload = decoded.payload;
      data = decoded.data;
      job = reviveJob(registry, payload.name, decoded.props);
    } catch (error) {
      return this.failUnresolved(reservation, toError(error));
    }
    const { events } = this.options;
    // The run doubles as the event info, so an attempt allocates one object of ours.
    const run = new ActiveRun(
      reservation,
      payload.name,
      this.connection.getName(),
      this.connection.driver.atomic,
      events.has('progress') ? (value) => events.emit('progress', job, value, run) : undefined,
    );
    const info: JobEventInfo = run;
    const settings = resolveJobSettings(job, payload, this.options.defaults);
    const exhausted = this.exhausted(settings, payload, reservation);
    if (exhausted !== undefined) return this.fail(reservation, job, exhausted, info);

    events.emit('processing', job, info);
    activeRuns.set(job, run);
    this.onStart?.(run);
    let error: Error | undefined;
    try {
      const pending = this.execute(job, payload, data, run, settings.timeout);
      if (pending !== undefined) await pending;
    } catch (thrown) {
      error = toError(thrown);
    } finally {
      activeRuns.delete(job);
      this.onEnd?.(run);
    }
    if (run.failError !== undefined) return this.fail(reservation, job, run.failError, info);
    if (error === undefined) {
      if (run.releaseDelay !== undefined) return this.release(reservation, job, run.releaseDelay, info);
      return { outcome: 'completed', job, info };
    }
    return this.afterError(reservation, job, error, settings, info, run);
  }

  /** Rule 3: a passed deadline or attempts beyond the limit fail without running. */
  private exhausted(settings: JobSettings, payload: Payload, reservation: Reservation): Error | undefined {
    if (settings.deadline !== null) {
      return Date.now() > settings.deadline
        ? MaxAttemptsExceededError.forDeadline(payload.name, reservation.id, settings.deadline)
        : undefined;
    }
    if (settings.limit > 0 && reservation.attempts > settings.limit) {
      return MaxAttemptsExceededError.forJob(
        payload.name,
        reservation.id,
        reservation.attempts,
        settings.limit,
      );
    }
    return undefined;
  }

  /** Middleware, then `handle`, under the timeout. Returns undefined when a sync handler finished. */
  private execute(
    job: IQueueable,
    payload: Payload,
    data: unknown,
    run: ActiveRun,
    timeout: number,
  ): Promise<void> | undefined {
    const { isolated } = this.options;
    const timeoutMs = timeout > 0 ? timeout * 1000 : 0;
    const handle = isolated
      ? () => isolated.execute(run.reservation, run, timeoutMs)
      : () => job.handle(data, run);
    const entries = job.middleware?.() ?? [];
    const names = payload.middleware;
    const result =
      entries.length === 0 && names.length === 0
        ? handle()
        : runPipeline(
            this.connection
              .runtime()
              .middleware.resolve(names.length === 0 ? entries : [...entries, ...names]),
            job,
            run,
            handle,
          );
    if (result === undefined || typeof (result as Promise<void>).then !== 'function') return undefined;
    if (timeoutMs === 0) return result as Promise<void>;
    return this.underTimeout(result as Promise<void>, run, timeoutMs, () => {
      const error = JobTimeoutError.forJob(payload.name, run.id, timeout);
      run.abort(error);
      return error;
    });
  }

  /** Settles with `promise`, or rejects with `onTimeout()` once the watchdog says time is up. */
  private underTimeout(
    promise: Promise<void>,
    run: ActiveRun,
    timeoutMs: number,
    onTimeout: () => Error,
  ): Promise<void> {
    const { watchdog } = this;
    return new Promise<void>((resolve, reject) => {
      run.deadline = Date.now() + timeoutMs;
      run.onTimeout = () => reject(onTimeout());
      watchdog.watch(run);
      promise.then(
        () => {
          watchdog.unwatch(run);
          resolve();
        },
        (error: unknown) => {
          watchdog.unwatch(run);
          reject(error);
        },
      );
    });
  }

  /** Rule 4 (and 5 for timeouts). */
  private async afterError(
    reservation: Reservation,
    job: IQueueable,
    error: Error,
    settings: JobSettings,
    info: JobEventInfo,
    run: ActiveRun,
  ): Promise<RunResult> {
    const { events } = this.options;
    events.emit('exception', job, error, info);
    const timedOut = error instanceof JobTimeoutError;
    if (timedOut) {
      events.emit('timeout', job, error, info);
      if (settings.failOnTimeout) return this.fail(reservation, job, error, info);
    }
    if (run.releaseDelay !== undefined) return this.release(reservation, job, run.releaseDelay, info);
    if (job.shouldRelease?.(error) === false) return this.fail(reservation, job, error, info);
    const attempts = reservation.attempts;
    if (settings.deadline !== null) {
      if (Date.now() >= settings.deadline) return this.fail(reservation, job, error, info);
    } else if (settings.limit > 0 && attempts >= settings.limit) {
      return this.fail(reservation, job, error, info);
    }
    if (settings.maxExceptions !== null && settings.maxExceptions > 0) {
      const counted = await this.connection.driver.atomic.increment(
        `exceptions:${reservation.id}`,
        1,
        EXCEPTION_COUNTER_TTL,
      );
      if (counted >= settings.maxExceptions) return this.fail(reservation, job, error, info);
    }
    return this.release(reservation, job, retryDelay(job, settings, attempts), info);
  }

  private async release(
    reservation: Reservation,
    job: IQueueable,
    delay: number,
    info: JobEventInfo,
  ): Promise<RunResult> {
    const released = await this.connection.driver.release(reservation, delay);
    if (!released) return { outcome: 'lost', job, info };
    this.options.events.emit('released', job, delay, info);
    return { outcome: 'released', job, info };
  }

  /** Rule 7: move to the failed store, then `failed()` on a fresh instance, then the event. */
  private async fail(
    reservation: Reservation,
    job: IQueueable,
    error: Error,
    info: JobEventInfo,
  ): Promise<RunResult> {
    const { driver } = this.connection;
    const stored = await driver.fail(reservation, { connection: info.connection, error: toErrorInfo(error) });
    if (!stored) return { outcome: 'lost', job, info };
    const { events } = this.options;
    if (typeof job.failed === 'function') {
      try {
        const { codec, registry } = this.connection.runtime();
        const decoded = codec.deserialize(reservation.payload);
        await reviveJob(registry, decoded.payload.name, decoded.props).failed?.(error);
      } catch (thrown) {
        events.emit('error', toError(thrown));
      }
    }
    events.emit('failed', job, error, info);
    return { outcome: 'failed', job, info };
  }

  /** Rule 11: undecodable, undecryptable, unsigned or unknown jobs go to the failed store. */
  private async failUnresolved(reservation: Reservation, error: Error): Promise<RunResult> {
    let name = 'unknown';
    try {
      name = this.connection.runtime().codec.peek(reservation.payload).name;
    } catch {
      // The payload is not even readable metadata; the reason says why.
    }
    const job = new UnresolvedJob(reservation.id, name, reservation.payload);
    const info: JobEventInfo = {
      id: reservation.id,
      name,
      queue: reservation.queue,
      connection: this.connection.getName(),
      attempts: reservation.attempts,
    };
    const stored = await this.connection.driver.fail(reservation, {
      connection: info.connection,
      error: toErrorInfo(error),
    });
    if (!stored) return { outcome: 'lost', job, info };
    this.options.events.emit('failed', job, error, info);
    return { outcome: 'failed', job, info };
  }
}
