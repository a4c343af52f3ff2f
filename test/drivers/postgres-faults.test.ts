/**
 * @module test/drivers/postgres-faults
 * The driver against a throwaway cluster this file creates (initdb + pg_ctl on a spare port):
 * a server restart and killed backends mid-run lose no job and complete none twice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnqueueRecord, Reservation } from '../../src/drivers/driver.js';
import { createPostgresDriver, type PostgresDriver } from '../../src/drivers/postgres/index.js';

const JOBS = 1500;
const LOOPS = 4;
const BATCH = 20;
const LEASE_SECONDS = 1;

let dir = '';
let port = 0;
let url = '';

function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/** initdb and the server refuse to run as root: run them as the postgres user when we are root. */
function asPostgres(binary: string, args: string[]): void {
  const command = join(binDir(), binary);
  if (process.getuid?.() === 0) {
    execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  } else {
    execFileSync(command, args, { stdio: 'pipe' });
  }
}

function pgCtl(action: 'start' | 'stop'): void {
  const data = join(dir, 'data');
  if (action === 'start') {
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`,
      'start',
    ]);
  } else {
    asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'conveyor-pg-faults-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  port = await freePort();
  asPostgres('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  pgCtl('start');
  url = `postgres://postgres@127.0.0.1:${port}/postgres`;
}, 60_000);

afterAll(() => {
  try {
    pgCtl('stop');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

interface RunStats {
  processed: Map<string, number>;
  completedOk: Map<string, number>;
  ambiguous: Set<string>;
  errors: number;
}

/** Worker loops that keep going through errors until the queue is empty (or a deadline). */
async function runLoops(
  driver: PostgresDriver,
  queue: string,
  stats: RunStats,
  deadline: number,
): Promise<void> {
  const loop = async () => {
    while (Date.now() < deadline) {
      let batch: Reservation[];
      try {
        batch = await driver.reserve([queue], BATCH, LEASE_SECONDS);
        if (batch.length === 0) {
          const sizes = await driver.sizes(queue);
          if (sizes.ready + sizes.delayed + sizes.reserved === 0) return;
          await driver.waitForWork([queue], 0.2);
          continue;
        }
      } catch {
        stats.errors++;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      for (const r of batch) stats.processed.set(r.id, (stats.processed.get(r.id) ?? 0) + 1);
      // one complete per job, so each job's outcome is known exactly
      await Promise.all(
        batch.map(async (r) => {
          try {
            if ((await driver.complete([r])) === 1)
              stats.completedOk.set(r.id, (stats.completedOk.get(r.id) ?? 0) + 1);
          } catch {
            stats.errors++;
            stats.ambiguous.add(r.id);
          }
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: LOOPS }, loop));
}

async function scenario(name: string, fault: (driver: PostgresDriver) => Promise<void>): Promise<RunStats> {
  const driver = createPostgresDriver(`${url}?schema=${name}&poolSize=6&pollInterval=100`);
  const queue = 'faulty';
  const now = Date.now();
  const records: EnqueueRecord[] = Array.from({ length: JOBS }, (_, i) => ({
    id: `job-${String(i).padStart(5, '0')}`,
    queue,
    payload: `{"n":${i}}`,
    availableAt: now,
    priority: 0,
  }));
  await driver.enqueue(records);
  const stats: RunStats = { processed: new Map(), completedOk: new Map(), ambiguous: new Set(), errors: 0 };
  const running = runLoops(driver, queue, stats, Date.now() + 40_000);
  await expect.poll(() => stats.completedOk.size, { timeout: 10_000, interval: 5 }).toBeGreaterThan(JOBS / 5);
  const doneBeforeFault = stats.completedOk.size;
  await fault(driver);
  await running;

  expect(doneBeforeFault).toBeLessThan(JOBS);
  expect(await driver.sizes(queue)).toEqual({ ready: 0, delayed: 0, reserved: 0 });
  expect(await driver.failed.count()).toBe(0);
  for (const record of records) {
    expect(stats.processed.has(record.id), `${record.id} was never reserved`).toBe(true);
    const ok = stats.completedOk.get(record.id) ?? 0;
    expect(ok, `${record.id} completed ${ok} times`).toBeLessThanOrEqual(1);
    // a job whose only completes failed in flight may have been deleted by one of them
    if (ok === 0) expect(stats.ambiguous.has(record.id), `${record.id} lost`).toBe(true);
  }
  await driver.close();
  return stats;
}

describe('postgres driver: faults', () => {
  it('a server restart mid-run: the driver reconnects, no job lost, none completed twice', async () => {
    const stats = await scenario('restart', async () => {
      pgCtl('stop');
      await new Promise((r) => setTimeout(r, 300));
      pgCtl('start');
    });
    expect(stats.processed.size).toBe(JOBS);
  }, 60_000);

  it('backends killed with pg_terminate_backend mid-run: the same', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await scenario('terminate', async () => {
        for (let round = 0; round < 10; round++) {
          await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = $1',
            ['client backend'],
          );
          await new Promise((r) => setTimeout(r, 30));
        }
      });
    } finally {
      await admin.end();
    }
  }, 60_000);

  it('the listener comes back after a restart: a waiter is woken by a push again', async () => {
    const listening = createPostgresDriver(`${url}?schema=wake&pollInterval=60000`);
    const pusher = createPostgresDriver(`${url}?schema=wake`);
    await Promise.all([listening.connect(), pusher.connect()]);
    const during = listening.waitForWork(['w'], 20);
    pgCtl('stop');
    pgCtl('start');
    expect(await during).toBe(true); // woken by the reconnect: notifications may have been missed
    await expect
      .poll(
        async () => {
          const waiting = listening.waitForWork(['w'], 0.5);
          await new Promise((r) => setTimeout(r, 20));
          await pusher.enqueue([
            { id: `w-${Date.now()}`, queue: 'w', payload: '{}', availableAt: Date.now(), priority: 0 },
          ]);
          return waiting;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await Promise.all([listening.close(), pusher.close()]);
  }, 30_000);
});
