/**
 * @module drivers/postgres/tables
 * Qualified, quoted names of the driver's tables in its schema, built once per driver.
 */
import { QueueError } from '../../core/errors/queue-error.js';

/** Names every SQL statement interpolates; the schema name is validated, so they are safe to splice. */
export interface Tables {
  /** The bare schema name, e.g. `conveyor`. */
  schema: string;
  /** `"schema"` quoted. */
  schemaIdent: string;
  jobs: string;
  failed: string;
  counters: string;
  locks: string;
  migrations: string;
  /** The LISTEN/NOTIFY channel (one per schema), e.g. `conveyor_jobs:conveyor`. */
  channel: string;
}

/** Letters, digits and underscores, at most 48 characters so the channel name stays under 64 bytes. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,47}$/;

/** Builds the table names for `schema`; throws a `QueueError` (`ERR_BAD_CONNECTION_URL`) on an unsafe name. */
export function tablesFor(schema: string): Tables {
  if (!SCHEMA_NAME.test(schema)) {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      `PostgreSQL schema '${schema}' is not a plain identifier: use letters, digits and underscores (at most 48), e.g. schema=conveyor`,
    );
  }
  const schemaIdent = `"${schema}"`;
  return {
    schema,
    schemaIdent,
    jobs: `${schemaIdent}.jobs`,
    failed: `${schemaIdent}.failed`,
    counters: `${schemaIdent}.counters`,
    locks: `${schemaIdent}.locks`,
    migrations: `${schemaIdent}.migrations`,
    channel: `conveyor_jobs:${schema}`,
  };
}
