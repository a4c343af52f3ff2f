/**
 * @module test/cli/work
 * `conveyor work` as a real process on a config file's jobs: draining, JSON event lines,
 * `--once`, thread isolation, and a graceful SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanup,
  cli,
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

/** A temp dir with the fixture config. */
function fixture(): string {
  const dir = tempDir(made);
  writeFixtureConfig(dir);
  return dir;
}

describe('conveyor work', { timeout: 60_000 }, () => {
  it('--stop-when-empty runs every pushed job once with the classes from conveyor.config.mjs', async () => {
    const dir = fixture();
    await pushJobs(dir, 'record', 5, (i) => [`job-${i}`]);
    const result = await cli(['work', '--stop-when-empty', '--concurrency', '2'], dir);
    expect(result.code).toBe(0);
    expect(linesOf(dir, 'out.txt').sort()).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
    expect(result.stdout.match(/^✓ record \S+ \d/gm)).toHaveLength(5);
    expect(result.stderr).toContain('stopped: 5 processed, 0 failed');
  });

  it('--json prints one JSON line per event, failures with their reason', async () => {
    const dir = fixture();
    await pushJobs(dir, 'record', 2, (i) => [`ok-${i}`]);
    await pushJobs(dir, 'flag', 1, () => ['flagged']);
    writeFileSync(join(dir, 'fail.flag'), '');
    const result = await cli(['work', '--stop-when-empty', '--json'], dir);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; name?: string; error?: { message: string } });
    expect(events[0]?.event).toBe('starting');
    expect(events.at(-1)).toMatchObject({ event: 'stopped', processed: 2, failed: 1 });
    expect(events.filter((e) => e.event === 'processed').map((e) => e.name)).toEqual(['record', 'record']);
    const failed = events.filter((e) => e.event === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error?.message).toBe('fail.flag is set for flagged');
  });

  it('--once runs exactly one job, and exits 3 when no job is ready', async () => {
    const dir = fixture();
    await pushJobs(dir, 'record', 2, (i) => [`once-${i}`]);
    const first = await cli(['work', '--once'], dir);
    expect(first.code).toBe(0);
    expect(linesOf(dir, 'out.txt')).toEqual(['once-0']);
    expect(await sizesOf(dir)).toEqual({ ready: 1, delayed: 0, reserved: 0, failed: 0 });
    await cli(['work', '--once'], dir);
    const empty = await cli(['work', '--once'], dir);
    expect(empty.code).toBe(3);
    expect(linesOf(dir, 'out.txt')).toEqual(['once-0', 'once-1']);
  });

  it('--isolation thread loads the jobs from the config file in worker threads', async () => {
    const dir = fixture();
    await pushJobs(dir, 'record', 3, (i) => [`thread-${i}`]);
    // From sources, job threads import tsx relative to the cwd, so run from the repo with --config.
    const config = join(dir, 'conveyor.config.mjs');
    const args = [
      '--config',
      config,
      'work',
      '--stop-when-empty',
      '--isolation',
      'thread',
      '--concurrency',
      '2',
    ];
    const result = await cli(args, process.cwd());
    expect(result.code).toBe(0);
    expect(linesOf(dir, 'out.txt').sort()).toEqual(['thread-0', 'thread-1', 'thread-2']);
  });

  it('SIGTERM lets the running job finish, then exits 0 with nothing left behind', async () => {
    const dir = fixture();
    await pushJobs(dir, 'slow', 1, () => ['draining', 1500, 10]);
    const worker = startCli(['work'], dir);
    await until(() => linesOf(dir, 'started.txt').length > 0);
    worker.kill('SIGTERM');
    const result = await worker.output;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('SIGTERM: finishing running jobs');
    expect(linesOf(dir, 'out.txt')).toEqual(['draining']);
    expect(linesOf(dir, 'started.txt')).toEqual(['draining 1']);
    expect(result.stdout).toMatch(/^✓ slow \S+ 1\.\d+s$/m);
    expect(await sizesOf(dir)).toEqual({ ready: 0, delayed: 0, reserved: 0, failed: 0 });
  });
});
