/**
 * @module bench/lib/postgres-target
 * A contender on PostgreSQL as a side-by-side `Target`: a fresh schema per measurement, dropped
 * after through an admin pool; the server's CPU is that of its `postgres` processes.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Contender } from './contender.js';
import { processCpuSeconds } from './process-cpu.js';
import type { Target } from './side-by-side.js';

/**
 * `contender` on the PostgreSQL server at `url`, shown as `name` (its own by default); `admin`
 * drops the schemas.
 */
export function postgresTarget(
  contender: Contender,
  url: string,
  admin: pg.Pool,
  name = contender.name,
): Target {
  return {
    contender: name === contender.name ? contender : { ...contender, name },
    url,
    server: 'PostgreSQL',
    serverCpuSeconds: () => processCpuSeconds('postgres'),
    fresh: () => `bench_${name.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`,
    drop: async (schema) => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}
