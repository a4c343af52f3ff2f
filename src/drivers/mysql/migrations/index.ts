/**
 * @module drivers/mysql/migrations
 * Every schema version in order. Append new versions; never edit an applied one.
 */
import { createTables } from './001-create-tables.js';
import type { Migration } from './migration.js';

/** All migrations, ascending by version. */
export const migrations: readonly Migration[] = [createTables];
