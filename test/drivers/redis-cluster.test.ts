/**
 * The Redis driver on a Redis Cluster: a throwaway cluster of three masters (no replicas) on spare
 * ports, driven through an adopted ioredis `Cluster` client. The shared conformance suite runs on
 * it, then cluster specifics: a queue's keys on one slot, queues spread over the nodes, a wait on
 * queues of different slots, and a Worker draining queues that live on different nodes.
 */
import { execFileSync } from 'node:child_process';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from '../../src/drivers/driver.js';
import { RedisDriver } from '../../src/drivers/redis/index.js';
import { type IQueueable, QueueManager, Worker } from '../../src/index.js';
import { runDriverConformance } from '../../src/testing/conformance/index.js';
import { freePort, ThrowawayRedis, uniquePrefix } from './redis-helpers.js';

const nodes: ThrowawayRedis[] = [];
let cluster: Cluster | undefined;

async function clusterState(port: number): Promise<string> {
  const client = new Redis(port, '127.0.0.1');
  try {
    return /cluster_state:(\w+)/.exec(String(await client.cluster('INFO')))?.[1] ?? '';
  } finally {
    client.disconnect();
  }
}

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    const busPort = await freePort();
    nodes.push(
      await ThrowawayRedis.start([
        '--cluster-enabled',
        'yes',
        '--cluster-port',
        String(busPort),
        '--cluster-config-file',
        'nodes.conf',
        '--appendonly',
        'no',
      ]),
    );
  }
  execFileSync(
    'redis-cli',
    [
      '--cluster',
      'create',
      ...nodes.map((n) => `127.0.0.1:${n.port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 15_000;
  for (const node of nodes) {
    while ((await clusterState(node.port)) !== 'ok') {
      if (Date.now() > deadline) throw new Error('the throwaway cluster did not reach state ok');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  cluster = new Cluster(nodes.map((n) => ({ host: '127.0.0.1', port: n.port })));
  await cluster.ping();
}, 60_000);

afterAll(async () => {
  cluster?.disconnect();
  for (const node of nodes.splice(0)) await node.destroy();
});

function clusterDriver(prefix = uniquePrefix('cl')): RedisDriver {
  if (!cluster) throw new Error('cluster not started');
  return new RedisDriver({ client: cluster, prefix, onWarning: () => {} });
}

runDriverConformance(
  {
    name: 'redis cluster',
    create: async () => clusterDriver(),
    sibling: async (driver: Driver) => clusterDriver((driver as RedisDriver).prefix),
  },
  { describe, it },
);

class Tally implements IQueueable {
  static done: string[] = [];
  constructor(readonly label: string) {}
  shouldQueue() {
    return true;
  }
  handle() {
    Tally.done.push(this.label);
  }
}

describe('redis cluster specifics', () => {
  it('keeps each queue on one slot and spreads queues over the nodes', async () => {
    const d = clusterDriver();
    const queues = Array.from({ length: 12 }, (_, i) => `spread-${i}`);
    try {
      const now = Date.now();
      await d.enqueue(
        queues.flatMap((queue) => [
          { id: `${queue}-a`, queue, payload: 'a', availableAt: now, priority: 0 },
          { id: `${queue}-b`, queue, payload: 'b', availableAt: now + 60_000, priority: 2 },
        ]),
      );
      const owners = new Set<string>();
      for (const queue of queues) {
        const tag = `{${d.prefix}:${queue}}`;
        const slots = new Set<number>();
        for (const suffix of [':ready:list', ':delayed', ':j:some-id', ':failed']) {
          slots.add(Number(await cluster!.cluster('KEYSLOT', `${tag}${suffix}`)));
        }
        expect(slots.size).toBe(1);
        owners.add(cluster!.slots[[...slots][0]!]?.[0] ?? '');
      }
      expect(owners.size).toBeGreaterThan(1);
      expect((await d.queues()).filter((q) => q.startsWith('spread-'))).toHaveLength(12);
      const got = await d.reserve(queues, 100, 30);
      expect(got).toHaveLength(12);
      expect(await d.complete(got)).toBe(12);
    } finally {
      await d.close();
    }
  });

  it('a wait on queues of different slots wakes on a push to any of them', async () => {
    const d = clusterDriver();
    try {
      await d.connect();
      const waiting = d.waitForWork(['wake-a', 'wake-b', 'wake-c'], 5);
      await new Promise((r) => setTimeout(r, 100));
      const pushed = Date.now();
      await d.enqueue([{ id: 'w1', queue: 'wake-c', payload: 'x', availableAt: pushed, priority: 0 }]);
      expect(await waiting).toBe(true);
      expect(Date.now() - pushed).toBeLessThan(500);
    } finally {
      await d.close();
    }
  });

  it('a Worker on queues that live on different nodes runs every job once, in strict queue order', async () => {
    const d = clusterDriver();
    const manager = new QueueManager({ connections: { main: d } });
    manager.registry.register('tally', Tally);
    Tally.done = [];
    try {
      for (let i = 0; i < 20; i++) await manager.push(new Tally(`low-${i}`), {}, null, 'low');
      for (let i = 0; i < 20; i++) await manager.push(new Tally(`high-${i}`), {}, null, 'high');
      const worker = new Worker(manager, { queues: ['high', 'low'], concurrency: 1, stopWhenEmpty: true });
      await worker.start();
      await new Promise<void>((resolve) => worker.on('stopped', () => resolve()));
      expect(Tally.done).toEqual([
        ...Array.from({ length: 20 }, (_, i) => `high-${i}`),
        ...Array.from({ length: 20 }, (_, i) => `low-${i}`),
      ]);
      expect(await d.sizes('high')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
      expect(await d.sizes('low')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    } finally {
      await manager.close();
    }
  });
});
