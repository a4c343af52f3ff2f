/**
 * @module drivers/mysql
 * The MySQL / MariaDB driver: `mysql://` and `mariadb://` URLs, or `{ driver: 'mysql', ... }`.
 */
import type { MysqlDriverConfig } from './mysql-config.js';
import { MysqlDriver } from './mysql-driver.js';

export type { MysqlDriverConfig, ResolvedMysqlConfig } from './mysql-config.js';
export { MYSQL_CAPABILITIES, MysqlDriver } from './mysql-driver.js';

/** Builds a MySQL driver from a URL or config object; it connects lazily on first use. */
export function createMysqlDriver(config: string | Record<string, unknown>): MysqlDriver {
  return new MysqlDriver(config as string | MysqlDriverConfig);
}

/**
 * Applies pending migrations for a URL or config object (migrate option ignored), then closes:
 * what `conveyor migrate` runs. Returns the versions applied, empty when the schema is current.
 */
export async function migrate(config: string | MysqlDriverConfig): Promise<number[]> {
  const driver = new MysqlDriver(
    typeof config === 'string' ? { uri: config, migrate: false } : { ...config, migrate: false },
  );
  try {
    return await driver.migrate();
  } finally {
    await driver.close();
  }
}
