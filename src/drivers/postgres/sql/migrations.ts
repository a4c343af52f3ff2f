/**
 * @module drivers/postgres/sql/migrations
 * The migrator's own statements. The advisory lock is transaction-scoped, so a crashed
 * migrator can never leave it held.
 */
import type { Tables } from '../tables.js';

/** The applied version (fails with 3F000/42P01 before the first migration). */
export const currentVersionSql = (t: Tables): string =>
  `SELECT max(version)::int AS version FROM ${t.migrations}`;

/** Serializes migrators of one schema: $1 is the schema name. */
export const migrationLockSql = (): string =>
  `SELECT pg_advisory_xact_lock(hashtextextended('conveyor:migrate:' || $1, 0))`;

/** Creates the schema and the version table if absent. */
export const migrationsTableSql = (t: Tables): string => `
  CREATE SCHEMA IF NOT EXISTS ${t.schemaIdent};
  CREATE TABLE IF NOT EXISTS ${t.migrations} (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

/** Records version $1 named $2. */
export const recordMigrationSql = (t: Tables): string =>
  `INSERT INTO ${t.migrations} (version, name) VALUES ($1, $2)`;
