/**
 * @module drivers/mysql/statements
 * Binds every SQL constant to one table prefix, once per driver.
 */
import * as ack from './sql/ack-sql.js';
import * as atomic from './sql/atomic-sql.js';
import * as enqueue from './sql/enqueue-sql.js';
import * as failed from './sql/failed-sql.js';
import * as inspect from './sql/inspect-sql.js';
import * as migrate from './sql/migrate-sql.js';
import * as reserve from './sql/reserve-sql.js';

/** Table names for a prefix. */
export interface TableNames {
  jobs: string;
  failed: string;
  counters: string;
  locks: string;
  migrations: string;
}

/** The prefixed table names (`conveyor_jobs`, `conveyor_failed_jobs`, …); the prefix is pre-validated. */
export function tableNames(prefix: string): TableNames {
  return {
    jobs: `\`${prefix}jobs\``,
    failed: `\`${prefix}failed_jobs\``,
    counters: `\`${prefix}counters\``,
    locks: `\`${prefix}locks\``,
    migrations: `\`${prefix}migrations\``,
  };
}

/** Replaces `{jobs}`, `{failed}`, `{counters}`, `{locks}`, `{migrations}` with quoted table names. */
export function bindSql(template: string, names: TableNames): string {
  return template.replace(
    /\{(jobs|failed|counters|locks|migrations)\}/g,
    (_, key: keyof TableNames) => names[key],
  );
}

function bindAll<T extends Record<string, string>>(module: T, names: TableNames): { [K in keyof T]: string } {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(module)) out[key] = bindSql(value, names);
  return out as { [K in keyof T]: string };
}

/** Every statement of the driver, bound to one prefix. */
export function buildStatements(prefix: string) {
  const names = tableNames(prefix);
  return {
    names,
    ack: bindAll(ack, names),
    atomic: bindAll(atomic, names),
    enqueue: bindAll(enqueue, names),
    failed: bindAll(failed, names),
    inspect: bindAll(inspect, names),
    migrate: bindAll(migrate, names),
    reserve: bindAll(reserve, names),
  };
}

/** The statements of one driver. */
export type Statements = ReturnType<typeof buildStatements>;
