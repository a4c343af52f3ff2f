/**
 * @module cli/job-reporter
 * One line per job outcome of a worker: `✓ send-email 01J… 3ms`, `↻ … retry in 5s: reason`,
 * `✗ … reason` for people, or one JSON object per line with `--json`.
 */
import { performance } from 'node:perf_hooks';
import type { JobEventInfo } from '../contracts/worker-events.js';
import type { Worker } from '../core/worker.js';
import { colors, formatDuration, type Output, truncate } from './output.js';

/** Subscribes to `worker` and writes its job events to `out`; returns the unsubscribe function. */
export function reportJobs(worker: Worker, out: Output): () => void {
  const started = new Map<string, number>();
  const lastError = new Map<string, Error>();
  const elapsed = (id: string): number | undefined => {
    const start = started.get(id);
    started.delete(id);
    return start === undefined ? undefined : performance.now() - start;
  };
  const emit = (event: string, info: JobEventInfo, ms: number | undefined, extra: Record<string, unknown>) =>
    out.data({
      event,
      id: info.id,
      name: info.name,
      queue: info.queue,
      attempts: info.attempts,
      ms: ms === undefined ? null : Math.round(ms * 100) / 100,
      at: new Date().toISOString(),
      ...extra,
    });
  const head = (mark: string, info: JobEventInfo, ms: number | undefined) => {
    const attempt = info.attempts > 1 ? colors.dim(` (attempt ${info.attempts})`) : '';
    const time = ms === undefined ? '' : ` ${formatDuration(ms)}`;
    return `${mark} ${info.name} ${colors.dim(info.id)}${time}${attempt}`;
  };

  const off = [
    worker.on('processing', (_job, info) => {
      started.set(info.id, performance.now());
    }),
    worker.on('exception', (_job, error, info) => {
      lastError.set(info.id, error);
    }),
    worker.on('processed', (_job, info) => {
      const ms = elapsed(info.id);
      emit('processed', info, ms, {});
      out.line(head(colors.green('✓'), info, ms));
    }),
    worker.on('released', (_job, delay, info) => {
      const ms = elapsed(info.id);
      const error = lastError.get(info.id);
      lastError.delete(info.id);
      emit('released', info, ms, { delay, error: error ? errorJson(error) : null });
      const reason = error ? `: ${truncate(error.message, 100)}` : '';
      out.line(`${head(colors.yellow('↻'), info, ms)} ${colors.yellow(`retry in ${delay}s${reason}`)}`);
    }),
    worker.on('failed', (_job, error, info) => {
      const ms = elapsed(info.id);
      lastError.delete(info.id);
      emit('failed', info, ms, { error: errorJson(error) });
      out.line(
        `${head(colors.red('✗'), info, ms)} ${colors.red(truncate(`${error.name}: ${error.message}`, 160))}`,
      );
    }),
    worker.on('error', (error) => {
      out.data({ event: 'error', error: errorJson(error), at: new Date().toISOString() });
      out.note(`${colors.red('!')} ${error.message}`);
    }),
  ];
  return () => {
    for (const unsubscribe of off) unsubscribe();
  };
}

function errorJson(error: Error): { name: string; message: string } {
  return { name: error.name, message: error.message };
}
