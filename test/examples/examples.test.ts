/**
 * The seed's four examples, run as written (examples/ imports them from 'conveyor', the built package).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueManager, Worker } from 'conveyor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmailService } from '../../examples/email-service.js';
import { EmailWorker } from '../../examples/email-worker.js';
import { JobRegistrar } from '../../examples/job-registrar.js';
import { SendEmailJob } from '../../examples/jobs.js';

const dirs: string[] = [];
function sqliteUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-examples-'));
  dirs.push(dir);
  return `sqlite://${join(dir, 'queue.db')}`;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until(predicate: () => boolean, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the seed examples', () => {
  it('EmailService pushes SendEmailJob onto emails; EmailWorker works it with its data', async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      logs.push(args.join(' '));
    });
    const manager = new QueueManager({ connections: { main: sqliteUrl() } });
    const registrar = new JobRegistrar(manager.registry);
    const seen: unknown[] = [];
    const service = new EmailService(manager);
    await service.sendWelcomeEmail('ada@example.com');
    expect(await manager.connection().size('emails')).toBe(1);

    const worker = new Worker(manager, { queues: ['emails'] });
    worker.on('processing', (_job, info) => seen.push(info.name));
    const emailWorker = new EmailWorker(worker);
    await emailWorker.start();
    await until(() => worker.getProcessedCount() === 1);
    await emailWorker.stop();
    await manager.close();

    expect(seen).toEqual(['send-email']);
    expect(logs).toContain('Sending email to ada@example.com with subject: Welcome to our platform');
    expect(logs).toContain('Processed job: SendEmailJob');
    expect(logs.some((l) => /^Worker .+ started$/.test(l))).toBe(true);
    expect(registrar.createJob('send-email', 'b@c.d', 's', 'b')).toBeInstanceOf(SendEmailJob);
  });

  it('a failing job is retried with backoff until failed() runs once, on a fresh instance', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(String(args[0]));
    });
    const attemptsSeen: number[] = [];
    const instances = new Set<unknown>();
    class BouncingEmailJob extends SendEmailJob {
      override handle(): Promise<void> {
        instances.add(this);
        return Promise.reject(new Error('SMTP refused'));
      }
      override backoff(): number {
        return 0.05;
      }
      override failed(error: Error): void {
        instances.add(this);
        super.failed(error);
      }
    }
    const manager = new QueueManager({ connections: { main: sqliteUrl() } });
    await manager.push(new BouncingEmailJob('bob@example.com', 'Hi', 'Body'), {});
    const worker = new Worker(manager, { queues: ['emails'], sleep: 0.05 });
    worker.on('exception', (_job, _error, info) => attemptsSeen.push(info.attempts));
    const emailWorker = new EmailWorker(worker);
    await emailWorker.start();
    await until(() => worker.getFailedCount() === 1);
    await emailWorker.stop();
    await manager.close();

    expect(attemptsSeen).toEqual([1, 2, 3]);
    expect(
      errors.filter((e) => e.startsWith('Failed to send email to bob@example.com: SMTP refused')),
    ).toHaveLength(1);
    expect(instances.size).toBe(4);
  });
});
