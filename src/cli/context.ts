/**
 * @module cli/context
 * What a command works with: the global options, the output, and (loaded on first use) the
 * config, the manager it describes and the selected connection's driver.
 */
import { createManager } from '../config/create-manager.js';
import type { LoadedConfig } from '../config/load-config.js';
import { loadConfig } from '../config/load-config.js';
import { QueueError } from '../core/errors/queue-error.js';
import { QueueConnection } from '../core/queue-connection.js';
import type { QueueManager } from '../core/queue-manager.js';
import { SyncConnection } from '../core/sync-connection.js';
import type { Driver } from '../drivers/driver.js';
import { Output } from './output.js';

/** Options every command accepts. */
export interface GlobalOptions {
  /** `--config <path>` (default: `conveyor.config.{ts,mjs,js}` in the cwd, else the embedded default). */
  config?: string | undefined;
  /** `--connection <name>` (default: the config's default connection). */
  connection?: string | undefined;
  /** `--json`: machine-readable output (default false). */
  json?: boolean | undefined;
}

/** Per-invocation state; `close()` closes whatever was opened. */
export class CliContext {
  readonly out: Output;
  private loading: Promise<LoadedConfig> | undefined;
  private built: QueueManager | undefined;

  constructor(
    readonly globals: GlobalOptions,
    readonly cwd: string = process.cwd(),
  ) {
    this.out = new Output(globals.json === true);
  }

  /** The config file (or `{}` with `path: undefined` when there is none). */
  config(): Promise<LoadedConfig> {
    this.loading ??= loadConfig({ cwd: this.cwd, path: this.globals.config });
    return this.loading;
  }

  /** The manager the config describes. */
  async manager(): Promise<QueueManager> {
    if (this.built) return this.built;
    const { config } = await this.config();
    this.built = createManager(config);
    return this.built;
  }

  /** The selected connection: `name`, else `--connection`, else the manager's default. */
  async connection(name?: string): Promise<QueueConnection> {
    const manager = await this.manager();
    name ??= this.globals.connection ?? manager.getDefaultConnection();
    const known = Object.keys(manager.getConnections());
    if (!known.includes(name)) {
      const { path } = await this.config();
      throw new QueueError(
        'ERR_CONNECTION_NOT_FOUND',
        `No connection named '${name}' (known: ${known.join(', ') || 'none'}): add it under \`connections\` in ${path ?? 'conveyor.config.mjs'}`,
      );
    }
    const connection = manager.connection(name);
    if (!(connection instanceof QueueConnection) || connection instanceof SyncConnection) {
      throw new QueueError(
        'ERR_UNSUPPORTED_CONNECTION',
        `Connection '${name}' has no storage to inspect (sync:// runs jobs at push): pick another with --connection`,
      );
    }
    return connection;
  }

  /** The selected connection's driver. */
  async driver(): Promise<Driver> {
    return (await this.connection()).driver;
  }

  /** Closes every connection that was opened. */
  async close(): Promise<void> {
    const manager = this.built;
    this.built = undefined;
    await manager?.close();
  }
}
