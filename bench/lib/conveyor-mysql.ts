/**
 * @module bench/lib/conveyor-mysql
 * Conveyor on its MySQL/MariaDB driver as a side-by-side `Contender` (bench/lib/conveyor-contender):
 * the "schema" it is given is a fresh table prefix. MySQL has no notifications, so a push wakes
 * the idle worker through the driver's in-process wake-up; a producer in another process would be
 * seen within the driver's `pollInterval` (1 s by default).
 */
import mysql from 'mysql2/promise';
import type { Contender } from './contender.js';
import { conveyorContender } from './conveyor-contender.js';

/** Tables the driver creates under its prefix, dropped after each measurement. */
const TABLES = ['jobs', 'failed_jobs', 'counters', 'locks', 'migrations'];

/** Conveyor on MySQL/MariaDB with the given worker options (concurrency is set per run). */
export function conveyorMysql(name: string, options: Record<string, number>): Contender {
  return conveyorContender(name, options, (url, tablePrefix) => ({ driver: 'mysql', uri: url, tablePrefix }));
}

/** Drops the tables of `tablePrefix` (a no-op for tables that were never created). */
export async function dropMysqlTables(url: string, tablePrefix: string): Promise<void> {
  const admin = await mysql.createConnection(url.replace(/^mariadb:/, 'mysql:'));
  try {
    await admin.query(`DROP TABLE IF EXISTS ${TABLES.map((t) => `\`${tablePrefix}${t}\``).join(', ')}`);
  } finally {
    await admin.end();
  }
}
