/**
 * @module config/create-manager
 * Config → QueueManager: the registry, middleware and codec settings the config names, on
 * its connections (or the embedded default, `sqlite://./.conveyor/queue.db`).
 */
import type { JobClass } from '../contracts/queueable.js';
import { QueueError } from '../core/errors/queue-error.js';
import { JobRegistry } from '../core/job-registry.js';
import { QueueManager } from '../core/queue-manager.js';
import { MiddlewareRegistry } from '../middleware/middleware-registry.js';
import type { ConveyorConfig } from './define-config.js';

/** Builds the manager a config describes. Nothing connects until first use. */
export function createManager(config: ConveyorConfig): QueueManager {
  const key = config.encryption?.key;
  if (config.encryption !== undefined && (key === undefined || key === null || key === '')) {
    throw new QueueError(
      'ERR_CONFIG_INVALID',
      'encryption.key in the config is empty: set it (`conveyor key generate` prints one) or remove `encryption`',
    );
  }
  return new QueueManager({
    default: config.default,
    connections: config.connections,
    registry: registryFrom(config.jobs),
    middleware: middlewareFrom(config.middleware),
    encryption: config.encryption,
    signing: config.signing,
  });
}

/** A registry from a config's `jobs`: the registry itself, or one built from `name → class`. */
export function registryFrom(jobs: ConveyorConfig['jobs']): JobRegistry {
  if (jobs instanceof JobRegistry) return jobs;
  const registry = new JobRegistry();
  for (const [name, jobClass] of Object.entries(jobs ?? {})) {
    if (typeof jobClass !== 'function') {
      throw new QueueError('ERR_CONFIG_INVALID', `jobs['${name}'] in the config must be a job class`);
    }
    registry.register(name, jobClass as JobClass);
  }
  return registry;
}

function middlewareFrom(middleware: ConveyorConfig['middleware']): MiddlewareRegistry | undefined {
  if (middleware === undefined || middleware instanceof MiddlewareRegistry) return middleware;
  const registry = new MiddlewareRegistry();
  for (const [name, fn] of Object.entries(middleware)) {
    if (typeof fn !== 'function') {
      throw new QueueError('ERR_CONFIG_INVALID', `middleware['${name}'] in the config must be a function`);
    }
    registry.register(name, fn);
  }
  return registry;
}
