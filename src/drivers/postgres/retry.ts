/**
 * @module drivers/postgres/retry
 * Retries a statement when the connection, not the statement, failed: a server restart, a
 * killed backend, a deadlock. Every statement the driver sends is safe to run twice: completes,
 * extends, releases and fails are token-checked, enqueue replaces by id, and a claim whose reply
 * was lost only leaves jobs leased until their lease expires (delivery is at least once).
 */

/** SQLSTATE classes and codes worth another try. */
const TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown (pg_terminate_backend, fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);

const TRANSIENT_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'EAI_AGAIN',
]);

/** Whether `error` means "try again on a fresh connection". */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TRANSIENT_CODES.has(code) || TRANSIENT_ERRNOS.has(code) || code.startsWith('08')) return true;
  }
  // pg reports a socket closed under a query without a code
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}

/** Delays between tries, in ms: about 2 s in all, long enough to ride out a quick restart. */
const BACKOFF_MS = [25, 100, 250, 500, 1000];

/** Runs `operation`, retrying transient failures with backoff; rethrows the last error. */
export async function withRetry<T>(operation: () => Promise<T>, shouldStop: () => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const delay = BACKOFF_MS[attempt];
      if (delay === undefined || shouldStop() || !isTransientError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
