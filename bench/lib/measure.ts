/**
 * @module bench/lib/measure
 * Shared by the side-by-side benchmarks: timing, waiting, and a table with ratios.
 */
import { performance } from 'node:perf_hooks';

/** One measured figure of one library at one setting. */
export interface Figure {
  library: string;
  setting: string;
  metric: string;
  /** Jobs per second, or milliseconds for latency metrics. */
  value: number;
  unit: 'jobs/s' | 'ms';
}

/** Runs `fn` and returns elapsed seconds. */
export async function seconds(fn: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

/** Polls `predicate` every `everyMs` until true or `timeoutMs` (then throws). */
export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 600_000, everyMs = 2) {
  const started = performance.now();
  while (!(await predicate())) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`benchmark step timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The p-th percentile (0–100) of `values`. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Prints one table per metric: a row per setting, a column per library, and the ratio of
 * `ours` to each peer (for latency, peer ÷ ours, so above 1 always means ours is better).
 */
export function printTable(figures: Figure[], ours: string): void {
  const metrics = [...new Set(figures.map((f) => f.metric))];
  const libraries = [...new Set(figures.map((f) => f.library))];
  const peers = libraries.filter((l) => l !== ours);
  for (const metric of metrics) {
    const rows = figures.filter((f) => f.metric === metric);
    const unit = rows[0]?.unit ?? 'jobs/s';
    const settings = [...new Set(rows.map((f) => f.setting))];
    const header = ['setting', ...libraries.map((l) => `${l} ${unit}`), ...peers.map((p) => `×${p}`)];
    const lines = settings.map((setting) => {
      const value = (library: string) =>
        rows.find((r) => r.library === library && r.setting === setting)?.value;
      const mine = value(ours);
      const cells = libraries.map((l) => format(value(l), unit));
      const ratios = peers.map((p) => {
        const peer = value(p);
        if (mine === undefined || peer === undefined || mine === 0 || peer === 0) return '—';
        return `${(unit === 'ms' ? peer / mine : mine / peer).toFixed(2)}`;
      });
      return [setting, ...cells, ...ratios];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    console.log(`\n${metric}`);
    console.log(header.map((h, i) => h.padStart(widths[i]!)).join('  '));
    for (const line of lines) console.log(line.map((c, i) => c.padStart(widths[i]!)).join('  '));
  }
}

function format(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  return unit === 'ms' ? value.toFixed(2) : Math.round(value).toLocaleString('en-US');
}
