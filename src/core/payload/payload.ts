/**
 * @module core/payload/payload
 * The stored job document (DESIGN §3), version 1.
 */

/** One job as stored: readable metadata, encoded (or sealed) `props` and `data`. */
export interface Payload {
  /** Format version; this code reads and writes 1. */
  v: 1;
  /** Sortable unique id, fixed at first push and kept through releases and retries. */
  id: string;
  /** The job's registry name. */
  name: string;
  queue: string;
  connection: string;
  /** Epoch milliseconds of the first push. */
  createdAt: number;
  /** Epoch milliseconds from which the job may run. */
  availableAt: number;
  /** Higher runs first within a queue (default 0). */
  priority: number;
  tags: string[];
  /** Attempt limit from the job or options; `null` defers to the worker (0 = unlimited). */
  maxTries: number | null;
  maxExceptions: number | null;
  /** Seconds before each retry; the last repeats. Empty defers to the worker. */
  backoff: number[];
  /** Seconds per attempt; `null` defers to the worker (0 = none). */
  timeout: number | null;
  /** Epoch milliseconds after which the job is not retried; `null` for none. */
  retryUntil: number | null;
  failOnTimeout: boolean;
  middleware: string[];
  /** The job's own properties: an encoded value, or a sealed string when `enc` is set. */
  props: unknown;
  /** The data given at push: an encoded value, or a sealed string when `enc` is set. */
  data: unknown;
  /** Id of the key that sealed `props` and `data`; absent when not encrypted. */
  enc?: string;
  /** HMAC-SHA256 over the rest of the document; absent when not signed. */
  sig?: string;
}

/** The metadata a connection supplies to build a payload. */
export type PayloadMeta = Omit<Payload, 'v' | 'props' | 'data' | 'enc' | 'sig'>;
