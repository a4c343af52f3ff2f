/**
 * DESIGN §4 rules 6, 14 and 16: leases and tokens, graceful stop, waking idle workers.
 */
import { describe, expect, it } from 'vitest';
import { type IQueueable, type JobContext, type QueueConnection, Worker } from '../../src/index.js';
import { memoryManager, sleep, waitFor } from '../helpers.js';

const runs: Record<string, number> = {};

class Sleeper implements IQueueable {
  constructor(
    readonly key: string,
    readonly ms: number,
  ) {}
  shouldQueue() {
    return true;
  }
  tries() {
    return 3;
  }
  async handle(_data: unknown, context?: JobContext): Promise<void> {
    runs[this.key] = (runs[this.key] ?? 0) + 1;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.ms);
      context!.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

describe('rule 6: leases', () => {
  it('rule 6: the heartbeat keeps a long job leased past its first lease end, so nobody else runs it', async () => {
    const manager = memoryManager();
    await manager.push(new Sleeper('hb', 900), {});
    const a = new Worker(manager, { connection: 'main', lease: 0.3, sleep: 0.05 });
    const b = new Worker(manager, { connection: 'main', lease: 0.3, sleep: 0.05 });
    await a.start();
    await waitFor(() => runs.hb === 1);
    await b.start();
    await waitFor(() => a.getProcessedCount() === 1, 5000);
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.hb).toBe(1);
  });

  it('rule 6: an expired lease returns the job to its queue, and the stale token cannot ack it', async () => {
    const manager = memoryManager();
    const connection = manager.connection() as QueueConnection;
    await manager.push(new Sleeper('expired', 0), {});
    const [lost] = await connection.driver.reserve(['default'], 1, 0.1);
    await sleep(150);
    const [again] = await connection.driver.reserve(['default'], 1, 30);
    expect(again?.id).toBe(lost?.id);
    expect(again?.attempts).toBe(2);
    expect(await connection.driver.complete([lost!])).toBe(0);
    expect(await connection.size()).toBe(1);
    expect(await connection.driver.complete([again!])).toBe(1);
    expect(await connection.size()).toBe(0);
  });
});

describe('rule 14: stopping', () => {
  it('rule 14: stop() stops reserving and lets running jobs finish', async () => {
    const manager = memoryManager();
    await manager.push(new Sleeper('drain', 200), {});
    await manager.push(new Sleeper('drain-2', 0), {});
    const worker = new Worker(manager, { connection: 'main', sleep: 0.05 });
    await worker.start();
    await waitFor(() => runs.drain === 1);
    await worker.stop();
    expect(worker.getStatus()).toBe('stopped');
    expect(worker.getProcessedCount()).toBe(1);
    expect(runs['drain-2']).toBeUndefined();
    expect(await manager.connection().size()).toBe(1);
  });

  it('rule 14: what still runs after the grace period is released for another worker at once', async () => {
    const manager = memoryManager();
    await manager.push(new Sleeper('grace', 10_000), {});
    const first = new Worker(manager, { connection: 'main', gracePeriod: 0.1, sleep: 0.05 });
    await first.start();
    await waitFor(() => runs.grace === 1);
    const stoppedAt = Date.now();
    await first.stop();
    expect(Date.now() - stoppedAt).toBeLessThan(2000);
    const second = new Worker(manager, { connection: 'main', sleep: 0.05 });
    await second.start();
    await waitFor(() => runs.grace === 2, 2000);
    await second.stop({ force: true });
    expect(first.getProcessedCount()).toBe(0);
  });
});

describe('rule 16: waking an idle worker', () => {
  it('rule 16: a driver that can wake the worker does so long before the sleep interval', async () => {
    const manager = memoryManager();
    const worker = new Worker(manager, { connection: 'main' });
    worker.setSleep(10);
    await worker.start();
    await sleep(50);
    const pushedAt = Date.now();
    await manager.push(new Sleeper('wake', 0), {});
    await waitFor(() => worker.getProcessedCount() === 1, 3000);
    expect(Date.now() - pushedAt).toBeLessThan(500);
    await worker.stop();
  });
});
