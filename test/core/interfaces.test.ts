/**
 * Every member of IQueueManager, IQueueConnection and IWorker, on the memory driver.
 */
import { describe, expect, it } from 'vitest';
import {
  ConnectionNotFoundError,
  createConnection,
  EncryptionKeyMissingError,
  type IQueueable,
  NonSerializableError,
  QueueConnection,
  QueueManager,
  Worker,
} from '../../src/index.js';
import { memoryManager, waitFor } from '../helpers.js';

const handled: Array<{ label: string; data: unknown }> = [];

class Job implements IQueueable {
  constructor(readonly label: string) {}
  shouldQueue() {
    return true;
  }
  handle(data: unknown) {
    handled.push({ label: this.label, data });
  }
}

class Routed extends Job {
  connection() {
    return 'other';
  }
  queue() {
    return 'routed';
  }
  delay() {
    return 60;
  }
}

describe('IQueueManager members', () => {
  it('addConnection, connection, setDefaultConnection, getDefaultConnection, getConnections', () => {
    const manager = memoryManager();
    expect(manager.getDefaultConnection()).toBe('main');
    const extra = createConnection('memory://');
    manager.addConnection('extra', extra);
    expect(manager.connection('extra')).toBe(extra);
    expect(extra.getName()).toBe('extra');
    expect(Object.keys(manager.getConnections()).sort()).toEqual(['extra', 'main']);
    manager.setDefaultConnection('extra');
    expect(manager.connection()).toBe(extra);
    expect(() => manager.connection('missing')).toThrow(ConnectionNotFoundError);
    expect(() => manager.connection('missing')).toThrow(/manager.addConnection\('missing'/);
  });

  it('push, later and bulk route by the job: connection(), queue(), delay()', async () => {
    const manager = new QueueManager({ connections: { main: 'memory://', other: 'memory://' } });
    expect(manager.getDefaultConnection()).toBe('main');
    await manager.push(new Routed('r'), {});
    await manager.later(5, new Job('l'), {}, null, 'later-q');
    await manager.bulk([new Job('b1'), new Job('b2'), new Routed('b3')], { shared: true }, null, 'bulk-q');
    const main = manager.connection('main');
    const other = manager.connection('other');
    expect(await other.delayedSize('routed')).toBe(1);
    expect(await main.delayedSize('later-q')).toBe(1);
    expect(await main.size('bulk-q')).toBe(2);
    expect(await other.size('bulk-q')).toBe(1);
    // An explicit connection argument beats the job's connection().
    await manager.push(new Routed('explicit'), {}, 'main', 'explicit-q');
    expect(await main.size('explicit-q')).toBe(1);
  });

  it('dispatch applies IJobOptions below the job’s own methods', async () => {
    const manager = memoryManager();
    await manager.dispatch(new Job('opts'), {}, { queue: 'q1', delay: 30, priority: 3, tags: ['t'] });
    const connection = manager.connection() as QueueConnection;
    expect(await connection.delayedSize('q1')).toBe(1);
    expect(() => manager.dispatch(new Job('x'), {}, { connection: 'nope' })).toThrow(ConnectionNotFoundError);
  });

  it('release and failed route to the job’s connection', async () => {
    const manager = memoryManager();
    await manager.release(new Job('rel'), { a: 1 }, 0);
    expect(await manager.connection().size()).toBe(1);
    const failures: string[] = [];
    class Failing extends Job {
      failed(error: Error) {
        failures.push(error.message);
      }
    }
    await manager.failed(new Failing('f'), { b: 2 }, new Error('given up'));
    const stored = await (manager.connection() as QueueConnection).driver.failed.list();
    expect(stored[0]?.error.message).toBe('given up');
    expect(failures).toEqual(['given up']);
  });
});

describe('IQueueConnection members', () => {
  it('push, later, bulk, size, delayedSize, process, clear, clearAll', async () => {
    const connection = createConnection('memory://');
    await connection.push(new Job('c1'), { n: 1 });
    await connection.later(60, new Job('c2'), {});
    await connection.bulk([new Job('c3'), new Job('c4')], { n: 3 }, 'other');
    expect(await connection.size()).toBe(2);
    expect(await connection.delayedSize()).toBe(1);
    expect(await connection.size('other')).toBe(2);
    expect(await connection.process()).toBe(1);
    expect(handled.find((h) => h.label === 'c1')?.data).toEqual({ n: 1 });
    await connection.clear('other');
    expect(await connection.size('other')).toBe(0);
    await connection.push(new Job('c5'), {}, 'third');
    await connection.clearAll();
    expect(await connection.size()).toBe(0);
    expect(await connection.size('third')).toBe(0);
  });

  it('getName, getDefaultQueue, setDefaultQueue', async () => {
    const connection = createConnection('memory://', { name: 'mine' });
    expect(connection.getName()).toBe('mine');
    expect(connection.getDefaultQueue()).toBe('default');
    connection.setDefaultQueue('jobs');
    await connection.push(new Job('d'), {});
    expect(await connection.size('jobs')).toBe(1);
  });

  it('data keeps its types through the queue', async () => {
    const connection = createConnection('memory://');
    const data = {
      when: new Date('2026-01-02T03:04:05Z'),
      big: 12345678901234567890n,
      map: new Map([['k', 1]]),
      set: new Set(['a']),
      bytes: Buffer.from('hi'),
      missing: undefined,
    };
    await connection.push(new Job('typed'), data);
    await connection.process();
    const got = handled.find((h) => h.label === 'typed')?.data as typeof data;
    expect(got.when).toBeInstanceOf(Date);
    expect(got.when.getTime()).toBe(data.when.getTime());
    expect(got.big).toBe(data.big);
    expect(got.map.get('k')).toBe(1);
    expect(got.set.has('a')).toBe(true);
    expect(Buffer.isBuffer(got.bytes) && got.bytes.toString()).toBe('hi');
    expect('missing' in got).toBe(true);
  });

  it('refuses unserializable data and unkeyed encryption at push, writing nothing', async () => {
    const connection = createConnection('memory://');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(connection.push(new Job('fn'), { user: { callback: () => 1 } })).rejects.toThrow(
      /data\.user\.callback/,
    );
    await expect(connection.push(new Job('cycle'), cyclic)).rejects.toThrow(NonSerializableError);
    await expect(connection.bulk([new Job('ok'), new Job('ok2')], { f: Symbol('s') })).rejects.toThrow(
      NonSerializableError,
    );
    class Secret extends Job {
      shouldBeEncrypted() {
        return true;
      }
    }
    await expect(connection.push(new Secret('s'), {})).rejects.toThrow(EncryptionKeyMissingError);
    expect(await connection.size()).toBe(0);
  });
});

describe('IWorker members', () => {
  it('start, getStatus, getId, processNext, setters, counts, stop', async () => {
    const manager = memoryManager();
    const worker = new Worker(manager, { id: 'w-1' });
    expect(worker.getId()).toBe('w-1');
    expect(worker.getStatus()).toBe('created');
    worker.setMaxAttempts(2);
    worker.setTimeout(5);
    worker.setSleep(0.05);
    expect(await worker.processNext()).toBe(false);
    class Twice extends Job {
      override handle(): void {
        throw new Error('always');
      }
    }
    await manager.push(new Twice('t'), {});
    expect(await worker.processNext()).toBe(true);
    expect(await worker.processNext()).toBe(true);
    expect(worker.getFailedCount()).toBe(1);
    await manager.push(new Job('w'), {});
    await worker.start();
    expect(worker.getStatus()).toBe('running');
    await waitFor(() => worker.getProcessedCount() === 1);
    await worker.stop();
    expect(worker.getStatus()).toBe('stopped');
    expect(new Worker(manager).getId()).not.toBe(new Worker(manager).getId());
  });

  it('concurrency runs jobs side by side', async () => {
    let running = 0;
    let peak = 0;
    class Slow extends Job {
      override async handle() {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 50));
        running--;
      }
    }
    const manager = memoryManager();
    for (let i = 0; i < 20; i++) await manager.push(new Slow(`s${i}`), {});
    const worker = new Worker(manager, { concurrency: 10, sleep: 0.05 });
    await worker.start();
    await waitFor(() => worker.getProcessedCount() === 20);
    await worker.stop();
    expect(peak).toBe(10);
  });

  it('a Worker can be built on a connection directly', () => {
    const connection = createConnection('memory://');
    expect(connection).toBeInstanceOf(QueueConnection);
    expect(new Worker(connection as QueueConnection).getStatus()).toBe('created');
  });
});
