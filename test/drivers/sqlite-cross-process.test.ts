/**
 * @module test/drivers/sqlite-cross-process
 * Real separate OS processes on one SQLite file: racing migrations, and two reservers
 * sharing 5,000 jobs so that each job is handed out exactly once.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteDriver } from '../../src/drivers/sqlite/index.js';
import { MIGRATIONS } from '../../src/drivers/sqlite/schema.js';
import type { ChildReport } from './sqlite-child-process.js';

const CHILD = join(import.meta.dirname, 'sqlite-child-process.ts');
const dir = mkdtempSync(join(tmpdir(), 'conveyor-sqlite-xp-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Forks the children, waits until all are ready, starts them together, collects their reports. */
async function runChildren(args: string[][]): Promise<ChildReport[]> {
  const children: ChildProcess[] = args.map((a) =>
    fork(CHILD, a, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  const reports = children.map(
    (child) =>
      new Promise<ChildReport>((resolve, reject) => {
        child.on('message', (m: { type: string; message?: string }) => {
          if (m.type === 'done') resolve(m as ChildReport);
          if (m.type === 'error') reject(new Error(`child failed: ${m.message}`));
        });
        child.on('exit', (code) => reject(new Error(`child exited with ${code} before reporting`)));
      }),
  );
  const ready = children.map(
    (child) =>
      new Promise<void>((resolve) =>
        child.on('message', (m: { type: string }) => m.type === 'ready' && resolve()),
      ),
  );
  try {
    await Promise.all(ready);
    for (const child of children) child.send('go');
    return await Promise.all(reports);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

describe('sqlite across processes', () => {
  it('three processes migrating one new file at once apply each migration once', async () => {
    const file = join(dir, 'migrate-race.db');
    await runChildren([0, 1, 2].map(() => ['migrate', file]));
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT version FROM conveyor_migrations ORDER BY version').all() as {
        version: number;
      }[];
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  }, 60_000);

  it('two processes reserving from one file with 5,000 jobs get each job exactly once', async () => {
    const file = join(dir, 'shared.db');
    const driver = createSqliteDriver({ driver: 'sqlite', path: file });
    const now = Date.now();
    const ids = Array.from({ length: 5_000 }, (_, i) => `job-${String(i).padStart(5, '0')}`);
    await driver.enqueue(
      ids.map((id) => ({ id, queue: 'shared', payload: `{"id":"${id}"}`, availableAt: now, priority: 0 })),
    );
    try {
      const [a, b] = await runChildren([
        ['reserve', file, 'shared'],
        ['reserve', file, 'shared'],
      ]);
      if (!a || !b) throw new Error('missing child report');
      const all = [...a.ids, ...b.ids];
      expect(all.length).toBe(5_000);
      expect(new Set(all).size).toBe(5_000);
      expect(new Set(all)).toEqual(new Set(ids));
      expect([...a.attempts, ...b.attempts].every((n) => n === 1)).toBe(true);
      // Both processes really took part.
      expect(a.ids.length).toBeGreaterThan(0);
      expect(b.ids.length).toBeGreaterThan(0);
      expect(await driver.sizes('shared')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    } finally {
      await driver.close();
    }
  }, 60_000);
});
