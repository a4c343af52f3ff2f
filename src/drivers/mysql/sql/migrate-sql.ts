/**
 * @module drivers/mysql/sql/migrate-sql
 * Bookkeeping of applied schema versions, under a server-wide named lock.
 */

/** The table of applied versions. */
export const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS {migrations} (
    version INT NOT NULL,
    name VARCHAR(191) NOT NULL,
    applied_at BIGINT NOT NULL,
    PRIMARY KEY (version)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;

/** Versions already applied. */
export const APPLIED_VERSIONS = 'SELECT version FROM {migrations}';

/** Records one applied version. Params: version, name, appliedAt. */
export const RECORD_MIGRATION = 'INSERT INTO {migrations} (version, name, applied_at) VALUES (?, ?, ?)';

/** Waits up to `?` seconds for the named lock; 1 when taken. Params: lockName, timeoutSeconds. */
export const GET_MIGRATION_LOCK = 'SELECT GET_LOCK(?, ?) AS taken';

/** Frees the named lock. Params: lockName. */
export const RELEASE_MIGRATION_LOCK = 'SELECT RELEASE_LOCK(?) AS released';

/** The current database, part of the lock name (named locks are server-wide). */
export const CURRENT_DATABASE = 'SELECT DATABASE() AS db';
