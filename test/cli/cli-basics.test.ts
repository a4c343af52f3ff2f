/**
 * @module test/cli/cli-basics
 * The CLI's plumbing through the real executable: help and exit codes, usage errors,
 * `key generate`, `migrate`, `size --json` and the embedded default without a config.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PayloadCodec } from '../../src/core/payload/index.js';
import { cleanup, cli, json, tempDir } from './cli-helpers.js';

const made: string[] = [];
afterAll(() => cleanup(made));

describe('conveyor CLI basics', { timeout: 60_000 }, () => {
  it('--help documents the exit codes and exits 0', async () => {
    const result = await cli(['--help'], tempDir(made));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).toMatch(/2\s+usage error/);
    expect(result.stdout).toMatch(/3\s+nothing to do/);
  });

  it('bin/conveyor.js is an executable node shim over the build output', () => {
    const bin = join(import.meta.dirname, '../../bin/conveyor.js');
    const text = readFileSync(bin, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text).toContain("import '../dist/cli/main.js'");
    expect(statSync(bin).mode & 0o111).toBe(0o111);
  });

  it('loads a TypeScript conveyor.config.ts through tsx', async () => {
    const dir = tempDir(made);
    writeFileSync(
      join(dir, 'conveyor.config.ts'),
      `const queueFile: string = 'sqlite://./typed.db';
export default { default: 'typed', connections: { typed: queueFile } } satisfies Record<string, unknown>;
`,
    );
    const result = await cli(['migrate', '--json'], dir);
    expect(result.code).toBe(0);
    expect(json(result)).toMatchObject({ connection: 'typed', driver: 'sqlite', created: true });
    expect(existsSync(join(dir, 'typed.db'))).toBe(true);
  });

  it('key generate prints a 32-byte base64 key the codec accepts', async () => {
    const dir = tempDir(made);
    const result = await cli(['key', 'generate'], dir);
    expect(result.code).toBe(0);
    const key = result.stdout.trim();
    expect(key).toMatch(/^base64:[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(key.slice(7), 'base64')).toHaveLength(32);
    const codec = new PayloadCodec({ encryption: { key } });
    expect(codec.canEncrypt).toBe(true);
    const again = json<{ key: string }>(await cli(['key', 'generate', '--json'], dir));
    expect(again.key).toMatch(/^base64:/);
    expect(again.key).not.toBe(key);
  });

  it('exits 2 on an unknown option, a bad option value, an unknown command or a missing argument', async () => {
    const dir = tempDir(made);
    const results = await Promise.all([
      cli(['size', '--bogus'], dir),
      cli(['work', '--concurrency', 'zero'], dir),
      cli(['frobnicate'], dir),
      cli(['failed', 'show'], dir),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(results[0]?.stderr).toContain("unknown option '--bogus'");
    expect(results[1]?.stderr).toContain('expected a whole number');
  });

  it('migrate creates the embedded default database without a config, and size --json reads it', async () => {
    const dir = tempDir(made);
    const migrated = await cli(['migrate', '--json'], dir);
    expect(migrated.code).toBe(0);
    const report = json<{ driver: string; created: boolean; path: string }>(migrated);
    expect(report.driver).toBe('sqlite');
    expect(report.created).toBe(true);
    expect(existsSync(join(dir, '.conveyor', 'queue.db'))).toBe(true);
    const again = json<{ created: boolean }>(await cli(['migrate', '--json'], dir));
    expect(again.created).toBe(false);
    const sizes = await cli(['size', '--json', 'default'], dir);
    expect(sizes.code).toBe(0);
    expect(json(sizes)).toEqual({ default: { ready: 0, delayed: 0, reserved: 0, failed: 0 } });
  });

  it('exits 3 for an unknown failed-job id, 2 for a missing --config file or unknown --connection', async () => {
    const dir = tempDir(made);
    const [show, retry, missing, connection] = await Promise.all([
      cli(['failed', 'show', 'no-such-id'], dir),
      cli(['failed', 'retry', 'no-such-id'], dir),
      cli(['--config', 'nope.mjs', 'size'], dir),
      cli(['size', '--connection', 'nope'], dir),
    ]);
    expect(show.code).toBe(3);
    expect(show.stderr).toContain('No failed job with id no-such-id');
    expect(retry.code).toBe(3);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No config file at');
    expect(connection.code).toBe(2);
    expect(connection.stderr).toContain('nope');
  });
});
