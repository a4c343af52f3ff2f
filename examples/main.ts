// Wires the seed's four examples together on the embedded default (SQLite under ./.conveyor/).
// Run: npx tsx examples/main.ts
import { QueueManager, Worker } from 'conveyor';
import { EmailService } from './email-service.js';
import { EmailWorker } from './email-worker.js';
import { JobRegistrar } from './job-registrar.js';

const manager = new QueueManager();
const registrar = new JobRegistrar(manager.registry);
const service = new EmailService(manager);
const worker = new EmailWorker(new Worker(manager, { queues: ['emails', 'payments', 'default'] }));

await service.sendWelcomeEmail('ada@example.com');
await manager.push(registrar.createJob('process-payment', 'order-42', 1999), { currency: 'EUR' });
await worker.start();
await new Promise((resolve) => setTimeout(resolve, 500));
await worker.stop();
await manager.close();
