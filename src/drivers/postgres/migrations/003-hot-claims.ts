/**
 * @module drivers/postgres/migrations/003-hot-claims
 * Claims become HOT updates (heap-only tuples: no new index entries). A claim sets only
 * `attempts`, `token` and `reserved_until`; no index may mention those columns, in its key or
 * its predicate, or PostgreSQL writes a new entry into every index for every claimed row.
 *
 * - One claim index, `jobs_queue_idx (queue, priority DESC, available_at, seq)`, without the
 *   `token IS NULL` predicate, replaces `jobs_ready_idx` and `jobs_leased_idx`: a claim walks
 *   it in claim order and takes a row that is free or whose lease ended (a heap check), so an
 *   expired lease comes back at its place in claim order and needs no index of its own.
 * - `fillfactor = FILL`: a push leaves room in each page for the claimed versions of its rows,
 *   since a HOT update must fit in the page of the row it replaces. Pages already written keep
 *   their layout (their claims are HOT as far as room allows, and pruning frees room as jobs end).
 *
 * Works on a table holding jobs: the index is built over them (under the migration's lock).
 */
import type { Tables } from '../tables.js';
import type { Migration } from './migration.js';

/** Percent of each heap page a push fills. */
const FILL = 50;

/** Version 3. */
export const hotClaimsMigration: Migration = {
  version: 3,
  name: 'hot-claims',
  up: (t: Tables): string => `
    DROP INDEX ${t.schemaIdent}.jobs_ready_idx;
    DROP INDEX ${t.schemaIdent}.jobs_leased_idx;
    CREATE INDEX jobs_queue_idx ON ${t.jobs} (queue, priority DESC, available_at, seq);
    ALTER TABLE ${t.jobs} SET (fillfactor = ${FILL});
  `,
};
