/**
 * @module drivers/redis/redis-failed-store
 * The failed store. Each queue keeps its failed jobs under its own hash tag (so `fail` and `retry`
 * are single-slot atomic scripts); listing, counting and lookups across queues read every queue
 * named in the registry, one script call per queue, all sent at once.
 * `add` replaces a record of the same id in another queue by forgetting it there first: two steps,
 * as no script spans two queues.
 */
import type { ErrorInfo, FailedJobRecord, FailedListOptions, FailedStore } from '../driver.js';
import type { RedisConnection } from './redis-connection.js';

/** Failed jobs removed per script call by flush and prune. */
const REMOVE_CHUNK = 1000;

/** The Redis failed store. */
export class RedisFailedStore implements FailedStore {
  constructor(private readonly connect: () => Promise<RedisConnection>) {}

  async list(options: FailedListOptions = {}): Promise<FailedJobRecord[]> {
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    if (limit <= 0) return [];
    const conn = await this.connect();
    if (options.queue !== undefined) {
      return this.read(conn, options.queue, ['range', offset, offset + limit - 1]);
    }
    // Newest first across queues: take each queue's newest offset+limit, merge, then read the page.
    const queues = await this.registered(conn);
    const heads = await Promise.all(
      queues.map(async (queue) => {
        const flat = (await conn.client.zrevrange(
          conn.keys.queue(queue).failed,
          0,
          offset + limit - 1,
          'WITHSCORES',
        )) as string[];
        const entries: Array<{ queue: string; id: string; at: number }> = [];
        for (let i = 0; i < flat.length; i += 2)
          entries.push({ queue, id: flat[i]!, at: Number(flat[i + 1]) });
        return entries;
      }),
    );
    const page = heads
      .flat()
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(offset, offset + limit);
    const byQueue = new Map<string, string[]>();
    for (const e of page) {
      const ids = byQueue.get(e.queue);
      if (ids) ids.push(e.id);
      else byQueue.set(e.queue, [e.id]);
    }
    const records = (
      await Promise.all([...byQueue].map(([queue, ids]) => this.read(conn, queue, ['ids', ...ids])))
    ).flat();
    const order = new Map(page.map((e, i) => [`${e.queue}\n${e.id}`, i]));
    return records.sort(
      (a, b) => (order.get(`${a.queue}\n${a.id}`) ?? 0) - (order.get(`${b.queue}\n${b.id}`) ?? 0),
    );
  }

  async count(queue?: string): Promise<number> {
    const conn = await this.connect();
    const queues = queue !== undefined ? [queue] : await this.registered(conn);
    const counts = await Promise.all(queues.map((q) => conn.client.zcard(conn.keys.queue(q).failed)));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  async get(id: string): Promise<FailedJobRecord | null> {
    const conn = await this.connect();
    const queues = await this.registered(conn);
    const found = await Promise.all(queues.map((queue) => this.read(conn, queue, ['ids', id])));
    return found.flat()[0] ?? null;
  }

  async retry(id: string): Promise<boolean> {
    const conn = await this.connect();
    const queues = await this.registered(conn);
    const moved = await Promise.all(
      queues.map((queue) => {
        const k = conn.keys.queue(queue);
        return conn.run(
          'failedRetry',
          [k.failed, k.readyList, k.readyZset, k.delayed, k.reserved, k.seq, k.signal],
          [k.jobPrefix, k.failedPrefix, id],
        );
      }),
    );
    return moved.some((n) => Number(n) > 0);
  }

  async add(record: FailedJobRecord): Promise<void> {
    const conn = await this.connect();
    const unregistered = conn.unregistered([record.queue]);
    if (unregistered.length > 0) await conn.register(unregistered);
    const others = (await this.registered(conn)).filter((queue) => queue !== record.queue);
    await Promise.all(others.map((queue) => this.remove(conn, queue, 'id', record.id)));
    const { name, message, stack } = record.error;
    const k = conn.keys.queue(record.queue);
    await conn.run(
      'failedAdd',
      [k.failed],
      [
        k.failedPrefix,
        record.id,
        record.payload,
        Number.isFinite(record.attempts) ? Math.max(0, Math.floor(record.attempts)) : 0,
        payloadPriority(record.payload),
        record.connection,
        JSON.stringify(stack === undefined ? { name, message } : { name, message, stack }),
        Math.floor(Number.isFinite(record.failedAt) ? record.failedAt : Date.now()),
      ],
    );
  }

  async forget(id: string): Promise<boolean> {
    const conn = await this.connect();
    const queues = await this.registered(conn);
    const removed = await Promise.all(queues.map((queue) => this.remove(conn, queue, 'id', id)));
    return removed.some((n) => n > 0);
  }

  async flush(queue?: string): Promise<number> {
    return this.removeAll(queue === undefined ? undefined : [queue], 'all', '');
  }

  async prune(olderThanSeconds: number): Promise<number> {
    const cutoff = Date.now() - olderThanSeconds * 1000;
    return this.removeAll(undefined, 'before', String(cutoff));
  }

  private async removeAll(only: string[] | undefined, mode: 'all' | 'before', arg: string): Promise<number> {
    const conn = await this.connect();
    const queues = only ?? (await this.registered(conn));
    const counts = await Promise.all(
      queues.map(async (queue) => {
        let total = 0;
        for (;;) {
          const n = await this.remove(conn, queue, mode, arg);
          total += n;
          if (n < REMOVE_CHUNK) return total;
        }
      }),
    );
    return counts.reduce((sum, n) => sum + n, 0);
  }

  private async remove(conn: RedisConnection, queue: string, mode: string, arg: string): Promise<number> {
    const k = conn.keys.queue(queue);
    return Number(await conn.run('failedRemove', [k.failed], [k.failedPrefix, mode, arg, REMOVE_CHUNK]));
  }

  private async read(
    conn: RedisConnection,
    queue: string,
    args: Array<string | number>,
  ): Promise<FailedJobRecord[]> {
    const k = conn.keys.queue(queue);
    const flat = (await conn.run('failedRead', [k.failed], [k.failedPrefix, ...args])) as string[];
    const out: FailedJobRecord[] = [];
    for (let i = 0; i < flat.length; i += 6) {
      out.push({
        id: flat[i]!,
        queue,
        payload: flat[i + 1]!,
        attempts: Number(flat[i + 2]),
        error: parseError(flat[i + 3]!),
        connection: flat[i + 4]!,
        failedAt: Number(flat[i + 5]),
      });
    }
    return out;
  }

  private async registered(conn: RedisConnection): Promise<string[]> {
    return (await conn.client.smembers(conn.keys.registry)).sort();
  }
}

/**
 * The record carries no priority, but a retry should keep it: the payload's own `priority` when the
 * payload is a Conveyor document, 0 otherwise (a raw or garbled payload is stored as is).
 */
function payloadPriority(payload: string): number {
  try {
    const priority = (JSON.parse(payload) as { priority?: unknown } | null)?.priority;
    return typeof priority === 'number' && Number.isFinite(priority) ? priority : 0;
  } catch {
    return 0;
  }
}

function parseError(json: string): ErrorInfo {
  try {
    const parsed = JSON.parse(json) as Partial<ErrorInfo>;
    const error: ErrorInfo = { name: String(parsed.name ?? 'Error'), message: String(parsed.message ?? '') };
    if (typeof parsed.stack === 'string') error.stack = parsed.stack;
    return error;
  } catch {
    return { name: 'Error', message: json };
  }
}
