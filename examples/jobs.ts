// The seed's "Creating a Job" example, unchanged but for the import path.
import { IQueueable } from 'conveyor';

class SendEmailJob implements IQueueable {
  constructor(private readonly email: string, private readonly subject: string, private readonly body: string) {}

  shouldQueue(): boolean {
    return true;
  }

  queue(): string | null {
    return 'emails';
  }

  handle(data: any): Promise<void> {
    // Send email logic
    console.log(`Sending email to ${this.email} with subject: ${this.subject}`);
    return Promise.resolve();
  }

  tries(): number {
    return 3;
  }

  backoff(): number {
    return 60; // 1 minute
  }

  failed(error: Error): void {
    console.error(`Failed to send email to ${this.email}: ${error.message}`);
  }
}

// The two other jobs the seed's registry example names.
class ProcessPaymentJob implements IQueueable {
  constructor(private readonly orderId: string, private readonly amountCents: number) {}

  shouldQueue(): boolean {
    return true;
  }

  queue(): string | null {
    return 'payments';
  }

  handle(data: any): void {
    console.log(`Charging ${this.amountCents} cents for order ${this.orderId} (${JSON.stringify(data)})`);
  }
}

class GenerateReportJob implements IQueueable {
  constructor(private readonly reportName: string) {}

  shouldQueue(): boolean {
    return true;
  }

  handle(data: any): void {
    console.log(`Generating report ${this.reportName} for ${JSON.stringify(data)}`);
  }

  timeout(): number {
    return 120;
  }
}

export { SendEmailJob, ProcessPaymentJob, GenerateReportJob };
