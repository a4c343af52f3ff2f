/**
 * @module test/drivers/sqlite
 * The shared conformance suite against SQLite: each test gets a fresh file in the OS temp
 * directory; the sibling is a second driver (its own connection) on the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import type { Driver } from '../../src/drivers/driver.js';
import { createSqliteDriver, type SqliteDriver } from '../../src/drivers/sqlite/index.js';
import { runDriverConformance } from '../../src/testing/conformance/index.js';

const dir = mkdtempSync(join(tmpdir(), 'conveyor-sqlite-cf-'));
let counter = 0;

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

runDriverConformance(
  {
    name: 'sqlite',
    create: async () => createSqliteDriver(`sqlite://${join(dir, `cf-${++counter}.db`)}`),
    sibling: async (driver: Driver) =>
      createSqliteDriver({ driver: 'sqlite', path: (driver as SqliteDriver).filename }),
    cleanup: async (driver: Driver) => {
      const file = (driver as SqliteDriver).filename;
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  },
  { describe, it },
);
