/**
 * @module test/drivers/mysql-helpers
 * Isolation for the MySQL tests: a unique table prefix per driver, and dropping its tables after.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/** The local MariaDB of the test machine. */
export const MYSQL_TEST_URL = 'mysql://root@127.0.0.1:3306/test';

const TABLES = ['jobs', 'failed_jobs', 'counters', 'locks', 'migrations'];
let admin: mysql.Pool | undefined;

/** A pool for test setup and teardown, separate from any driver's. */
export function mysqlAdmin(): mysql.Pool {
  admin ??= mysql.createPool({ uri: MYSQL_TEST_URL, connectionLimit: 2 });
  return admin;
}

/** A fresh table prefix, e.g. `t_3fa9c1_`. */
export function uniqueMysqlPrefix(): string {
  return `t_${randomBytes(4).toString('hex')}_`;
}

/** Drops every table of `prefix`. */
export async function dropMysqlTables(prefix: string): Promise<void> {
  await mysqlAdmin().query(`DROP TABLE IF EXISTS ${TABLES.map((t) => `\`${prefix}${t}\``).join(', ')}`);
}

/** Deletes every row of `prefix`'s queue tables (they stay, migrated). */
export async function emptyMysqlTables(prefix: string): Promise<void> {
  for (const table of ['jobs', 'failed_jobs', 'counters', 'locks']) {
    await mysqlAdmin().query(`DELETE FROM \`${prefix}${table}\``);
  }
}

/** Ends the admin pool (call in afterAll). */
export async function endMysqlAdmin(): Promise<void> {
  await admin?.end();
  admin = undefined;
}
