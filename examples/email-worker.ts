// The seed's "Creating a Worker" example, unchanged but for the import path.
import { IWorker } from 'conveyor';

class EmailWorker {
  constructor(private worker: IWorker) {
    this.setupWorker();
  }

  private setupWorker(): void {
    this.worker.setMaxAttempts(5);
    this.worker.setTimeout(30); // 30 seconds
    this.worker.setSleep(5); // 5 seconds between polls

    this.worker.on('processed', (job) => {
      console.log(`Processed job: ${job.constructor.name}`);
    });

    this.worker.on('failed', (job, error) => {
      console.error(`Failed job: ${job.constructor.name}`, error);
    });
  }

  async start(): Promise<void> {
    await this.worker.start();
    console.log(`Worker ${this.worker.getId()} started`);
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    console.log(`Worker ${this.worker.getId()} stopped`);
  }
}

export { EmailWorker };
