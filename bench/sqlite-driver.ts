/**
 * @module bench/sqlite-driver
 * Driver-level throughput of the SQLite driver, NORMAL and FULL (a script, not a test):
 *   node --import tsx bench/sqlite-driver.ts [--jobs 50000] [--batch 50] [--concurrency 50] [--rounds 3]
 *
 * Measures, per synchronous level, on a fresh temp file each time:
 * - enqueue of `jobs` records in batches of 1,000;
 * - reserve(batch) + complete(batch) cycles until the queue is empty, awaited one by one;
 * - the same with complete(previous) and reserve(next) issued in the same turn, so the
 *   group commit folds them into one transaction;
 * - a worker-shaped loop at `concurrency`: reserve as many as there are free slots, "run"
 *   each job (one microtask), complete finished ones in one call per event-loop turn;
 * - raw better-sqlite3 on the same schema: claim+delete in ONE transaction per batch (the
 *   issue's reference figure), and the two complete strategies (loop vs json_each).
 * Each figure is the best of `rounds` runs, as rows per wall-clock second and, because the
 * machine may be shared, rows per CPU second of this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Driver, EnqueueRecord, Reservation } from '../src/drivers/driver.js';
import { createSqliteDriver } from '../src/drivers/sqlite/index.js';
import { migrate } from '../src/drivers/sqlite/schema.js';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
});
const JOBS = Number(values.jobs);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const ENQUEUE_BATCH = 1_000;
const QUEUE = 'bench';
const dir = mkdtempSync(join(tmpdir(), 'conveyor-sqlite-bench-'));
let fileCounter = 0;

const payloadFor = (id: string) =>
  JSON.stringify({
    v: 1,
    id,
    name: 'send-email',
    queue: QUEUE,
    connection: 'default',
    createdAt: Date.now(),
    maxTries: 3,
    backoff: [1, 5, 10],
    timeout: 60,
    props: { json: { to: 'someone@example.com', subject: 'Hello there' } },
    data: { json: { userId: 'u-123456', template: 'welcome', locale: 'en' } },
  });

function makeRecords(): EnqueueRecord[] {
  const now = Date.now();
  return Array.from({ length: JOBS }, (_, i) => {
    const id = `job-${String(i).padStart(8, '0')}`;
    return { id, queue: QUEUE, payload: payloadFor(id), availableAt: now, priority: 0 };
  });
}

const newFile = () => join(dir, `bench-${++fileCounter}.db`);

/** Rows per wall-clock second and per CPU second of this process. */
interface Rate {
  wall: number;
  cpu: number;
}

async function timed(fn: () => Promise<number> | number): Promise<Rate> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const rows = await fn();
  const used = process.cpuUsage(cpu);
  return {
    wall: Math.round(rows / ((performance.now() - started) / 1000)),
    cpu: Math.round(rows / ((used.user + used.system) / 1e6)),
  };
}

/** The best (by wall clock) of `ROUNDS` runs. */
async function best(run: () => Promise<Rate>): Promise<Rate> {
  let top: Rate = { wall: 0, cpu: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    const r = await run();
    if (r.wall > top.wall) top = r;
  }
  return top;
}

async function fillDriver(driver: Driver, records: EnqueueRecord[]): Promise<Rate> {
  return timed(async () => {
    for (let i = 0; i < records.length; i += ENQUEUE_BATCH)
      await driver.enqueue(records.slice(i, i + ENQUEUE_BATCH));
    return records.length;
  });
}

async function drainCycles(driver: Driver): Promise<Rate> {
  return timed(async () => {
    let done = 0;
    for (;;) {
      const batch = await driver.reserve([QUEUE], BATCH, 30);
      if (batch.length === 0) return done;
      done += await driver.complete(batch);
    }
  });
}

/** Completes the previous batch and reserves the next in the same turn (they share a commit). */
async function pipelinedCycles(driver: Driver): Promise<Rate> {
  return timed(async () => {
    let done = 0;
    let batch = await driver.reserve([QUEUE], BATCH, 30);
    while (batch.length > 0) {
      const [completed, next] = await Promise.all([
        driver.complete(batch),
        driver.reserve([QUEUE], BATCH, 30),
      ]);
      done += completed;
      batch = next;
    }
    return done;
  });
}

/**
 * Shaped like the Worker: reserve as many as there are free slots, run each job (a
 * microtask), complete finished jobs in one call per turn (at once when `CONCURRENCY` are
 * waiting), and reserve again as soon as a slot frees.
 */
async function workerShaped(driver: Driver): Promise<Rate> {
  return timed(async () => {
    let running = 0;
    let done = 0;
    let finished: Reservation[] = [];
    let scheduled = false;
    let slotFreed: (() => void) | undefined;
    let inFlight = Promise.resolve();
    const flush = () => {
      scheduled = false;
      const batch = finished;
      finished = [];
      if (batch.length > 0) {
        inFlight = driver.complete(batch).then((n) => {
          done += n;
        });
      }
    };
    const finish = (job: Reservation) => {
      running--;
      finished.push(job);
      if (finished.length >= CONCURRENCY) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      slotFreed?.();
    };
    for (;;) {
      const free = CONCURRENCY - running;
      if (free <= 0) {
        await new Promise<void>((resolve) => {
          slotFreed = resolve;
        });
        slotFreed = undefined;
        continue;
      }
      const got = await driver.reserve([QUEUE], free, 30);
      if (got.length === 0) {
        if (running === 0 && finished.length === 0) break;
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      running += got.length;
      for (const r of got) void Promise.resolve(r).then(finish);
    }
    await inFlight;
    return done;
  });
}

/** The raw figure: claim and delete a batch in one transaction, straight on better-sqlite3. */
function rawBaseline(
  synchronous: string,
  records: EnqueueRecord[],
  strategy: 'one-tx' | 'loop' | 'json',
): Promise<Rate> {
  const file = newFile();
  const db = new Database(file);
  db.pragma('page_size = 8192');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  migrate(db);
  const insert = db.prepare(
    'INSERT INTO conveyor_jobs (id, queue, payload, priority, available_at, attempts) VALUES (?, ?, ?, ?, ?, 0)',
  );
  db.transaction(() => {
    for (const r of records) insert.run(r.id, r.queue, r.payload, r.priority, r.availableAt);
  })();
  const claim = db.prepare(`
    UPDATE conveyor_jobs SET wake_at = ?, token = ? || seq, attempts = attempts + 1
    WHERE seq IN (SELECT seq FROM conveyor_jobs WHERE queue = ? AND wake_at IS NULL
                  ORDER BY priority DESC, available_at, seq LIMIT ?)
    RETURNING seq, id, payload, attempts`);
  const deleteOne = db.prepare('DELETE FROM conveyor_jobs WHERE seq = ? AND token = ?');
  const deleteJson = db.prepare(`
    DELETE FROM conveyor_jobs WHERE seq IN (
      SELECT j.seq FROM json_each(?) e JOIN conveyor_jobs j ON j.seq = e.value ->> 0 AND j.token = e.value ->> 1)`);
  type Row = { seq: number; id: string };
  const claimTx = db.transaction((): Row[] => claim.all(Date.now() + 30_000, 'tok', QUEUE, BATCH) as Row[]);
  const loopTx = db.transaction((rows: Row[]) => {
    let n = 0;
    for (const row of rows) n += deleteOne.run(row.seq, `tok${row.seq}`).changes;
    return n;
  });
  const jsonDelete = (rows: Row[]) =>
    deleteJson.run(JSON.stringify(rows.map((r) => [r.seq, `tok${r.seq}`]))).changes;
  const oneTx = db.transaction(() => loopTx(claimTx()));
  const jsonTx = db.transaction(jsonDelete);
  return timed(() => {
    let done = 0;
    for (;;) {
      let n: number;
      if (strategy === 'one-tx') {
        n = oneTx.immediate();
      } else {
        const rows = claimTx.immediate();
        n = rows.length === 0 ? 0 : strategy === 'loop' ? loopTx.immediate(rows) : jsonTx.immediate(rows);
      }
      if (n === 0) break;
      done += n;
    }
    return done;
  }).finally(() => db.close());
}

async function main(): Promise<void> {
  const records = makeRecords();
  console.log(`load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} CPUs`);
  console.log(
    `SQLite driver bench: ${JOBS} jobs, reserve batch ${BATCH}, concurrency ${CONCURRENCY}, best of ${ROUNDS}`,
  );
  const show = (label: string, r: Rate) =>
    console.log(
      `  ${label.padEnd(52)} ${r.wall.toLocaleString('en').padStart(9)} rows/s   (${r.cpu.toLocaleString('en')} per CPU s)`,
    );
  for (const synchronous of ['NORMAL', 'FULL'] as const) {
    const fresh = async () => {
      const driver = createSqliteDriver({ driver: 'sqlite', path: newFile(), synchronous });
      await driver.connect();
      return driver;
    };
    const enqueue = await best(async () => {
      const driver = await fresh();
      const r = await fillDriver(driver, records);
      await driver.close();
      return r;
    });
    const cycles = await best(async () => {
      const driver = await fresh();
      await fillDriver(driver, records);
      const r = await drainCycles(driver);
      await driver.close();
      return r;
    });
    const pipelined = await best(async () => {
      const driver = await fresh();
      await fillDriver(driver, records);
      const r = await pipelinedCycles(driver);
      await driver.close();
      return r;
    });
    const shaped = await best(async () => {
      const driver = await fresh();
      await fillDriver(driver, records);
      const r = await workerShaped(driver);
      await driver.close();
      return r;
    });
    const raw = await best(() => rawBaseline(synchronous, records, 'one-tx'));
    const rawLoop = await best(() => rawBaseline(synchronous, records, 'loop'));
    const rawJson = await best(() => rawBaseline(synchronous, records, 'json'));
    console.log(`\n${synchronous}`);
    show(`driver enqueue (batches of ${ENQUEUE_BATCH})`, enqueue);
    show(`driver reserve(${BATCH}) + complete(${BATCH})`, cycles);
    show(`driver complete(${BATCH}) + next reserve(${BATCH}), same turn`, pipelined);
    show(`driver worker-shaped, concurrency ${CONCURRENCY}`, shaped);
    show('raw claim+delete, one transaction', raw);
    show('raw claim, then delete loop (2 tx)', rawLoop);
    show('raw claim, then delete json_each (2 tx)', rawJson);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
