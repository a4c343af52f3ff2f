/**
 * @module cli/demo/demo-jobs
 * The demo's job classes. They run in the demo's own process, so they report to the
 * module-level `demoStats` (revived jobs get no constructor call, hence no injected state).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobContext } from '../../contracts/job-context.js';
import type { IQueueable } from '../../contracts/queueable.js';

/** What the jobs themselves observed. Reset by the demo before each run. */
export const demoStats = {
  /** The secret the encrypted job must see after decryption. */
  expectedSecret: '',
  encryptedOk: 0,
  delayedRan: 0,
  /** Milliseconds each delayed job ran after it became due. */
  lateness: [] as number[],
  /** Delayed jobs that ran before they were due (should stay 0). */
  early: 0,
};

/** Resets `demoStats` for a new run. */
export function resetDemoStats(secret: string): void {
  demoStats.expectedSecret = secret;
  demoStats.encryptedOk = 0;
  demoStats.delayedRan = 0;
  demoStats.lateness = [];
  demoStats.early = 0;
}

/** The bulk of the demo: a job that takes a millisecond or two. */
export class SendEmailJob implements IQueueable {
  static jobName = 'send-email';
  constructor(readonly to: string) {}
  shouldQueue() {
    return true;
  }
  async handle(): Promise<void> {
    await sleep(Math.random() * 2);
  }
}

/** Fails its first attempt, then succeeds on the retry 0.2 s later. */
export class SyncInventoryJob implements IQueueable {
  static jobName = 'sync-inventory';
  constructor(readonly sku: string) {}
  shouldQueue() {
    return true;
  }
  tries() {
    return 3;
  }
  backoff() {
    return 0.2;
  }
  handle(_data: unknown, context?: JobContext): void {
    if ((context?.attempts ?? 1) === 1) throw new Error('inventory API timed out');
  }
}

/** Always fails, for the reason it carries; two tries, 0.2 s apart. */
export class ChargeCardJob implements IQueueable {
  static jobName = 'charge-card';
  constructor(
    readonly order: number,
    readonly reason: string,
  ) {}
  shouldQueue() {
    return true;
  }
  tries() {
    return 2;
  }
  backoff() {
    return 0.2;
  }
  handle(): void {
    throw new Error(this.reason);
  }
}

/** Pushed with a delay; records how late after its due time it ran. */
export class SendReminderJob implements IQueueable {
  static jobName = 'send-reminder';
  constructor(readonly dueAt: number) {}
  shouldQueue() {
    return true;
  }
  handle(): void {
    const late = Date.now() - this.dueAt;
    // Stored times are whole milliseconds, so a few ms of rounding is not "early".
    if (late < -5) demoStats.early++;
    demoStats.delayedRan++;
    demoStats.lateness.push(Math.max(0, late));
  }
}

/** Sealed with AES-256-GCM in storage; checks it reads its secret back intact. */
export class StoreSecretJob implements IQueueable {
  static jobName = 'store-secret';
  constructor(readonly owner: string) {}
  shouldQueue() {
    return true;
  }
  shouldBeEncrypted() {
    return true;
  }
  handle(data: { secret: string }): void {
    if (data.secret !== demoStats.expectedSecret)
      throw new Error('the secret did not survive the round trip');
    demoStats.encryptedOk++;
  }
}

/** Known only to the second registry: the worker has never heard of it. */
export class GhostReportJob implements IQueueable {
  static jobName = 'ghost-report';
  shouldQueue() {
    return true;
  }
  handle(): void {}
}

/** Reasons the doomed jobs fail with, so the summary can group them. */
export const CHARGE_FAILURES = [
  'card declined',
  'insufficient funds',
  'payment gateway returned 503',
] as const;
