/**
 * @module drivers/postgres/options
 * The PostgreSQL driver's options, from a URL or a config object.
 *
 * URL: `postgres://user:pass@host:5432/db?schema=conveyor&notify=true&poolSize=10&migrate=true&pollInterval=1000&asyncClaims=true&vacuumEvery=20000`
 * (our parameters are stripped before the rest reaches `pg`, so `sslmode=…` and friends still work).
 */
import type { Pool } from 'pg';
import { QueueError } from '../../core/errors/queue-error.js';

/** The config object form: `{ driver: 'postgres', connectionString, schema, … }`. */
export interface PostgresDriverOptions {
  driver?: 'postgres' | 'postgresql';
  /** A libpq-style URL. Default: `pg`'s own defaults (PGHOST, PGUSER, … environment variables). */
  connectionString?: string;
  /** An existing `pg.Pool` to use instead of making one; the driver never ends it. */
  pool?: Pool;
  /** Schema holding the driver's tables. Default `'conveyor'`. */
  schema?: string;
  /** LISTEN/NOTIFY wake-ups. Default `true`; turn off behind transaction-mode poolers (polling only). */
  notify?: boolean;
  /** Run pending migrations on first use. Default `true`; with `false`, run `conveyor migrate` first. */
  migrate?: boolean;
  /** Milliseconds between polls while waiting for work (delayed jobs, expired leases, no NOTIFY). Default 1000. */
  pollInterval?: number;
  /** Connections in the pool the driver makes. Default 10. */
  poolSize?: number;
  /** Use named prepared statements. Default `true`; turn off behind poolers that cannot keep them. */
  prepare?: boolean;
  /**
   * Commit claims and lease extensions without waiting for the WAL flush. Default `true`: a claim
   * lost in a server crash only makes the job ready again. Set `false` to keep the server's
   * `synchronous_commit` for them too (e.g. so a failover to a synchronous standby never
   * forgets a claim while its worker still runs the job).
   */
  asyncClaims?: boolean;
  /**
   * Vacuum the jobs table after every this many jobs this driver claimed (in the background,
   * skipped while another vacuum of it runs). Default 20000; 0 leaves it all to autovacuum.
   */
  vacuumEvery?: number;
}

/** Options with every default applied. */
export interface ResolvedPostgresOptions {
  connectionString: string | undefined;
  pool: Pool | undefined;
  schema: string;
  notify: boolean;
  migrate: boolean;
  pollInterval: number;
  poolSize: number;
  prepare: boolean;
  asyncClaims: boolean;
  vacuumEvery: number;
}

const OUR_PARAMS = [
  'schema',
  'notify',
  'migrate',
  'pollInterval',
  'poolSize',
  'prepare',
  'asyncClaims',
  'vacuumEvery',
] as const;

/** Parses a `postgres://` URL or a config object; throws `ERR_BAD_CONNECTION_URL` on bad values. */
export function resolvePostgresOptions(config: string | PostgresDriverOptions): ResolvedPostgresOptions {
  if (typeof config === 'string') return fromUrl(config);
  return {
    connectionString: config.connectionString,
    pool: config.pool,
    schema: config.schema ?? 'conveyor',
    notify: config.notify ?? true,
    migrate: config.migrate ?? true,
    pollInterval: positive('pollInterval', config.pollInterval ?? 1000),
    poolSize: positive('poolSize', config.poolSize ?? 10),
    prepare: config.prepare ?? true,
    asyncClaims: config.asyncClaims ?? true,
    vacuumEvery: nonNegative('vacuumEvery', config.vacuumEvery ?? 20_000),
  };
}

function fromUrl(url: string): ResolvedPostgresOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new QueueError('ERR_BAD_CONNECTION_URL', `'${url}' is not a valid postgres:// URL`, { cause });
  }
  const params = parsed.searchParams;
  const read = (name: (typeof OUR_PARAMS)[number]): string | null => params.get(name);
  const options = resolvePostgresOptions({
    schema: read('schema') ?? undefined,
    notify: flag('notify', read('notify')),
    migrate: flag('migrate', read('migrate')),
    pollInterval: numeric(read('pollInterval')),
    poolSize: numeric(read('poolSize')),
    prepare: flag('prepare', read('prepare')),
    asyncClaims: flag('asyncClaims', read('asyncClaims')),
    vacuumEvery: numeric(read('vacuumEvery')),
  });
  for (const name of OUR_PARAMS) params.delete(name);
  return { ...options, connectionString: parsed.toString() };
}

function flag(name: string, value: string | null): boolean | undefined {
  if (value === null) return undefined;
  if (['true', '1', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no', 'off'].includes(value.toLowerCase())) return false;
  throw new QueueError(
    'ERR_BAD_CONNECTION_URL',
    `${name}=${value} in a postgres:// URL must be true or false`,
  );
}

function numeric(value: string | null): number | undefined {
  return value === null ? undefined : Number(value);
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      `PostgreSQL option ${name} must be 0 or more, got ${value}`,
    );
  }
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      `PostgreSQL option ${name} must be a positive number, got ${value}`,
    );
  }
  return value;
}
