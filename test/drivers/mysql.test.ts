/**
 * @module test/drivers/mysql
 * The shared driver conformance suite against the local MariaDB. One table prefix per run
 * (creating tables per test costs more than the tests): each test's cleanup empties the tables,
 * which is isolation enough because a file's tests run one at a time; the tables go afterwards.
 */
import { afterAll, describe, it } from 'vitest';
import { createMysqlDriver } from '../../src/drivers/mysql/index.js';
import { runDriverConformance } from '../../src/testing/conformance/index.js';
import {
  dropMysqlTables,
  emptyMysqlTables,
  endMysqlAdmin,
  MYSQL_TEST_URL,
  uniqueMysqlPrefix,
} from './mysql-helpers.js';

const tablePrefix = uniqueMysqlPrefix();
const config = { uri: MYSQL_TEST_URL, tablePrefix, pollInterval: 50, poolSize: 4 };

runDriverConformance(
  {
    name: 'mysql',
    create: async () => createMysqlDriver(config),
    sibling: async () => createMysqlDriver(config),
    cleanup: async () => emptyMysqlTables(tablePrefix),
  },
  { describe, it },
);

afterAll(async () => {
  await dropMysqlTables(tablePrefix);
  await endMysqlAdmin();
});
