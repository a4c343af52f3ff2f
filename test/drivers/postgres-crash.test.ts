/**
 * @module test/drivers/postgres-crash
 * A worker process SIGKILLed mid-job on the local PostgreSQL, in a fresh schema: nothing acks or
 * releases its reservation, so the job must come back only when its lease (1 s) ends, run once
 * more in a second worker process, and complete exactly once, with nothing in the failed store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { QueueManager } from '../../src/index.js';
import { CrashJob, type DoneLine } from './fixtures/crash-job.js';

const BASE_URL = process.env.CONVEYOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const WORKER = join(import.meta.dirname, 'fixtures', 'postgres-crash-worker.ts');
const schema = `pgc_${randomBytes(3).toString('hex')}`;
const url = `${BASE_URL}?schema=${schema}&pollInterval=200&poolSize=3`;
const markerDir = mkdtempSync(join(tmpdir(), 'conveyor-postgres-crash-'));
const admin = new pg.Pool({ connectionString: BASE_URL, max: 2 });
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
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
  token: string | null;
  reserved_until: number | null;
}

async function jobRows(): Promise<JobRow[]> {
  const result = await admin.query<{
    id: string;
    attempts: number;
    token: string | null;
    reserved_until: string | null;
  }>(`SELECT id, attempts, token, reserved_until FROM "${schema}".jobs`);
  return result.rows.map((row) => ({
    ...row,
    reserved_until: row.reserved_until === null ? null : Number(row.reserved_until),
  }));
}

async function failedCount(): Promise<number> {
  const result = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".failed`);
  return result.rows[0]?.n ?? -1;
}

describe('postgres: a worker killed mid-job', () => {
  it('the job runs again in another process after its lease ends and completes exactly once', async () => {
    const manager = new QueueManager({ connections: { main: url } });
    try {
      await manager.push(new CrashJob(), {});
    } finally {
      await manager.close();
    }
    const [queued] = await jobRows();
    expect(queued).toMatchObject({ attempts: 0, token: null, reserved_until: null });

    const first = startWorker();
    const started = join(markerDir, 'started');
    await waitFor('the first attempt to start', () => existsSync(started));
    expect(readFileSync(started, 'utf8').split(' ')[0]).toBe(String(first.child.pid));
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Nobody heartbeats it any more: the lease it holds now is the last one it will get.
    const [leased] = await jobRows();
    expect(leased?.attempts).toBe(1);
    expect(leased?.token).not.toBeNull();
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
    // the lease ends on the database clock; this machine's clock is the same one
    expect(done.startedAt).toBeGreaterThanOrEqual(leaseEnd);
    expect(readFileSync(started, 'utf8').split(' ')[0]).toBe(String(first.child.pid));
    expect(await jobRows()).toEqual([]);
    expect(await failedCount()).toBe(0);
  }, 120_000);
});
