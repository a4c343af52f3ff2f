/**
 * @module test/cli/demo
 * `conveyor demo` end to end in a temp directory: its own SQLite file, every kind of job
 * accounted for, the unknown job among the failures.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planDemo } from '../../src/cli/demo/demo-plan.js';
import type { DemoSummary } from '../../src/cli/demo/run-demo.js';
import { cleanup, cli, json, tempDir } from './cli-helpers.js';

const made: string[] = [];
afterAll(() => cleanup(made));

describe('conveyor demo', () => {
  it('--jobs 200 works every job in .conveyor/demo.db and reports the unknown job among failures', async () => {
    const dir = tempDir(made);
    const result = await cli(['demo', '--jobs', '200'], dir);
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, '.conveyor', 'demo.db'))).toBe(true);
    expect(existsSync(join(dir, '.conveyor', 'queue.db'))).toBe(false);
    const processed = Number(/processed\s+([\d,]+)/.exec(result.stdout)?.[1]?.replace(/,/g, ''));
    expect(processed).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/failed\s+3\s/);
    expect(result.stdout).toMatch(/1\s+UnknownJobError: Job 'ghost-report' is not registered/);
    expect(result.stdout).toMatch(/encrypted ok\s+1\/1/);
  }, 60_000);

  it('--json accounts for every job: retries, failures by reason, delays and the encrypted one', async () => {
    const dir = tempDir(made);
    const plan = planDemo(300);
    const summary = json<DemoSummary>(await cli(['demo', '--jobs', '300', '--json'], dir));
    expect(summary.complete).toBe(true);
    expect(summary.total).toBe(300);
    // Everything succeeds but the doomed jobs and the unknown one.
    expect(summary.processed).toBe(300 - plan.doomed - 1);
    expect(summary.failed.total).toBe(plan.doomed + 1);
    const byReason = Object.fromEntries(summary.failed.reasons.map((r) => [r.reason, r.count]));
    expect(byReason['Error: card declined']).toBeGreaterThan(0);
    expect(Object.keys(byReason).find((r) => r.includes("'ghost-report' is not registered"))).toBeDefined();
    // Each flaky job is released once; each doomed job once before its second, final try.
    expect(summary.retried).toBe(plan.flaky + plan.doomed);
    expect(summary.delayed).toMatchObject({ total: plan.delayed, ran: plan.delayed, early: 0 });
    expect(summary.encrypted).toEqual({ total: 1, ok: 1 });
    expect(summary.jobsPerSecond).toBeGreaterThan(0);
  }, 60_000);
});
