/**
 * @module conveyor
 * Everything a user needs: the seed's interfaces, the manager, registry, worker, connections,
 * middleware and errors.
 */
export { type ConveyorConfig, defineConfig, type WorkerConfig } from './config/define-config.js';
export * from './contracts/index.js';
export { ActiveRun } from './core/active-run.js';
export { type ConnectionRuntime, createRuntime, type RuntimeOptions } from './core/connection-runtime.js';
export { type ConnectionConfig, createConnection } from './core/create-connection.js';
export { ConnectionNotFoundError } from './core/errors/connection-not-found-error.js';
export { JobFailedError } from './core/errors/job-failed-error.js';
export { JobTimeoutError } from './core/errors/job-timeout-error.js';
export { MaxAttemptsExceededError } from './core/errors/max-attempts-exceeded-error.js';
export { MiddlewareNotFoundError } from './core/errors/middleware-not-found-error.js';
export { MissingPackageError } from './core/errors/missing-package-error.js';
export { QueueError } from './core/errors/queue-error.js';
export { UnknownJobError } from './core/errors/unknown-job-error.js';
export { WorkerStateError } from './core/errors/worker-state-error.js';
export { EventHub } from './core/event-hub.js';
export { newJobId } from './core/job-id.js';
export { JobRegistry } from './core/job-registry.js';
export { JobRunner, type RunOutcome, type RunResult } from './core/job-runner.js';
export { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT, type WorkerDefaults } from './core/job-settings.js';
export {
  type CodecOptions,
  DecryptionError,
  type EncryptionConfig,
  EncryptionKeyMissingError,
  ForbiddenKeyError,
  generateKey,
  NonSerializableError,
  type Payload,
  PayloadCodec,
  PayloadDecodeError,
  SignatureError,
  type SigningConfig,
} from './core/payload/index.js';
export { type ConnectionOptions, type DispatchOptions, QueueConnection } from './core/queue-connection.js';
export { DEFAULT_CONNECTION_URL, QueueManager, type QueueManagerOptions } from './core/queue-manager.js';
export { reviveJob } from './core/revive-job.js';
export { SyncConnection } from './core/sync-connection.js';
export { UnresolvedJob } from './core/unresolved-job.js';
export { Worker, type WorkerOptions } from './core/worker.js';
export type * from './drivers/driver.js';
export { createMemoryDriver, type MemoryDriverConfig } from './drivers/memory/index.js';
export { createMysqlDriver, type MysqlDriverConfig } from './drivers/mysql/index.js';
export { createPostgresDriver, type PostgresDriverOptions } from './drivers/postgres/index.js';
export { createRedisDriver, type RedisDriverConfig } from './drivers/redis/index.js';
export { registerDriver, resolveDriver } from './drivers/resolve-driver.js';
export { createSqliteDriver, type SqliteDriverConfig } from './drivers/sqlite/index.js';
export * from './middleware/index.js';
