/**
 * @module config/load-config
 * Finds and imports `conveyor.config.{ts,mjs,js}`. A TypeScript config is imported through
 * tsx's API, which is only needed when the config is TypeScript.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QueueError } from '../core/errors/queue-error.js';
import type { ConveyorConfig } from './define-config.js';

/** The file names looked for in the working directory, in this order. */
export const CONFIG_FILES = ['conveyor.config.ts', 'conveyor.config.mjs', 'conveyor.config.js'] as const;

/** Where to look (default: the process's cwd, and the file names above). */
export interface LoadConfigOptions {
  /** Directory searched and against which `path` resolves (default `process.cwd()`). */
  cwd?: string | undefined;
  /** An explicit config file (`--config`); it must exist. */
  path?: string | undefined;
}

/** A loaded config and the file it came from (`undefined`: none found, the embedded default applies). */
export interface LoadedConfig {
  config: ConveyorConfig;
  path: string | undefined;
}

/** Finds, imports and checks the config; with no file found, returns `{ config: {} }`. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const path = findConfig(cwd, options.path);
  if (path === undefined) return { config: {}, path: undefined };
  const module = await importConfig(path);
  return { config: configFrom(module, path), path };
}

/** The config file to load, or undefined when none exists and none was asked for. */
export function findConfig(cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new QueueError('ERR_CONFIG_NOT_FOUND', `No config file at ${path}: check the --config path`);
    }
    return path;
  }
  for (const name of CONFIG_FILES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** `true` for files that need a TypeScript loader. */
export function isTypeScript(path: string): boolean {
  return ['.ts', '.mts', '.cts'].includes(extname(path));
}

async function importConfig(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (!isTypeScript(path)) return (await import(url)) as Record<string, unknown>;
  const tsx = await loadTsx(path);
  return (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
}

/** tsx's `tsImport`. */
interface TsxApi {
  tsImport(specifier: string, parent: string): Promise<unknown>;
}

/**
 * tsx is the user's devDependency, so look for it from the config's directory first (strict
 * layouts like pnpm do not let this package see it), then from here.
 */
async function loadTsx(configPath: string): Promise<TsxApi> {
  const local = localTsxApi(configPath);
  try {
    return local !== undefined ? ((await import(local)) as TsxApi) : await import('tsx/esm/api');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new QueueError(
        'ERR_CONFIG_NEEDS_TSX',
        `${configPath} is TypeScript, and loading it needs tsx: run \`npm i -D tsx\`, or write the config as conveyor.config.mjs`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** The ESM entry of `tsx/esm/api` installed next to the config, read from tsx's own export map. */
function localTsxApi(configPath: string): string | undefined {
  try {
    const manifest = createRequire(configPath).resolve('tsx/package.json');
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      exports?: Record<string, { import?: { default?: string } } | string>;
    };
    const entry = exports?.['./esm/api'];
    const file = typeof entry === 'object' ? entry.import?.default : undefined;
    return file === undefined ? undefined : pathToFileURL(join(dirname(manifest), file)).href;
  } catch {
    // Not installed next to the config: fall back to resolving from this package.
    return undefined;
  }
}

function configFrom(module: Record<string, unknown>, path: string): ConveyorConfig {
  // tsx may wrap a CommonJS-looking module's default export once more.
  let candidate: unknown = module.default ?? module.config;
  if (isObject(candidate) && isObject(candidate.default) && !('connections' in candidate)) {
    candidate = candidate.default;
  }
  if (!isObject(candidate)) {
    throw invalid(path, 'it must `export default defineConfig({ ... })`');
  }
  for (const key of ['connections', 'jobs', 'worker', 'encryption', 'signing', 'middleware'] as const) {
    const value = candidate[key];
    if (value !== undefined && !isObject(value)) throw invalid(path, `'${key}' must be an object`);
  }
  if (candidate.default !== undefined && typeof candidate.default !== 'string') {
    throw invalid(path, "'default' must be a connection name");
  }
  return candidate as ConveyorConfig;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function invalid(path: string, reason: string): QueueError {
  return new QueueError('ERR_CONFIG_INVALID', `Invalid config ${path}: ${reason}`);
}
