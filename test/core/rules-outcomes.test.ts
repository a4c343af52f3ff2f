/**
 * DESIGN §4 rules 7, 8, 9 and 11: failing, releasing, succeeding, and bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  type IQueueable,
  type JobContext,
  type QueueConnection,
  QueueManager,
  UnknownJobError,
  UnresolvedJob,
} from '../../src/index.js';
import { memoryManager, waitFor, withWorker } from '../helpers.js';

const log: string[] = [];

class Failing implements IQueueable {
  mutated = 'original';
  constructor(readonly key: string) {}
  shouldQueue() {
    return true;
  }
  handle() {
    this.mutated = 'changed by handle';
    throw new TypeError(`failing ${this.key}`);
  }
  failed(error: Error) {
    log.push(`${this.key}:${this.mutated}:${error.message}`);
    if (this.key === 'throws-in-failed') throw new Error('failed() itself threw');
  }
}

class Releasing implements IQueueable {
  constructor(
    readonly key: string,
    readonly how: 'context' | 'connection',
  ) {}
  shouldQueue() {
    return true;
  }
  tries() {
    return 5;
  }
  failed() {
    log.push(`failed() called for ${this.key}`);
  }
  async handle(_data: unknown, context?: JobContext) {
    log.push(`${this.key}:${context!.attempts}`);
    if (context!.attempts > 1) return;
    if (this.how === 'context') context!.release(0.05);
    else await connectionForRelease!.release(this, {}, 0.05);
  }
}
let connectionForRelease: QueueConnection | undefined;

class Ok implements IQueueable {
  shouldQueue() {
    return true;
  }
  handle() {}
}

describe('rule 7: failing', () => {
  it('rule 7: stores id, connection, queue, payload, error, failedAt, attempts; then failed() on a fresh instance; then the event', async () => {
    const manager = memoryManager();
    const connection = manager.connection() as QueueConnection;
    await manager.push(new Failing('f1'), { x: 1 }, null, 'mail');
    const events: string[] = [];
    await withWorker(manager, { connection: 'main', queues: ['mail'] }, async (worker) => {
      worker.on('failed', (job, error) => events.push(`${job.constructor.name}:${error.message}`));
      await waitFor(() => worker.getFailedCount() === 1);
    });
    const [stored] = await connection.driver.failed.list();
    expect(stored).toMatchObject({ connection: 'main', queue: 'mail', attempts: 1 });
    expect(stored!.error).toMatchObject({ name: 'TypeError', message: 'failing f1' });
    expect(JSON.parse(stored!.payload).name).toBe('Failing');
    expect(Date.now() - stored!.failedAt).toBeLessThan(5000);
    expect(log).toContain('f1:original:failing f1');
    expect(events).toEqual(['Failing:failing f1']);
    expect(await connection.size('mail')).toBe(0);
  });

  it('rule 7: a throwing failed() is reported on error and the worker goes on', async () => {
    const manager = memoryManager();
    await manager.push(new Failing('throws-in-failed'), {});
    await manager.push(new Ok(), {});
    const errors: Error[] = [];
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      worker.on('error', (error) => errors.push(error));
      await waitFor(() => worker.getFailedCount() === 1 && worker.getProcessedCount() === 1);
    });
    expect(errors.map((e) => e.message)).toContain('failed() itself threw');
  });
});

describe('rule 8: release', () => {
  it('rule 8: context.release(delay) releases the current reservation, attempts kept, failed() not called', async () => {
    const manager = memoryManager();
    await manager.push(new Releasing('ctx', 'context'), {});
    const released: number[] = [];
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      worker.on('released', (_job, delay) => released.push(delay));
      await waitFor(() => worker.getProcessedCount() === 1);
    });
    expect(log.filter((l) => l.startsWith('ctx:'))).toEqual(['ctx:1', 'ctx:2']);
    expect(released).toEqual([0.05]);
    expect(log).not.toContain('failed() called for ctx');
  });

  it('rule 8: connection.release(job) inside handle releases the current reservation', async () => {
    const manager = memoryManager();
    connectionForRelease = manager.connection() as QueueConnection;
    await manager.push(new Releasing('conn', 'connection'), {});
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      await waitFor(() => worker.getProcessedCount() === 1);
    });
    expect(log.filter((l) => l.startsWith('conn:'))).toEqual(['conn:1', 'conn:2']);
    expect(await connectionForRelease.size()).toBe(0);
  });

  it('rule 8: outside a handler, release pushes the job anew with its attempts kept', async () => {
    const manager = memoryManager();
    const connection = manager.connection() as QueueConnection;
    await manager.push(new Releasing('outside', 'context'), {});
    let revived: IQueueable | undefined;
    connection.on('released', (job) => {
      revived = job;
    });
    await connection.process('default', 1);
    expect(revived).toBeDefined();
    await connection.clear();
    await manager.release(revived!, {}, 0);
    const [reservation] = await connection.driver.reserve(['default'], 1, 30);
    expect(reservation?.attempts).toBe(2);
  });
});

describe('rule 9: success', () => {
  it('rule 9: success deletes the job and emits processed', async () => {
    const manager = memoryManager();
    await manager.push(new Ok(), {});
    const processed: string[] = [];
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      worker.on('processed', (job, info) => processed.push(`${job.constructor.name}:${info.attempts}`));
      await waitFor(() => worker.getProcessedCount() === 1);
    });
    expect(processed).toEqual(['Ok:1']);
    expect(await manager.connection().size()).toBe(0);
  });
});

describe('rule 11: bad input', () => {
  it('rule 11: unknown names, garbage, undecryptable and unsigned payloads go to the failed store; the worker goes on', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const signing = { key: 'sign-me' };
    const pusher = new QueueManager({ encryption: { key }, connections: { main: 'memory://rule11' } });
    const worker = new QueueManager({ signing, connections: { main: 'memory://rule11' } });
    worker.registry.register('Ok', Ok);
    const connection = worker.connection() as QueueConnection;
    await pusher.push(new Failing('not-registered-in-worker'), {});
    class Secret extends Ok {
      shouldBeEncrypted() {
        return true;
      }
    }
    worker.registry.register('Secret', Secret);
    await pusher.push(new Secret(), {});
    await connection.driver.enqueue([
      { id: 'garbage-1', queue: 'default', payload: '{not json', availableAt: Date.now(), priority: 0 },
    ]);
    await worker.push(new Ok(), {});
    const failedJobs: IQueueable[] = [];
    await withWorker(worker, { connection: 'main' }, async (w) => {
      w.on('failed', (job) => failedJobs.push(job));
      await waitFor(() => w.getFailedCount() === 3 && w.getProcessedCount() === 1);
    });
    const stored = await connection.driver.failed.list();
    expect(stored).toHaveLength(3);
    const reasons = stored.map((s) => s.error.name).sort();
    expect(reasons).toEqual(['PayloadDecodeError', 'SignatureError', 'SignatureError']);
    expect(stored.find((s) => s.id === 'garbage-1')?.payload).toBe('{not json');
    expect(failedJobs.every((job) => job instanceof UnresolvedJob)).toBe(true);

    // Without signing, the unknown name and the missing key are the reasons.
    const plain = new QueueManager({ connections: { main: 'memory://rule11b' } });
    plain.registry.register('Secret', Secret);
    const producer = new QueueManager({ encryption: { key }, connections: { main: 'memory://rule11b' } });
    await producer.push(new Failing('unknown'), {});
    await producer.push(new Secret(), {});
    const plainConnection = plain.connection() as QueueConnection;
    await plainConnection.process('default', 2);
    const reasons2 = (await plainConnection.driver.failed.list()).map((s) => s.error.name).sort();
    expect(reasons2).toEqual(['DecryptionError', UnknownJobError.name]);
  });
});
