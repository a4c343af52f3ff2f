// The seed's "Using the Queue Manager" example, unchanged but for the import paths.
import { IQueueManager } from 'conveyor';
import { SendEmailJob } from './jobs.js';

class EmailService {
  constructor(private queueManager: IQueueManager) {}

  async sendWelcomeEmail(email: string): Promise<void> {
    const job = new SendEmailJob(
      email,
      'Welcome to our platform',
      'Thank you for signing up!'
    );

    await this.queueManager.push(job, {
      userId: 'user-123',
      timestamp: Date.now()
    });
  }
}

export { EmailService };
