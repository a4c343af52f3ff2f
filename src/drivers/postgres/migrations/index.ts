/**
 * @module drivers/postgres/migrations
 * Every migration in version order. Add a file and list it here; never edit a shipped one.
 */
import { initialMigration } from './001-initial.js';
import { byteOrderKeysMigration } from './002-byte-order-keys.js';
import { hotClaimsMigration } from './003-hot-claims.js';
import type { Migration } from './migration.js';

/** All migrations, oldest first. */
export const migrations: readonly Migration[] = [
  initialMigration,
  byteOrderKeysMigration,
  hotClaimsMigration,
];

/** The version a fully migrated schema is at. */
export const latestVersion: number = migrations.at(-1)?.version ?? 0;
