/**
 * DESIGN §4 rules 10, 12, 13, 15, 17 and 18: ordering, in-process jobs, middleware, events,
 * process(), and sizes.
 */
import { describe, expect, it } from 'vitest';
import {
  createConnection,
  type IQueueable,
  type JobContext,
  type JobMiddleware,
  type QueueConnection,
  QueueManager,
  Worker,
} from '../../src/index.js';
import { memoryManager, sleep, waitFor, withWorker } from '../helpers.js';

const order: string[] = [];

class Named implements IQueueable {
  constructor(readonly label: string) {}
  shouldQueue() {
    return true;
  }
  handle() {
    order.push(this.label);
  }
}

class Inline implements IQueueable {
  constructor(readonly fail: boolean) {}
  shouldQueue() {
    return false;
  }
  handle(data: { box: string[] }) {
    if (this.fail) throw new Error('inline failure');
    data.box.push('ran inline');
  }
  failed(error: Error) {
    order.push(`inline failed: ${error.message}`);
  }
}

describe('rule 10: ordering', () => {
  it('rule 10: a queue list is strict priority; within a queue priority, then availableAt, then push order', async () => {
    const manager = memoryManager();
    order.length = 0;
    await manager.push(new Named('low-1'), {}, null, 'low');
    await manager.dispatch(new Named('high-p0-a'), {}, { queue: 'high' });
    await manager.dispatch(new Named('high-p5'), {}, { queue: 'high', priority: 5 });
    await manager.dispatch(new Named('high-p0-b'), {}, { queue: 'high' });
    const connection = manager.connection() as QueueConnection;
    const worker = new Worker(manager, { connection: 'main', queues: ['high', 'low'] });
    for (let i = 0; i < 4; i++) await worker.processNext();
    expect(order).toEqual(['high-p5', 'high-p0-a', 'high-p0-b', 'low-1']);
    expect(await connection.size('high')).toBe(0);
  });
});

describe('rule 12: jobs that should not queue', () => {
  it('rule 12: shouldQueue() false runs in-process at once and errors reach the caller', async () => {
    const manager = memoryManager();
    const box: string[] = [];
    await manager.push(new Inline(false), { box });
    expect(box).toEqual(['ran inline']);
    await expect(manager.push(new Inline(true), { box })).rejects.toThrow('inline failure');
    expect(await manager.connection().size()).toBe(0);
  });

  it('rule 12: sync:// runs every job at push, calls failed() and rethrows, without retries', async () => {
    let runs = 0;
    class Counted implements IQueueable {
      shouldQueue() {
        return true;
      }
      tries() {
        return 5;
      }
      handle() {
        runs++;
        throw new Error('sync failure');
      }
      failed() {
        order.push('sync failed()');
      }
    }
    const manager = new QueueManager({ connections: { sync: 'sync://' } });
    await expect(manager.push(new Counted(), {})).rejects.toThrow('sync failure');
    expect(runs).toBe(1);
    expect(order).toContain('sync failed()');
    expect(await manager.connection().size()).toBe(0);
    const box: string[] = [];
    await manager.push(new Inline(false), { box });
    expect(box).toEqual(['ran inline']);
  });
});

describe('rule 13: middleware', () => {
  it('rule 13: names with arguments resolve in the registry, instances run too, in order', async () => {
    const calls: string[] = [];
    const instance: JobMiddleware = async (_job, _ctx, next) => {
      calls.push('instance');
      await next();
    };
    class WithMiddleware implements IQueueable {
      shouldQueue() {
        return true;
      }
      middleware() {
        return [
          'tag:a,b',
          instance,
          {
            handle: async (_j: IQueueable, _c: JobContext, next: () => Promise<void>) => {
              calls.push('object');
              await next();
            },
          },
        ];
      }
      handle() {
        calls.push('handle');
      }
    }
    const manager = memoryManager();
    manager.middleware.register('tag', async (_job, _ctx, next, ...args) => {
      calls.push(`tag(${args.join('|')})`);
      await next();
    });
    await manager.push(new WithMiddleware(), {});
    await manager.connection().process(undefined, 1);
    expect(calls).toEqual(['tag(a|b)', 'instance', 'object', 'handle']);
  });

  it('rule 13: rate-limit releases jobs over the limit until the window ends', async () => {
    let ran = 0;
    class Limited implements IQueueable {
      shouldQueue() {
        return true;
      }
      tries() {
        return 0;
      }
      middleware() {
        return ['rate-limit:api,2,0.3'];
      }
      handle() {
        ran++;
      }
    }
    const manager = memoryManager();
    for (let i = 0; i < 4; i++) await manager.push(new Limited(), {});
    const startedAt = Date.now();
    const released: number[] = [];
    await withWorker(manager, { connection: 'main', concurrency: 4 }, async (worker) => {
      worker.on('released', () => released.push(Date.now() - startedAt));
      await waitFor(() => ran >= 2);
      await sleep(100);
      expect(ran).toBe(2);
      await waitFor(() => worker.getProcessedCount() === 4, 3000);
    });
    expect(released.length).toBeGreaterThanOrEqual(2);
  });

  it('rule 13: without-overlapping runs one job per key at a time', async () => {
    let running = 0;
    let maxRunning = 0;
    class Exclusive implements IQueueable {
      shouldQueue() {
        return true;
      }
      tries() {
        return 0;
      }
      middleware() {
        return ['without-overlapping:report,0.02'];
      }
      async handle() {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(30);
        running--;
      }
    }
    const manager = memoryManager();
    for (let i = 0; i < 3; i++) await manager.push(new Exclusive(), {});
    await withWorker(manager, { connection: 'main', concurrency: 3 }, async (worker) => {
      await waitFor(() => worker.getProcessedCount() === 3, 4000);
    });
    expect(maxRunning).toBe(1);
  });

  it('rule 13: throttle-exceptions stops running a failing key after N errors; skip-if deletes without running', async () => {
    let attempts = 0;
    class Throttled implements IQueueable {
      shouldQueue() {
        return true;
      }
      tries() {
        return 0;
      }
      retryUntil() {
        return Date.now() + 60_000;
      }
      middleware() {
        return ['throttle-exceptions:2,0.5'];
      }
      handle() {
        attempts++;
        throw new Error('third party down');
      }
    }
    class Skippable implements IQueueable {
      shouldQueue() {
        return true;
      }
      middleware() {
        return ['skip-if:isStale'];
      }
      isStale() {
        return true;
      }
      handle() {
        order.push('skippable ran');
      }
    }
    const manager = memoryManager();
    await manager.push(new Throttled(), {});
    await manager.push(new Skippable(), {});
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      await waitFor(() => worker.getProcessedCount() === 1);
      await sleep(300);
    });
    expect(attempts).toBe(2);
    expect(order).not.toContain('skippable ran');
  });
});

describe('rule 15: events and counts', () => {
  it('rule 15: on() returns an unsubscribe function; lifecycle events fire; counts track outcomes', async () => {
    const manager = memoryManager();
    const seen: string[] = [];
    const worker = new Worker(manager, { connection: 'main', sleep: 0.05 });
    for (const event of ['processing', 'processed', 'idle', 'stopping', 'stopped'] as const) {
      worker.on(event, () => seen.push(event));
    }
    const off = worker.on('processed', () => seen.push('second listener'));
    off();
    await manager.push(new Named('evt'), {});
    await worker.start();
    expect(worker.getStatus()).toBe('running');
    await waitFor(() => worker.getProcessedCount() === 1);
    await waitFor(() => seen.includes('idle'));
    await worker.stop();
    expect(seen).toEqual(['processing', 'processed', 'idle', 'stopping', 'stopped']);
    expect(worker.getFailedCount()).toBe(0);
  });
});

describe('rule 17: process(queue, count)', () => {
  it('rule 17: reserves and runs up to count jobs now and returns how many ran', async () => {
    const connection = createConnection('memory://');
    for (let i = 0; i < 5; i++) await connection.push(new Named(`p${i}`), {}, 'batch');
    expect(await connection.process('batch', 3)).toBe(3);
    expect(await connection.size('batch')).toBe(2);
    expect(await connection.process('batch', 10)).toBe(2);
    expect(await connection.process('batch', 10)).toBe(0);
  });
});

describe('rule 18: sizes', () => {
  it('rule 18: size counts ready + delayed + reserved; delayedSize counts delayed only', async () => {
    const connection = createConnection('memory://') as QueueConnection;
    await connection.push(new Named('ready'), {}, 's');
    await connection.later(60, new Named('delayed'), {}, 's');
    await connection.push(new Named('reserved'), {}, 's');
    await connection.driver.reserve(['s'], 1, 30);
    expect(await connection.size('s')).toBe(3);
    expect(await connection.delayedSize('s')).toBe(1);
    await connection.clear('s');
    expect(await connection.size('s')).toBe(0);
  });
});
