import { QueueManager, Worker } from './src/index.js';
class NoopJob { shouldQueue() { return true; } async handle() {} }
const total = 200000;
for (let k = 0; k < 3; k++) {
const manager = new QueueManager({ connections: { main: `memory://p${k}` } });
const jobs = Array.from({ length: total }, () => new NoopJob());
for (let i = 0; i < total; i += 10_000) await manager.bulk(jobs.slice(i, i + 10_000), { userId: 'user-123', timestamp: 1 });
const worker = new Worker(manager, { concurrency: 100, sleep: 0.01 });
const t = performance.now();
await worker.start();
while (worker.getProcessedCount() < total) await new Promise((r) => setTimeout(r, 5));
console.log('rate', total / ((performance.now() - t) / 1000));
await worker.stop();
}
