/**
 * @module drivers/redis/redis-waiter
 * Blocking waits on the queues' signal lists (BLPOP), on connections of their own.
 *
 * Enqueue and release push to a queue's `signal` list; one blocked waiter pops it and wakes. A
 * signal says `r` (a job is ready: the wait ends at once, and the caller's reserve is the check) or
 * `d` (a due time moved earlier: the waiter re-checks and sleeps toward the new deadline).
 * BLPOP's own timeout is only as precise as the server's `hz` (about 100 ms), so a JS timer ends
 * the wait on time; a BLPOP still running then finishes by itself and, if it popped a signal
 * meanwhile, the signal is pushed back so no other waiter misses it. An abort disconnects the
 * blocked connection at once. Connections are pooled: one per concurrent wait.
 * On Redis Cluster the signal keys of different queues live on different slots, so each queue is
 * waited on with its own connection and the first to wake wins.
 */
import { isCluster, type RedisClient, type RedisConnection } from './redis-connection.js';

/** How a wait ended. */
export type WaitOutcome = 'ready' | 'signal' | 'timeout' | 'aborted';

/** Runs blocking waits for one driver. */
export class RedisWaiter {
  private readonly idle: RedisClient[] = [];
  private readonly open = new Set<RedisClient>();
  private readonly closing = new AbortController();

  constructor(private readonly connection: RedisConnection) {}

  /**
   * Resolves `true` once one of `queues` has work ready or due (by the server's clock), `false`
   * at the timeout or on abort or close.
   *
   * A ready signal ends the wait at once (saving a round trip on the push-to-start path): if it
   * is stale because another worker took the job, the caller's reserve finds nothing and it waits
   * again. Any other wake-up only says "look again": it is followed by a re-check, and the wait
   * goes on until something is ready or due, the timeout passes, or the wait is aborted.
   */
  async waitForWork(queues: string[], timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const deadline = Date.now() + Math.max(0, timeoutMs);
    const signalKeys = queues.map((queue) => this.connection.keys.queue(queue).signal);
    for (;;) {
      const soonest = await this.soonestDue(queues);
      if (soonest === 0) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0 || signal?.aborted || this.closing.signal.aborted) return false;
      const outcome = await this.wait(signalKeys, Math.min(remaining, soonest), signal);
      if (outcome === 'ready') return true;
      if (outcome === 'aborted') return false;
    }
  }

  /** Milliseconds until one of `queues` has work (0: now; Infinity: nothing pending). */
  private async soonestDue(queues: string[]): Promise<number> {
    const conn = this.connection;
    const dues = await Promise.all(
      queues.map((queue) => {
        const k = conn.keys.queue(queue);
        return conn.run('nextDue', [k.readyList, k.readyZset, k.delayed, k.reserved], []);
      }),
    );
    let soonest = Number.POSITIVE_INFINITY;
    for (const due of dues) if (Number(due) >= 0) soonest = Math.min(soonest, Number(due));
    return soonest;
  }

  /** Waits up to `ms` for a signal on any of `signalKeys`. */
  async wait(signalKeys: string[], ms: number, signal?: AbortSignal): Promise<WaitOutcome> {
    if (signal?.aborted || this.closing.signal.aborted) return 'aborted';
    const groups = isCluster(this.connection.client) ? signalKeys.map((key) => [key]) : [signalKeys];
    if (groups.length === 1) return this.waitOne(groups[0] ?? [], ms, [signal, this.closing.signal]);
    const firstWins = new AbortController();
    const outcomes = await Promise.all(
      groups.map(async (keys) => {
        const outcome = await this.waitOne(keys, ms, [signal, this.closing.signal, firstWins.signal]);
        if (outcome === 'signal' || outcome === 'ready') firstWins.abort();
        return outcome;
      }),
    );
    if (outcomes.includes('ready')) return 'ready';
    if (outcomes.includes('signal')) return 'signal';
    return signal?.aborted || this.closing.signal.aborted ? 'aborted' : 'timeout';
  }

  /** Ends every wait (they return `'aborted'`) and disconnects every blocking connection. */
  close(): void {
    this.closing.abort();
    for (const client of this.open) client.disconnect();
    this.open.clear();
    this.idle.length = 0;
  }

  private async waitOne(
    keys: string[],
    ms: number,
    signals: Array<AbortSignal | undefined>,
  ): Promise<WaitOutcome> {
    if (signals.some((s) => s?.aborted)) return 'aborted';
    const client = this.idle.pop() ?? this.create();
    const blpop = client.blpop(...keys, Math.max(ms, 1) / 1000) as Promise<[string, string] | null>;
    return new Promise<WaitOutcome>((resolve, reject) => {
      let done = false;
      const finish = (outcome: WaitOutcome | Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        for (const s of signals) s?.removeEventListener('abort', onAbort);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = () => {
        finish('aborted');
        this.discard(client);
      };
      const timer = setTimeout(() => finish('timeout'), ms);
      for (const s of signals) s?.addEventListener('abort', onAbort, { once: true });
      blpop.then(
        (reply) => {
          if (!done) finish(reply ? (reply[1] === 'r' ? 'ready' : 'signal') : 'timeout');
          else if (reply) this.connection.client.lpush(reply[0], reply[1]).catch(() => undefined);
          this.reuse(client);
        },
        (error: unknown) => {
          this.discard(client);
          if (this.closing.signal.aborted || signals.some((s) => s?.aborted)) finish('aborted');
          else finish(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private create(): RedisClient {
    const client = this.connection.openBlocking();
    this.open.add(client);
    return client;
  }

  private reuse(client: RedisClient): void {
    if (this.open.has(client)) this.idle.push(client);
  }

  private discard(client: RedisClient): void {
    if (!this.open.delete(client)) return;
    const at = this.idle.indexOf(client);
    if (at >= 0) this.idle.splice(at, 1);
    client.disconnect();
  }
}
