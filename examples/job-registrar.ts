// The seed's "Using the Job Registry" example, unchanged but for the import paths
// (IQueueable, which the seed's snippet uses without importing, is imported too).
import { IJobRegistry, IQueueable } from 'conveyor';
import { SendEmailJob, ProcessPaymentJob, GenerateReportJob } from './jobs.js';

class JobRegistrar {
  constructor(private jobRegistry: IJobRegistry) {
    this.registerJobs();
  }

  private registerJobs(): void {
    this.jobRegistry.register('send-email', SendEmailJob);
    this.jobRegistry.register('process-payment', ProcessPaymentJob);
    this.jobRegistry.register('generate-report', GenerateReportJob);
  }

  createJob(name: string, ...args: any[]): IQueueable {
    return this.jobRegistry.make(name, ...args);
  }
}

export { JobRegistrar };
