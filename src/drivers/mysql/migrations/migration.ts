/**
 * @module drivers/mysql/migrations/migration
 * The shape of one schema version.
 */

/** One schema version: DDL statements with `{jobs}`, `{failed}`, `{counters}`, `{locks}` placeholders. */
export interface Migration {
  /** Increasing integer; applied versions are recorded in `{migrations}`. */
  version: number;
  /** Kebab-case label, recorded beside the version. */
  name: string;
  /** Run in order; each must be safe to re-run (MySQL DDL is not transactional). */
  statements: readonly string[];
}
