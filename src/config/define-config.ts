/**
 * @module config/define-config
 * The shape of `conveyor.config.{ts,mjs,js}`; `defineConfig` only types it, so a config file
 * stays a plain object that any tool can read.
 */
import type { IQueueConnection } from '../contracts/queue-connection.js';
import type { JobClass } from '../contracts/queueable.js';
import type { ConnectionConfig } from '../core/create-connection.js';
import type { JobRegistry } from '../core/job-registry.js';
import type { EncryptionConfig, SigningConfig } from '../core/payload/index.js';
import type { WorkerOptions } from '../core/worker.js';
import type { MiddlewareRegistry, NamedMiddleware } from '../middleware/middleware-registry.js';

/** Worker defaults a config may set; CLI flags win over them (default: the Worker's own defaults). */
export type WorkerConfig = Omit<WorkerOptions, 'id' | 'jobsModule'>;

/** What `conveyor.config.*` exports by default. Every field is optional. */
export interface ConveyorConfig {
  /** The default connection's name (default: `'default'`, or the only connection given). */
  default?: string | undefined;
  /** Connections by name: URLs, driver config objects or drivers (default: `{ default: 'sqlite://./.conveyor/queue.db' }`). */
  connections?: Record<string, ConnectionConfig | IQueueConnection> | undefined;
  /** Job classes the worker may run: a registry, or a record `name → class` (default: none). */
  jobs?: JobRegistry | Record<string, JobClass> | undefined;
  /** AES-256-GCM key and previous keys (default: none; encrypted jobs are then refused). */
  encryption?: EncryptionConfig | undefined;
  /** HMAC key; workers then refuse unsigned or altered payloads (default: none). */
  signing?: SigningConfig | undefined;
  /** Named middleware beyond the built-ins: a registry, or a record `name → middleware` (default: none). */
  middleware?: MiddlewareRegistry | Record<string, NamedMiddleware> | undefined;
  /** Defaults for `conveyor work` (default: none; the Worker's defaults apply). */
  worker?: WorkerConfig | undefined;
}

/** Types a config object and returns it unchanged. */
export function defineConfig(config: ConveyorConfig): ConveyorConfig {
  return config;
}
