/**
 * @module cli/demo/print-demo-summary
 * The demo's closing report for people.
 */
import { colors, formatDuration, type Output, truncate } from '../output.js';
import type { DemoSummary } from './run-demo.js';

/** Prints `summary` as an aligned report. */
export function printDemoSummary(out: Output, summary: DemoSummary): void {
  const n = (value: number) => value.toLocaleString('en-US');
  const row = (label: string, value: string, note = '') =>
    out.line(`  ${label.padEnd(13)}${value.padStart(7)}${note ? `  ${colors.dim(note)}` : ''}`);
  const { delayed, encrypted, failed } = summary;
  out.line();
  out.line(colors.bold(`Conveyor demo on ${summary.connection}`));
  row('pushed', n(summary.total), `jobs in ${formatDuration(summary.pushMs)}`);
  row('processed', colors.green(n(summary.processed)));
  row('retried', colors.yellow(n(summary.retried)), 'releases with a 0.2s backoff');
  row('failed', colors.red(n(failed.total)), 'after their last try, by reason:');
  for (const { reason, count } of failed.reasons) {
    out.line(`  ${''.padEnd(13)}${String(count).padStart(7)}  ${truncate(reason, 100)}`);
  }
  const delayNote =
    delayed.early > 0
      ? `${delayed.early} ran early!`
      : `at most ${formatDuration(delayed.maxLateMs)} after due`;
  row('delayed', `${n(delayed.ran)}/${n(delayed.total)}`, `1–2s delays, ${delayNote}`);
  row('encrypted ok', `${encrypted.ok}/${encrypted.total}`, 'AES-256-GCM with a key made for this run');
  row(
    'throughput',
    n(summary.jobsPerSecond),
    `jobs/s over ${formatDuration(summary.seconds * 1000)}, concurrency ${summary.concurrency}`,
  );
  if (!summary.complete) {
    out.line(
      colors.red(
        `  gave up before every job finished (${n(summary.processed + failed.total)}/${n(summary.total)})`,
      ),
    );
  }
}
