/**
 * @module test/cli/cli-helpers
 * Runs the real CLI (`node --import tsx src/cli/main.ts`, so no stale dist) as a child
 * process in a temp directory, and builds the fixture config its workers load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createManager, loadConfig } from '../../src/config/index.js';
import type { QueueConnection, QueueManager } from '../../src/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** What a finished CLI run left behind. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI with `args` in `cwd`; stdout/stderr are collected on the returned handle. */
export function startCli(args: string[], cwd: string): ChildProcess & { output: Promise<CliResult> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const output = new Promise<CliResult>((done) => {
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { output });
}

/** Runs the CLI to completion. */
export function cli(args: string[], cwd: string): Promise<CliResult> {
  return startCli(args, cwd).output;
}

/** Parses the JSON document a `--json` command printed; fails with the output when it is not JSON. */
export function json<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** A fresh temp directory; `cleanup()` removes every one made. */
export function tempDir(made: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-cli-'));
  made.push(dir);
  return dir;
}

/** Removes the directories `tempDir` made. */
export function cleanup(made: string[]): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Writes `conveyor.config.mjs` into `dir`: connection `main` on `dir/queue.db` (absolute, so
 * the test process can push to the same file), and three jobs that leave traces in `dir`:
 * - `record`: appends its tag to out.txt;
 * - `flag`: throws while fail.flag exists, else appends its tag to out.txt;
 * - `slow`: appends "tag attempt" to started.txt, sleeps (long on attempt 1, short after),
 *   then appends its tag to out.txt; three tries.
 */
export function writeFixtureConfig(dir: string): string {
  const path = join(dir, 'conveyor.config.mjs');
  writeFileSync(
    path,
    `import { appendFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
const here = (name) => new URL(name, import.meta.url);

export class RecordJob {
  constructor(tag) { this.tag = tag; }
  shouldQueue() { return true; }
  handle() { appendFileSync(here('out.txt'), this.tag + '\\n'); }
}

export class FlagJob {
  constructor(tag) { this.tag = tag; }
  shouldQueue() { return true; }
  handle() {
    if (existsSync(here('fail.flag'))) throw new Error('fail.flag is set for ' + this.tag);
    appendFileSync(here('out.txt'), this.tag + '\\n');
  }
}

export class SlowJob {
  constructor(tag, firstMs, laterMs) { this.tag = tag; this.firstMs = firstMs; this.laterMs = laterMs; }
  shouldQueue() { return true; }
  tries() { return 3; }
  async handle(_data, context) {
    appendFileSync(here('started.txt'), this.tag + ' ' + context.attempts + '\\n');
    await sleep(context.attempts === 1 ? this.firstMs : this.laterMs);
    appendFileSync(here('out.txt'), this.tag + '\\n');
  }
}

export default {
  connections: { main: ${JSON.stringify(`sqlite://${join(dir, 'queue.db')}`)} },
  jobs: { record: RecordJob, flag: FlagJob, slow: SlowJob },
  worker: { sleep: 0.1 },
};
`,
  );
  return path;
}

/** Lines of a file in `dir` (none when it does not exist yet). */
export function linesOf(dir: string, name: string): string[] {
  try {
    return readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
  } catch {
    return [];
  }
}

/** Resolves once `predicate` holds; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A manager built from the fixture config in `dir` (the same loader the CLI uses). */
export async function fixtureManager(dir: string): Promise<QueueManager> {
  const { config } = await loadConfig({ cwd: dir });
  return createManager(config);
}

/** Pushes `count` jobs named `name` built with `args(i)`, in one bulk call. */
export async function pushJobs(
  dir: string,
  name: string,
  count: number,
  args: (i: number) => unknown[],
): Promise<void> {
  const manager = await fixtureManager(dir);
  try {
    const jobs = Array.from({ length: count }, (_, i) => manager.registry.make(name, ...args(i)));
    await manager.bulk(jobs, {});
  } finally {
    await manager.close();
  }
}

/** Counts of one queue read in-process (for checks where `size` itself is not under test). */
export async function sizesOf(
  dir: string,
  queue = 'default',
): Promise<{ ready: number; delayed: number; reserved: number; failed: number }> {
  const manager = await fixtureManager(dir);
  try {
    const { driver } = manager.connection() as QueueConnection;
    return { ...(await driver.sizes(queue)), failed: await driver.failed.count(queue) };
  } finally {
    await manager.close();
  }
}
