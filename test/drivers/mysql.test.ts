/**
 * @module test/drivers/mysql
 * The shared driver conformance suite against the local MariaDB, each test on its own table prefix.
 */
import { afterAll, describe, it } from 'vitest';
import type { Driver } from '../../src/drivers/driver.js';
import { createMysqlDriver, type MysqlDriver } from '../../src/drivers/mysql/index.js';
import { runDriverConformance } from '../../src/testing/conformance/index.js';
import { dropMysqlTables, endMysqlAdmin, MYSQL_TEST_URL, uniqueMysqlPrefix } from './mysql-helpers.js';

const POLL_MS = 50;

runDriverConformance(
  {
    name: 'mysql',
    create: async () =>
      createMysqlDriver(`${MYSQL_TEST_URL}?tablePrefix=${uniqueMysqlPrefix()}&pollInterval=${POLL_MS}`),
    sibling: async (driver: Driver) =>
      createMysqlDriver({
        uri: MYSQL_TEST_URL,
        tablePrefix: (driver as MysqlDriver).config.tablePrefix,
        pollInterval: POLL_MS,
        poolSize: 4,
      }),
    cleanup: async (driver: Driver) => dropMysqlTables((driver as MysqlDriver).config.tablePrefix),
  },
  { describe, it },
);

afterAll(endMysqlAdmin);
