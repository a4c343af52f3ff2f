/**
 * @module drivers/postgres/migrations/migration
 * The shape of one versioned migration.
 */
import type { Tables } from '../tables.js';

/** One schema change, applied once, in version order, inside the migrator's transaction. */
export interface Migration {
  /** Strictly increasing from 1. */
  version: number;
  /** Short name, stored beside the version. */
  name: string;
  /** The SQL (several statements allowed), with the schema's table names spliced in. */
  up(tables: Tables): string;
}
