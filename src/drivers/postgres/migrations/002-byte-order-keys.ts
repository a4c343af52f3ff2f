/**
 * @module drivers/postgres/migrations/002-byte-order-keys
 * Job ids and queue names compare byte by byte (`COLLATE "C"`). Every push, claim and completion
 * walks the primary key and the claim index on these columns; under a database's linguistic
 * collation (`en_US.UTF-8`, even `C.UTF-8` before PostgreSQL 17) each comparison is a `strcoll`
 * call, under "C" a `memcmp`. Ids are ASCII and sort the same either way; queue names only need
 * equality. Rewrites both tables and rebuilds their indexes (instant on an empty table).
 */
import type { Tables } from '../tables.js';
import type { Migration } from './migration.js';

/** Version 2. */
export const byteOrderKeysMigration: Migration = {
  version: 2,
  name: 'byte-order-keys',
  up: (t: Tables): string => `
    ALTER TABLE ${t.jobs}
      ALTER COLUMN id TYPE text COLLATE "C",
      ALTER COLUMN queue TYPE text COLLATE "C";
    ALTER TABLE ${t.failed}
      ALTER COLUMN id TYPE text COLLATE "C",
      ALTER COLUMN queue TYPE text COLLATE "C";
  `,
};
