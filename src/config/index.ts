/**
 * @module config
 * `conveyor.config.*`: its shape, the loader and the manager it describes.
 */
export { createManager, registryFrom } from './create-manager.js';
export { type ConveyorConfig, defineConfig, type WorkerConfig } from './define-config.js';
export {
  CONFIG_FILES,
  findConfig,
  isTypeScript,
  type LoadConfigOptions,
  type LoadedConfig,
  loadConfig,
} from './load-config.js';
