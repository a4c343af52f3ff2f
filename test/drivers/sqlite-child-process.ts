/**
 * @module test/drivers/sqlite-child-process
 * A separate OS process for the cross-process SQLite tests (run with `node --import tsx`).
 * Argv: `<mode> <file> [queue]`. It says `ready` over IPC, waits for `go`, then:
 * - `migrate`: connects (which migrates) and reports;
 * - `reserve`: reserves and completes in small batches until the queue has nothing left to
 *   claim, and reports every id it got with its attempts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteDriver } from '../../src/drivers/sqlite/index.js';

/** What the child reports when it is done. */
export interface ChildReport {
  type: 'done';
  ids: string[];
  attempts: number[];
}

const [mode, file, queue = 'default'] = process.argv.slice(2);
/** Sends over IPC, then lets the process exit once the message is out. */
const send = (message: unknown, last = false) =>
  process.send?.(message, undefined, {}, () => {
    if (last) process.disconnect?.();
  });

async function reserveAll(): Promise<ChildReport> {
  const driver = createSqliteDriver({ driver: 'sqlite', path: file, pollInterval: 20 });
  const report: ChildReport = { type: 'done', ids: [], attempts: [] };
  for (;;) {
    const batch = await driver.reserve([queue], 10, 30);
    if (batch.length === 0) {
      const sizes = await driver.sizes(queue);
      if (sizes.ready === 0 && sizes.delayed === 0) break;
      await driver.waitForWork([queue], 0.05);
      continue;
    }
    for (const r of batch) {
      report.ids.push(r.id);
      report.attempts.push(r.attempts);
    }
    await driver.complete(batch);
    // Yield the write lock between batches so both processes really interleave.
    await sleep(1);
  }
  await driver.close();
  return report;
}

async function migrateOnly(): Promise<ChildReport> {
  const driver = createSqliteDriver({ driver: 'sqlite', path: file });
  await driver.connect();
  await driver.close();
  return { type: 'done', ids: [], attempts: [] };
}

process.once('message', (message) => {
  if (message !== 'go') return;
  (mode === 'migrate' ? migrateOnly() : reserveAll()).then(
    (report) => send(report, true),
    (error: unknown) => {
      process.exitCode = 1;
      send({ type: 'error', message: String((error as Error)?.stack ?? error) }, true);
    },
  );
});
send({ type: 'ready' });
