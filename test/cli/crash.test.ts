/**
 * @module test/cli/crash
 * Real worker processes on one SQLite file: a worker SIGKILLed mid-job (the job runs again
 * once its lease ends and completes once), two workers draining 10,000 jobs (each exactly
 * once), and a garbage row written straight into the jobs table (failed with its reason,
 * the worker goes on).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanup,
  cli,
  json,
  linesOf,
  pushJobs,
  sizesOf,
  startCli,
  tempDir,
  until,
  writeFixtureConfig,
} from './cli-helpers.js';

const made: string[] = [];
afterAll(() => cleanup(made));

const EMPTY = { ready: 0, delayed: 0, reserved: 0, failed: 0 };

function fixture(): string {
  const dir = tempDir(made);
  writeFixtureConfig(dir);
  return dir;
}

describe('worker processes on SQLite', () => {
  it('a job whose worker was SIGKILLed runs again after its lease ends and completes exactly once', async () => {
    const dir = fixture();
    // Attempt 1 sleeps a minute (it is killed long before), attempt 2 takes 50 ms.
    await pushJobs(dir, 'slow', 1, () => ['crash', 60_000, 50]);
    const doomed = startCli(['work', '--lease', '1'], dir);
    await until(() => linesOf(dir, 'started.txt').length > 0);
    doomed.kill('SIGKILL');
    expect((await doomed.output).signal).toBe('SIGKILL');
    expect(linesOf(dir, 'out.txt')).toEqual([]);
    // Still stored: reserved until the lease ends, counted as ready after.
    const held = await sizesOf(dir);
    expect(held.ready + held.reserved).toBe(1);

    const rescuer = await cli(['work', '--lease', '1', '--max-jobs', '1'], dir);
    expect(rescuer.code).toBe(0);
    expect(linesOf(dir, 'started.txt')).toEqual(['crash 1', 'crash 2']);
    expect(linesOf(dir, 'out.txt')).toEqual(['crash']);
    expect(await sizesOf(dir)).toEqual(EMPTY);
    expect((await cli(['work', '--once'], dir)).code).toBe(3);
    expect(linesOf(dir, 'out.txt')).toEqual(['crash']);
  }, 90_000);

  it('two worker processes on one file drain 10,000 jobs, each exactly once', async () => {
    const dir = fixture();
    const count = 10_000;
    await pushJobs(dir, 'record', count, (i) => [`n-${i}`]);
    const args = ['work', '--stop-when-empty', '--concurrency', '10', '--json'];
    const workers = [startCli(args, dir), startCli(args, dir)];
    const results = await Promise.all(workers.map((worker) => worker.output));
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const stopped = results.map(
      (r) => JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { event: string; processed: number },
    );
    expect(stopped.map((s) => s.event)).toEqual(['stopped', 'stopped']);
    // Both took part, and together they ran every job.
    expect(stopped[0]!.processed).toBeGreaterThan(0);
    expect(stopped[1]!.processed).toBeGreaterThan(0);
    expect(stopped[0]!.processed + stopped[1]!.processed).toBe(count);

    const ran = linesOf(dir, 'out.txt');
    const unique = new Set(ran);
    const duplicates = ran.length - unique.size;
    const missing = Array.from({ length: count }, (_, i) => `n-${i}`).filter((tag) => !unique.has(tag));
    expect(duplicates).toBe(0);
    expect(missing).toEqual([]);
    expect(ran).toHaveLength(count);
    expect(await sizesOf(dir)).toEqual(EMPTY);
  }, 180_000);

  it('a garbage row inserted straight into the jobs table ends in the failed store with the reason', async () => {
    const dir = fixture();
    expect((await cli(['migrate'], dir)).code).toBe(0);
    const db = new Database(join(dir, 'queue.db'));
    try {
      db.prepare(
        'INSERT INTO conveyor_jobs (id, queue, payload, priority, available_at, attempts) VALUES (?, ?, ?, 0, ?, 0)',
      ).run('garbage-1', 'default', '{this is not json', Date.now());
    } finally {
      db.close();
    }
    await pushJobs(dir, 'record', 1, () => ['after-garbage']);

    const result = await cli(['work', '--stop-when-empty'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✗ unknown garbage-1 .*PayloadDecodeError: Cannot decode payload/m);
    expect(linesOf(dir, 'out.txt')).toEqual(['after-garbage']);

    const shown = json<{ error: { name: string; message: string }; payload: string; name: string }>(
      await cli(['failed', 'show', 'garbage-1', '--json'], dir),
    );
    expect(shown.error.name).toBe('PayloadDecodeError');
    expect(shown.error.message).toContain('not valid JSON');
    expect(shown.payload).toBe('{this is not json');
    expect(shown.name).toBe('?');
  }, 60_000);
});
