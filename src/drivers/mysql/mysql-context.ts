/**
 * @module drivers/mysql/mysql-context
 * What every operation needs once the driver is connected.
 */
import type { MysqlClient } from './mysql-client.js';
import type { Statements } from './statements.js';

/** A connected driver's client, bound statements and wake-up key. */
export interface MysqlContext {
  client: MysqlClient;
  sql: Statements;
  /** Key of the storage on the in-process wake bus: database + table prefix. */
  storage: string;
}

/** Resolves to the connected context, connecting (and migrating) on first use. */
export type ContextSource = () => Promise<MysqlContext>;
