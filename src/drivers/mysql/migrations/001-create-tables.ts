/**
 * @module drivers/mysql/migrations/001-create-tables
 * The first schema: jobs, failed jobs, counters and locks. Times are BIGINT epoch ms set by the client.
 *
 * `jobs.is_delayed` splits ready from delayed rows so that `ready_order` only ever holds reservable
 * (or leased) rows, and a reserve never scans a backlog of scheduled jobs; `due_order` finds the
 * delayed rows that came due. `priority DESC` in an index needs MariaDB 10.8+ or MySQL 8
 * (older servers accept it and sort instead).
 */
import type { Migration } from './migration.js';

/** Creates the four tables. */
export const createTables: Migration = {
  version: 1,
  name: 'create-tables',
  statements: [
    `CREATE TABLE IF NOT EXISTS {jobs} (
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      id VARCHAR(191) NOT NULL,
      queue VARCHAR(191) NOT NULL,
      payload LONGTEXT NOT NULL,
      priority INT NOT NULL DEFAULT 0,
      available_at BIGINT NOT NULL,
      is_delayed TINYINT NOT NULL DEFAULT 0,
      attempts INT NOT NULL DEFAULT 0,
      token VARCHAR(64) NULL,
      reserved_until BIGINT NULL,
      PRIMARY KEY (seq),
      UNIQUE KEY job_id (id),
      KEY ready_order (queue, is_delayed, priority DESC, available_at, seq),
      KEY due_order (queue, is_delayed, available_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    `CREATE TABLE IF NOT EXISTS {failed} (
      seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      id VARCHAR(191) NOT NULL,
      connection_name VARCHAR(191) NOT NULL,
      queue VARCHAR(191) NOT NULL,
      payload LONGTEXT NOT NULL,
      priority INT NOT NULL DEFAULT 0,
      attempts INT NOT NULL,
      error_name VARCHAR(191) NOT NULL,
      error_message MEDIUMTEXT NOT NULL,
      error_stack MEDIUMTEXT NULL,
      failed_at BIGINT NOT NULL,
      PRIMARY KEY (seq),
      UNIQUE KEY failed_id (id),
      KEY failed_queue (queue, failed_at),
      KEY failed_time (failed_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    `CREATE TABLE IF NOT EXISTS {counters} (
      name VARCHAR(191) NOT NULL,
      amount BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      PRIMARY KEY (name),
      KEY counter_expiry (expires_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    `CREATE TABLE IF NOT EXISTS {locks} (
      name VARCHAR(191) NOT NULL,
      owner VARCHAR(191) NOT NULL,
      expires_at BIGINT NOT NULL,
      PRIMARY KEY (name),
      KEY lock_expiry (expires_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
  ],
};
