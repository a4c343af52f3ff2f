/**
 * @module cli/demo/push-demo-jobs
 * Pushes the demo's jobs: the bulk in one call per kind, delayed ones one by one, the
 * encrypted one through the manager that holds the key, and the unknown one through a second
 * manager whose registry knows a class the worker's does not.
 */
import type { QueueManager } from '../../core/queue-manager.js';
import {
  CHARGE_FAILURES,
  ChargeCardJob,
  GhostReportJob,
  SendEmailJob,
  SendReminderJob,
  StoreSecretJob,
  SyncInventoryJob,
} from './demo-jobs.js';
import type { DemoPlan } from './demo-plan.js';

/** The demo's queue. */
export const DEMO_QUEUE = 'demo';

/** Pushes every job of `plan` onto `DEMO_QUEUE`. */
export async function pushDemoJobs(
  plan: DemoPlan,
  manager: QueueManager,
  stranger: QueueManager,
  secret: string,
): Promise<void> {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  await manager.bulk(
    range(plan.quick).map((i) => new SendEmailJob(`user${i}@example.com`)),
    { subject: 'Welcome' },
    null,
    DEMO_QUEUE,
  );
  await manager.bulk(
    range(plan.flaky).map((i) => new SyncInventoryJob(`SKU-${1000 + i}`)),
    {},
    null,
    DEMO_QUEUE,
  );
  await manager.bulk(
    range(plan.doomed).map((i) => new ChargeCardJob(i, CHARGE_FAILURES[i % CHARGE_FAILURES.length]!)),
    { amount: 42 },
    null,
    DEMO_QUEUE,
  );
  for (const _ of range(plan.delayed)) {
    const delay = 1 + Math.random();
    await manager.later(delay, new SendReminderJob(Date.now() + delay * 1000), {}, null, DEMO_QUEUE);
  }
  await manager.push(new StoreSecretJob('demo'), { secret }, null, DEMO_QUEUE);
  await stranger.push(new GhostReportJob(), {}, null, DEMO_QUEUE);
}
