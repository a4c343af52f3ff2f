/**
 * @module test/drivers/mysql-crash
 * A worker process SIGKILLed mid-job on MariaDB: nothing acks or releases its reservation, so
 * the job must come back only when the lease (1 s) ends, run once more in a second worker
 * process, and complete exactly once, with nothing in the failed store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { QueueManager } from '../../src/index.js';
import { CrashJob, type DoneLine } from './fixtures/crash-job.js';
import {
  dropMysqlTables,
  endMysqlAdmin,
  MYSQL_TEST_URL,
  mysqlAdmin,
  uniqueMysqlPrefix,
} from './mysql-helpers.js';

const WORKER = join(import.meta.dirname, 'fixtures', 'mysql-crash-worker.ts');
const tablePrefix = uniqueMysqlPrefix();
const url = `${MYSQL_TEST_URL}?tablePrefix=${tablePrefix}&pollInterval=200`;
const markerDir = mkdtempSync(join(tmpdir(), 'conveyor-mysql-crash-'));
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await dropMysqlTables(tablePrefix);
  await endMysqlAdmin();
  rmSync(markerDir, { recursive: true, force: true });
});

function startWorker(): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, url, markerDir], {
    cwd: process.cwd(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited };
}

/** Polls `check` every 50 ms; throws with `what` after `timeoutMs`. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface JobRow {
  id: string;
  attempts: number;
  reserved_until: number | null;
}

async function jobRows(): Promise<JobRow[]> {
  const [rows] = await mysqlAdmin().query(`SELECT id, attempts, reserved_until FROM \`${tablePrefix}jobs\``);
  return (rows as JobRow[]).map((row) => ({
    ...row,
    reserved_until: row.reserved_until === null ? null : Number(row.reserved_until),
  }));
}

async function failedCount(): Promise<number> {
  const [rows] = await mysqlAdmin().query(`SELECT COUNT(*) AS n FROM \`${tablePrefix}failed_jobs\``);
  return Number((rows as Array<{ n: number }>)[0]?.n);
}

describe('mysql: a worker killed mid-job', () => {
  it('the job runs again in another process after its lease ends and completes exactly once', async () => {
    const manager = new QueueManager({ connections: { main: url } });
    try {
      await manager.push(new CrashJob(), {});
    } finally {
      await manager.close();
    }
    const [queued] = await jobRows();
    expect(queued).toMatchObject({ attempts: 0, reserved_until: null });

    const first = startWorker();
    const started = join(markerDir, 'started');
    await waitFor('the first attempt to start', () => existsSync(started));
    expect(readFileSync(started, 'utf8').split(' ')[0]).toBe(String(first.child.pid));
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Nobody heartbeats it any more: the lease it holds now is the last one it will get.
    const [leased] = await jobRows();
    expect(leased?.attempts).toBe(1);
    const leaseEnd = leased?.reserved_until ?? 0;
    expect(leaseEnd).toBeGreaterThan(0);

    const second = startWorker();
    await waitFor('the job to be completed', async () => (await jobRows()).length === 0);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });

    const lines = readFileSync(join(markerDir, 'done'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const done = JSON.parse(lines[0] ?? '') as DoneLine;
    expect(done.pid).toBe(second.child.pid);
    expect(done.attempts).toBe(2);
    expect(done.startedAt).toBeGreaterThanOrEqual(leaseEnd);
    expect(readFileSync(started, 'utf8').split(' ')[0]).toBe(String(first.child.pid));
    expect(await jobRows()).toEqual([]);
    expect(await failedCount()).toBe(0);
  }, 120_000);
});
