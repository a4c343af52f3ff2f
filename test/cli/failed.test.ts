/**
 * @module test/cli/failed
 * The failed store through the real CLI: list, show, retry all (in the order jobs first
 * failed), forget, flush, prune, with `size --json` watching the counts.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, json, linesOf, pushJobs, tempDir, writeFixtureConfig } from './cli-helpers.js';

const made: string[] = [];
afterAll(() => cleanup(made));

interface FailedEntry {
  id: string;
  name: string;
  queue: string;
  attempts: number;
  error: { name: string; message: string };
  payload?: string;
}

describe('conveyor clear', () => {
  it('refuses without --force when stdin is not a terminal, and clears with it', async () => {
    const dir = tempDir(made);
    writeFixtureConfig(dir);
    await pushJobs(dir, 'record', 3, (i) => [`c-${i}`]);
    const refused = await cli(['clear'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --force');
    expect(json(await cli(['clear', '--force', '--json'], dir))).toEqual({
      connection: 'main',
      queues: ['default'],
      removed: 3,
    });
    expect(json(await cli(['size', 'default', '--json'], dir))).toEqual({
      default: { ready: 0, delayed: 0, reserved: 0, failed: 0 },
    });
  }, 60_000);
});

describe('conveyor failed', () => {
  it('list --json, retry all, forget and flush round-trip the failed store', async () => {
    const dir = tempDir(made);
    writeFixtureConfig(dir);
    const flag = join(dir, 'fail.flag');
    writeFileSync(flag, '');
    await pushJobs(dir, 'flag', 3, (i) => [`f-${i}`]);
    expect((await cli(['work', '--stop-when-empty'], dir)).code).toBe(0);

    const listed = json<FailedEntry[]>(await cli(['failed', 'list', '--json'], dir));
    expect(listed).toHaveLength(3);
    expect(listed.map((e) => e.error.message).sort()).toEqual([
      'fail.flag is set for f-0',
      'fail.flag is set for f-1',
      'fail.flag is set for f-2',
    ]);
    expect(listed.every((e) => e.name === 'flag' && e.queue === 'default' && e.attempts === 1)).toBe(true);
    expect(listed[0]?.payload).toBeUndefined();

    const [sizes, shown, human] = await Promise.all([
      cli(['size', '--json'], dir),
      cli(['failed', 'show', listed[0]!.id, '--json'], dir),
      cli(['failed', 'list'], dir),
    ]);
    expect(json(sizes)).toEqual({ default: { ready: 0, delayed: 0, reserved: 0, failed: 3 } });
    expect(json<FailedEntry>(shown).payload).toContain('"name":"flag"');
    expect(human.stdout).toMatch(/^id\s+queue\s+job\s+attempts\s+failed\s+error$/m);
    expect(human.stdout).toContain('Error: fail.flag is set for f-2');

    rmSync(flag);
    const retried = await cli(['failed', 'retry', 'all'], dir);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('retried 3 failed jobs');
    expect(json(await cli(['size', 'default', '--json'], dir))).toEqual({
      default: { ready: 3, delayed: 0, reserved: 0, failed: 0 },
    });
    expect((await cli(['work', '--stop-when-empty'], dir)).code).toBe(0);
    // Retried oldest first, so they run in the order they were first pushed.
    expect(linesOf(dir, 'out.txt')).toEqual(['f-0', 'f-1', 'f-2']);

    writeFileSync(flag, '');
    await pushJobs(dir, 'flag', 2, (i) => [`g-${i}`]);
    await cli(['work', '--stop-when-empty'], dir);
    const again = json<FailedEntry[]>(await cli(['failed', 'list', '--json'], dir));
    expect(again).toHaveLength(2);
    const forgotten = await cli(['failed', 'forget', again[0]!.id], dir);
    expect(forgotten.code).toBe(0);
    const [flushed, pruned] = await Promise.all([
      cli(['failed', 'flush', '--json'], dir),
      cli(['failed', 'prune', '--hours', '1', '--json'], dir),
    ]);
    expect(json(pruned)).toEqual({ pruned: 0 });
    expect(json(flushed)).toEqual({ flushed: 1 });
    expect(json(await cli(['failed', 'list', '--json'], dir))).toEqual([]);
    expect((await cli(['failed', 'forget', again[0]!.id], dir)).code).toBe(3);
  }, 90_000);
});
