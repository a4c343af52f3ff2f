/**
 * @module drivers/postgres/run-statement
 * The one way the driver's parts send a statement: through the pool, connected, retried.
 */
import type { QueryResult, QueryResultRow } from 'pg';
import type { Statement } from './statements.js';

/** Runs `statement` with `values` on the driver's pool (connecting first, retrying transient failures). */
export type RunStatement = <R extends QueryResultRow = QueryResultRow>(
  statement: Statement,
  values: unknown[],
) => Promise<QueryResult<R>>;
