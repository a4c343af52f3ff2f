/**
 * @module cli/failed-view
 * How failed jobs read in the CLI: the job name peeked from the raw payload, relative times.
 */
import type { FailedJobRecord } from '../drivers/driver.js';

/** The job name in a stored payload, or `'?'` when the payload is not readable JSON. */
export function jobNameOf(payload: string): string {
  try {
    const parsed: unknown = JSON.parse(payload);
    const name = (parsed as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : '?';
  } catch {
    return '?';
  }
}

/** A failed record for `--json`: the stored fields plus the job name; the payload only when asked. */
export function failedJson(record: FailedJobRecord, withPayload: boolean): Record<string, unknown> {
  const { payload, ...rest } = record;
  return { ...rest, name: jobNameOf(payload), ...(withPayload ? { payload } : {}) };
}

/** `12s ago`, `5m ago`, `3h ago`, `2d ago`. */
export function ago(epochMs: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** The payload pretty-printed when it is JSON, else as stored. */
export function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}
