/**
 * @module bench/lib/side-by-side
 * The measurement loop of a side-by-side benchmark, for contenders that may sit on different
 * servers (each `Target` brings its URL, its fresh-namespace naming and cleanup, and how to read
 * its server's CPU). Per measurement a fresh namespace, dropped after:
 * - bulk enqueue jobs/s: `total` jobs through the library's bulk API, in calls of 1,000;
 * - processing jobs/s: one worker draining them, timed from its start until storage holds none
 *   (every completion acknowledged);
 * - enqueue→start latency p50/p99: an idle worker; 500 jobs pushed one at a time, 5 ms apart,
 *   timed from the push call to the handler's start.
 * Targets take turns (the order flips each round) and each figure is the best of the rounds.
 * Beside the figures, CPU per processed job of this process and of the target's server.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Contender, Session } from './contender.js';
import { type Figure, percentile, seconds, until } from './measure.js';

const CHUNK = 1000;
/** Jobs pushed per latency case (500). */
export const LATENCY_JOBS = 500;
/** Milliseconds between those pushes (5). */
export const LATENCY_GAP_MS = 5;

/** One contender on one server. */
export interface Target {
  contender: Contender;
  /** Its connection URL, handed to `contender.open`. */
  url: string;
  /** The server, for the CPU lines (e.g. `MariaDB`). */
  server: string;
  /** CPU seconds the server has used so far (0 when it cannot be read). */
  serverCpuSeconds(): number;
  /** A fresh namespace for one measurement: a schema name, or a table prefix. */
  fresh(): string;
  /** Drops the namespace a measurement used. */
  drop(namespace: string): Promise<void>;
}

/** CPU per processed job of one throughput case, in µs. */
export interface CpuPerJob {
  library: string;
  setting: string;
  client: number;
  server: number;
}

/** What `sideBySide` measures. */
export interface SideBySideOptions {
  /** Jobs per throughput case. */
  total: number;
  /** Worker concurrencies, one setting each. */
  concurrencies: number[];
  /** Rounds; each figure is the best of them. */
  rounds: number;
}

/** Measures every target at every concurrency; returns the best figures and the CPU rows. */
export async function sideBySide(
  targets: Target[],
  options: SideBySideOptions,
): Promise<{ figures: Figure[]; cpu: CpuPerJob[] }> {
  const figures: Figure[] = [];
  const cpu: CpuPerJob[] = [];
  const record = (figure: Figure): void => {
    const existing = figures.find(
      (f) => f.library === figure.library && f.setting === figure.setting && f.metric === figure.metric,
    );
    if (existing === undefined) figures.push(figure);
    else if (figure.unit === 'ms' ? figure.value < existing.value : figure.value > existing.value)
      existing.value = figure.value;
  };
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const concurrency of options.concurrencies) {
      for (const target of order)
        await attempt(target, 'throughput', concurrency, () =>
          throughput(target, concurrency, options.total, record, cpu),
        );
      for (const target of order)
        await attempt(target, 'latency', concurrency, () => latency(target, concurrency, record));
    }
  }
  return { figures, cpu };
}

/** One line per setting: each target's median client / server CPU per job over the rounds. */
export function printCpu(cpu: CpuPerJob[], targets: Target[], concurrencies: number[]): void {
  console.log('\nCPU per processed job, µs (median over rounds): client process / database server');
  for (const concurrency of concurrencies) {
    const setting = `c=${concurrency}`;
    const cells = targets.map(({ contender, server }) => {
      const rows = cpu.filter((c) => c.library === contender.name && c.setting === setting);
      const median = (values: number[]) => percentile(values, 50);
      return `${contender.name} ${median(rows.map((r) => r.client)).toFixed(1)} / ${median(rows.map((r) => r.server)).toFixed(1)} (${server})`;
    });
    console.log(`${setting}: ${cells.join('   ')}`);
  }
}

/** Runs one measurement; a failure is reported and leaves its cells empty, the run goes on. */
async function attempt(target: Target, what: string, concurrency: number, measure: () => Promise<void>) {
  try {
    await measure();
  } catch (error) {
    console.error(`${target.contender.name} c=${concurrency}: ${what} failed, no figure this round:`, error);
  }
}

async function withNamespace(target: Target, work: (namespace: string) => Promise<void>): Promise<void> {
  const namespace = target.fresh();
  try {
    await work(namespace);
  } finally {
    await target.drop(namespace);
  }
}

async function throughput(
  target: Target,
  concurrency: number,
  total: number,
  record: (figure: Figure) => void,
  cpu: CpuPerJob[],
): Promise<void> {
  const { contender: lib } = target;
  await withNamespace(target, async (namespace) => {
    const session = await lib.open(target.url, namespace);
    try {
      const enqueue = await seconds(() => session.bulkEnqueue(total, CHUNK));
      let started = 0;
      const serverBefore = target.serverCpuSeconds();
      const clientBefore = process.cpuUsage();
      const work = await seconds(async () => {
        await session.startWorker(concurrency, () => {
          started++;
        });
        await until(() => started >= total, 600_000, 5);
        await until(async () => (await session.remaining()) === 0, 120_000, 10);
      });
      const client = process.cpuUsage(clientBefore);
      const server = target.serverCpuSeconds() - serverBefore;
      const setting = `c=${concurrency}`;
      record({ library: lib.name, setting, metric: 'bulk enqueue', value: total / enqueue, unit: 'jobs/s' });
      record({ library: lib.name, setting, metric: 'processing', value: total / work, unit: 'jobs/s' });
      const perJob = { client: (client.user + client.system) / total, server: (server * 1e6) / total };
      cpu.push({ library: lib.name, setting, ...perJob });
      console.error(
        `${lib.name} ${setting}: enqueue ${Math.round(total / enqueue)}/s, processing ${Math.round(total / work)}/s` +
          ` (CPU per job: client ${perJob.client.toFixed(1)} µs, ${target.server} ${perJob.server.toFixed(1)} µs)`,
      );
    } finally {
      await close(session);
    }
  });
}

async function latency(target: Target, concurrency: number, record: (figure: Figure) => void): Promise<void> {
  const { contender: lib } = target;
  await withNamespace(target, async (namespace) => {
    const session = await lib.open(target.url, namespace);
    const waits: number[] = [];
    try {
      await session.startWorker(concurrency, (data) => {
        if (data.sentAt !== undefined) waits.push(performance.now() - data.sentAt);
      });
      // let the worker settle into its idle wait first
      await sleep(1000);
      const begin = performance.now();
      for (let i = 0; i < LATENCY_JOBS; i++) {
        await session.push({ sentAt: performance.now() });
        await sleep(Math.max(0, begin + (i + 1) * LATENCY_GAP_MS - performance.now()));
      }
      await until(() => waits.length >= LATENCY_JOBS, 60_000, 5);
    } finally {
      await close(session);
    }
    const setting = `c=${concurrency}`;
    const p50 = percentile(waits, 50);
    const p99 = percentile(waits, 99);
    record({ library: lib.name, setting, metric: 'enqueue→start p50', value: p50, unit: 'ms' });
    record({ library: lib.name, setting, metric: 'enqueue→start p99', value: p99, unit: 'ms' });
    console.error(`${lib.name} ${setting}: latency p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
  });
}

/** Closes a session; a failure to close is reported, not thrown over the measurement's own outcome. */
async function close(session: Session): Promise<void> {
  await session.close().catch((error: unknown) => console.error('closing a session failed:', error));
}
