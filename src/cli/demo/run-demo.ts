/**
 * @module cli/demo/run-demo
 * The demo end to end: fresh queue, push the plan, work it with one worker and a live
 * progress bar until every job has finished (delayed and retried ones included), summarize.
 */
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import type { ConnectionConfig } from '../../core/create-connection.js';
import { JobRegistry } from '../../core/job-registry.js';
import { generateKey } from '../../core/payload/generate-key.js';
import type { QueueConnection } from '../../core/queue-connection.js';
import { QueueManager } from '../../core/queue-manager.js';
import { Worker } from '../../core/worker.js';
import { colors } from '../output.js';
import {
  ChargeCardJob,
  demoStats,
  GhostReportJob,
  resetDemoStats,
  SendEmailJob,
  SendReminderJob,
  StoreSecretJob,
  SyncInventoryJob,
} from './demo-jobs.js';
import type { DemoPlan } from './demo-plan.js';
import { DEMO_QUEUE, pushDemoJobs } from './push-demo-jobs.js';

/** How the demo runs. */
export interface DemoOptions {
  plan: DemoPlan;
  /** Where the jobs go (default in the command: `sqlite://./.conveyor/demo.db`). */
  connection: ConnectionConfig;
  /** Shown in the summary. */
  label: string;
  concurrency: number;
  /** Show the live progress bar (on stderr, terminals only). */
  progress: boolean;
  /** Give up after this many seconds (default 60). */
  limitSeconds?: number;
}

/** What the demo saw. */
export interface DemoSummary {
  connection: string;
  total: number;
  concurrency: number;
  pushMs: number;
  seconds: number;
  complete: boolean;
  processed: number;
  retried: number;
  failed: { total: number; reasons: Array<{ reason: string; count: number }> };
  delayed: { total: number; ran: number; early: number; maxLateMs: number };
  encrypted: { total: number; ok: number };
  /** Finished jobs per second over the whole run (delays included). */
  jobsPerSecond: number;
  /** Finished jobs per second over the busiest 250 ms (the pace while work was ready). */
  peakJobsPerSecond: number;
}

/** Runs the demo; resolves with its summary (`complete: false` if it hit the time limit). */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const { plan } = options;
  const secret = `demo-secret-${generateKey().slice(7, 19)}`;
  resetDemoStats(secret);
  const registry = new JobRegistry();
  for (const job of [SendEmailJob, SyncInventoryJob, ChargeCardJob, SendReminderJob, StoreSecretJob]) {
    registry.registerClass(job);
  }
  // The worker's manager holds a key made for this run only; nothing else can read the secret.
  const manager = new QueueManager({
    connections: { demo: options.connection },
    registry,
    encryption: { key: generateKey() },
  });
  const strangerRegistry = new JobRegistry();
  strangerRegistry.registerClass(GhostReportJob);
  const stranger = new QueueManager({
    connections: { demo: options.connection },
    registry: strangerRegistry,
  });
  const connection = manager.connection('demo') as QueueConnection;
  try {
    await connection.clear(DEMO_QUEUE);
    await connection.driver.failed.flush(DEMO_QUEUE);
    const pushStart = performance.now();
    await pushDemoJobs(plan, manager, stranger, secret);
    const pushMs = performance.now() - pushStart;
    return await work(options, manager, pushMs);
  } finally {
    await stranger.close();
    await manager.close();
  }
}

async function work(options: DemoOptions, manager: QueueManager, pushMs: number): Promise<DemoSummary> {
  const { plan } = options;
  const worker = new Worker(manager, {
    connection: 'demo',
    queues: [DEMO_QUEUE],
    concurrency: options.concurrency,
    sleep: 0.1,
  });
  let processed = 0;
  let retried = 0;
  const reasons = new Map<string, number>();
  let failed = 0;
  const done = () => processed + failed;
  const finishedAt: number[] = [];
  const stopWhenDone = () => {
    if (done() >= plan.total) void worker.stop();
  };
  worker.on('processed', () => {
    processed++;
    finishedAt.push(performance.now());
    stopWhenDone();
  });
  worker.on('released', () => {
    retried++;
  });
  worker.on('failed', (_job, error) => {
    failed++;
    finishedAt.push(performance.now());
    const reason = `${error.name}: ${error.message}`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    stopWhenDone();
  });
  const stopped = new Promise<void>((resolve) => worker.on('stopped', resolve));
  const bar = options.progress ? progressBar() : undefined;
  const started = performance.now();
  const speed = () => Math.round(done() / Math.max((performance.now() - started) / 1000, 0.001));
  bar?.start(plan.total, 0, { speed: 0, retried: 0, failed: 0 });
  const ticker = setInterval(() => bar?.update(done(), { speed: speed(), retried, failed }), 100);
  const limit = setTimeout(() => void worker.stop({ force: true }), (options.limitSeconds ?? 60) * 1000);
  try {
    await worker.start();
    await stopped;
  } finally {
    clearInterval(ticker);
    clearTimeout(limit);
    bar?.update(done(), { speed: speed(), retried, failed });
    bar?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    connection: options.label,
    total: plan.total,
    concurrency: options.concurrency,
    pushMs: Math.round(pushMs),
    seconds: Math.round(seconds * 1000) / 1000,
    complete: done() >= plan.total,
    processed,
    retried,
    failed: {
      total: failed,
      reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    },
    delayed: {
      total: plan.delayed,
      ran: demoStats.delayedRan,
      early: demoStats.early,
      maxLateMs: Math.round(Math.max(0, ...demoStats.lateness)),
    },
    encrypted: { total: plan.encrypted, ok: demoStats.encryptedOk },
    jobsPerSecond: Math.round(done() / Math.max(seconds, 0.001)),
    peakJobsPerSecond: peakRate(finishedAt),
  };
}

/** The best rate over any 250 ms, in jobs per second: the pace while work was ready. */
function peakRate(times: number[]): number {
  const windowMs = 250;
  if (times.length === 0) return 0;
  const span = (times[times.length - 1] ?? 0) - (times[0] ?? 0);
  if (span < windowMs) return Math.round(times.length / Math.max(span / 1000, 0.001));
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return Math.round((best * 1000) / windowMs);
}

function progressBar(): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      format: `  ${colors.cyan('{bar}')} {value}/{total} jobs | {speed} jobs/s | {retried} retried | {failed} failed`,
      stream: process.stderr,
      hideCursor: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
}
