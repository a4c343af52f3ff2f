/**
 * DESIGN §4 rules 1–4: attempts, limits, exhausted jobs, and what follows an error.
 */
import { describe, expect, it } from 'vitest';
import {
  type IQueueable,
  type JobContext,
  MaxAttemptsExceededError,
  type QueueConnection,
} from '../../src/index.js';
import { memoryManager, waitFor, withWorker } from '../helpers.js';

const seen: Record<string, number[]> = {};
const failedCalls: Record<string, string[]> = {};

function record<T>(into: Record<string, T[]>, key: string, value: T): void {
  const list = into[key] ?? [];
  list.push(value);
  into[key] = list;
}

class Flaky implements IQueueable {
  constructor(
    readonly key: string,
    readonly failTimes: number,
  ) {}
  shouldQueue() {
    return true;
  }
  handle(_data: unknown, context?: JobContext) {
    record(seen, this.key, context!.attempts);
    if (context!.attempts <= this.failTimes) throw new Error(`boom ${context!.attempts}`);
  }
  failed(error: Error) {
    record(failedCalls, this.key, error.message);
  }
}

class ThreeTries extends Flaky {
  tries() {
    return 3;
  }
}

class Picky extends Flaky {
  tries() {
    return 5;
  }
  shouldRelease(error: Error) {
    return !error.message.includes('fatal');
  }
  override handle(_data: unknown, context?: JobContext): void {
    record(seen, this.key, context!.attempts);
    throw new Error('fatal: no retry');
  }
}

class LimitedExceptions extends Flaky {
  tries() {
    return 10;
  }
  maxExceptions() {
    return 2;
  }
}

class CustomBackoff extends Flaky {
  tries() {
    return 3;
  }
  backoff() {
    return [0.05, 0.3];
  }
}

class RetryAfter extends Flaky {
  tries() {
    return 2;
  }
  retryAfter(attempt: number) {
    return attempt * 0.02;
  }
}

describe('rule 1: reserving increments attempts atomically', () => {
  it('rule 1: attempts is 1 on the first run and grows by one per reservation', async () => {
    const manager = memoryManager();
    await manager.push(new ThreeTries('r1', 2), {});
    await withWorker(manager, { connection: 'main' }, async () => {
      await waitFor(() => (seen.r1?.length ?? 0) === 3);
    });
    expect(seen.r1).toEqual([1, 2, 3]);
  });
});

describe('rule 2: the attempt limit', () => {
  it('rule 2: tries() beats options, options beat the worker, the worker beats the default of 1', async () => {
    const manager = memoryManager();
    await manager.dispatch(new ThreeTries('r2-method', 99), {}, { tries: 1 });
    await manager.dispatch(new Flaky('r2-option', 99), {}, { tries: 2 });
    await manager.push(new Flaky('r2-worker', 99), {});
    await withWorker(manager, { connection: 'main', maxAttempts: 4 }, async (worker) => {
      await waitFor(() => worker.getFailedCount() === 3);
    });
    expect(seen['r2-method']).toEqual([1, 2, 3]);
    expect(seen['r2-option']).toEqual([1, 2]);
    expect(seen['r2-worker']).toEqual([1, 2, 3, 4]);

    const plain = memoryManager();
    await plain.push(new Flaky('r2-default', 99), {});
    expect(await plain.connection().process(undefined, 5)).toBe(1);
    expect(seen['r2-default']).toEqual([1]);
  });

  it('rule 2: 0 means unlimited', async () => {
    const manager = memoryManager();
    await manager.dispatch(new Flaky('r2-unlimited', 7), {}, { tries: 0 });
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      await waitFor(() => worker.getProcessedCount() === 1);
    });
    expect(seen['r2-unlimited']).toHaveLength(8);
  });

  it('rule 2: retryUntil replaces the limit with a deadline', async () => {
    const manager = memoryManager();
    await manager.dispatch(
      new Flaky('r2-deadline', 99),
      {},
      { tries: 1, retryUntil: Date.now() + 300, backoff: 0.05 },
    );
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      await waitFor(() => worker.getFailedCount() === 1);
    });
    expect(seen['r2-deadline']!.length).toBeGreaterThan(2);
  });
});

describe('rule 3: exhausted jobs fail without running', () => {
  it('rule 3: attempts beyond the limit (a crash ate them) fail with MaxAttemptsExceededError', async () => {
    const manager = memoryManager();
    const connection = manager.connection() as QueueConnection;
    await manager.push(new ThreeTries('r3', 0), {});
    // Three reservations that never finished, as if three workers crashed mid-job.
    for (let i = 0; i < 3; i++) {
      const [held] = await connection.driver.reserve(['default'], 1, 30);
      await connection.driver.release(held!, 0);
    }
    const errors: Error[] = [];
    connection.on('failed', (_job, error) => errors.push(error));
    await connection.process('default', 1);
    expect(seen.r3).toBeUndefined();
    expect(errors[0]).toBeInstanceOf(MaxAttemptsExceededError);
    expect(failedCalls.r3).toHaveLength(1);
    const [stored] = await connection.driver.failed.list();
    expect(stored?.attempts).toBe(4);
  });

  it('rule 3: a passed retryUntil fails without running', async () => {
    const manager = memoryManager();
    await manager.dispatch(new Flaky('r3-deadline', 0), {}, { retryUntil: Date.now() - 1 });
    const connection = manager.connection() as QueueConnection;
    const errors: Error[] = [];
    connection.on('failed', (_job, error) => errors.push(error));
    await connection.process('default', 1);
    expect(seen['r3-deadline']).toBeUndefined();
    expect(errors[0]?.message).toMatch(/retryUntil deadline/);
  });
});

describe('rule 4: after an error', () => {
  it('rule 4: shouldRelease false fails at once, after the exception event', async () => {
    const manager = memoryManager();
    await manager.push(new Picky('r4-picky', 0), {});
    const order: string[] = [];
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      worker.on('exception', () => order.push('exception'));
      worker.on('failed', () => order.push('failed'));
      await waitFor(() => worker.getFailedCount() === 1);
    });
    expect(seen['r4-picky']).toEqual([1]);
    expect(order).toEqual(['exception', 'failed']);
  });

  it('rule 4: maxExceptions fails once that many attempts threw, even with tries left', async () => {
    const manager = memoryManager();
    await manager.push(new LimitedExceptions('r4-maxexc', 99), {});
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      await waitFor(() => worker.getFailedCount() === 1);
    });
    expect(seen['r4-maxexc']).toEqual([1, 2]);
  });

  it('rule 4: releases with backoff per attempt, the last repeating, and emits released', async () => {
    const manager = memoryManager();
    await manager.push(new CustomBackoff('r4-backoff', 99), {});
    const delays: number[] = [];
    const times: number[] = [];
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      worker.on('released', (_job, delay) => delays.push(delay));
      worker.on('exception', () => times.push(Date.now()));
      await waitFor(() => worker.getFailedCount() === 1);
    });
    expect(delays).toEqual([0.05, 0.3]);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(280);
    expect(failedCalls['r4-backoff']).toEqual(['boom 3']);
  });

  it('rule 4: retryAfter(attempt) wins over backoff', async () => {
    const manager = memoryManager();
    await manager.dispatch(new RetryAfter('r4-retryafter', 99), {}, { backoff: 10 });
    const delays: number[] = [];
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      worker.on('released', (_job, delay) => delays.push(delay));
      await waitFor(() => worker.getFailedCount() === 1);
    });
    expect(delays).toEqual([0.02]);
  });
});
