/**
 * @module cli/demo/print-demo-summary
 * The demo's closing report for people.
 */
import { colors, formatDuration, type Output, truncate } from '../output.js';
import type { DemoSummary } from './run-demo.js';

/** Prints `summary` as an aligned report. */
export function printDemoSummary(out: Output, summary: DemoSummary): void {
  const n = (value: number) => value.toLocaleString('en-US');
  // Pad before coloring: escape codes would count as width.
  const row = (label: string, value: string, note = '', color = (text: string) => text) =>
    out.line(`  ${label.padEnd(13)}${color(value.padStart(7))}${note ? `  ${colors.dim(note)}` : ''}`);
  const { delayed, encrypted, failed } = summary;
  out.line();
  out.line(colors.bold(`Conveyor demo on ${summary.connection}`));
  row('pushed', n(summary.total), `jobs in ${formatDuration(summary.pushMs)}`);
  row('processed', n(summary.processed), '', colors.green);
  row('retried', n(summary.retried), 'releases with a 0.2s backoff', colors.yellow);
  row('failed', n(failed.total), 'after their last try, by reason:', colors.red);
  for (const { reason, count } of failed.reasons) {
    out.line(`  ${''.padEnd(13)}${String(count).padStart(7)}  ${truncate(reason, 120)}`);
  }
  const delayNote =
    delayed.early > 0
      ? `${delayed.early} ran early!`
      : `at most ${formatDuration(delayed.maxLateMs)} after due`;
  row('delayed', `${n(delayed.ran)}/${n(delayed.total)}`, `1–2s delays, ${delayNote}`);
  row('encrypted ok', `${encrypted.ok}/${encrypted.total}`, 'AES-256-GCM with a key made for this run');
  row('throughput', n(summary.peakJobsPerSecond), `jobs/s at peak, concurrency ${summary.concurrency}`);
  row(
    'overall',
    n(summary.jobsPerSecond),
    `jobs/s: all done in ${formatDuration(summary.seconds * 1000)}, delays included`,
  );
  if (!summary.complete) {
    out.line(
      colors.red(
        `  gave up before every job finished (${n(summary.processed + failed.total)}/${n(summary.total)})`,
      ),
    );
  }
}
