/**
 * @module core/connection-runtime
 * What a connection needs to turn jobs into payloads and back: the registry, the codec
 * (encryption, signing) and the middleware registry. A manager shares one among its connections.
 */
import { MiddlewareRegistry } from '../middleware/middleware-registry.js';
import { JobRegistry } from './job-registry.js';
import { type CodecOptions, type EncryptionConfig, PayloadCodec } from './payload/index.js';

/** Shared by every connection of a manager. */
export interface ConnectionRuntime {
  registry: JobRegistry;
  codec: PayloadCodec;
  /** What the codec was built from (job threads build their own codec from it). */
  codecOptions: CodecOptions;
  middleware: MiddlewareRegistry;
}

/** Options that build a runtime. */
export interface RuntimeOptions {
  /** Job classes by name (default: a new, empty registry; pushed classes register themselves). */
  registry?: JobRegistry | undefined;
  /** AES-256-GCM key and previous keys (default: none; encrypted jobs are then refused). */
  encryption?: EncryptionConfig | undefined;
  /** HMAC key; workers then refuse unsigned or altered payloads (default: none). */
  signing?: { key: string | Buffer } | undefined;
  /** Named middleware (default: the built-ins). */
  middleware?: MiddlewareRegistry | undefined;
}

/** Builds a runtime, filling in defaults. */
export function createRuntime(options: RuntimeOptions = {}): ConnectionRuntime {
  const codecOptions: CodecOptions = { encryption: options.encryption, signing: options.signing };
  return {
    registry: options.registry ?? new JobRegistry(),
    codec: new PayloadCodec(codecOptions),
    codecOptions,
    middleware: options.middleware ?? new MiddlewareRegistry(),
  };
}
