/**
 * @module test/helpers
 * Shared by the core tests: a manager on a private memory store, and polling helpers.
 */
import { randomUUID } from 'node:crypto';
import { QueueManager, type QueueManagerOptions, Worker, type WorkerOptions } from '../src/index.js';

/** A manager whose default connection `main` is a fresh in-memory store. */
export function memoryManager(options: Omit<QueueManagerOptions, 'connections'> = {}): QueueManager {
  return new QueueManager({ ...options, connections: { main: `memory://${randomUUID()}` } });
}

/** Resolves once `predicate` is true; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts a worker, runs `body`, and always stops the worker. */
export async function withWorker(
  manager: QueueManager,
  options: WorkerOptions,
  body: (worker: Worker) => Promise<void>,
): Promise<Worker> {
  const worker = new Worker(manager, { sleep: 0.05, ...options });
  // The body's synchronous part (subscribing to events) runs before the worker starts.
  const done = body(worker);
  try {
    await worker.start();
    await done;
  } finally {
    await worker.stop();
  }
  return worker;
}
