/**
 * @module cli/demo/demo-plan
 * How `--jobs N` splits into the demo's kinds of job.
 */

/** Job counts per kind; they add up to `total`. */
export interface DemoPlan {
  total: number;
  quick: number;
  /** Fail once, then succeed. */
  flaky: number;
  /** Always fail (two tries). */
  doomed: number;
  /** Delayed by 1–2 s. */
  delayed: number;
  encrypted: 1;
  unknown: 1;
}

/** The smallest `--jobs` that still holds one job of every kind. */
export const MIN_DEMO_JOBS = 10;

/** 5% flaky, 1% doomed, 2% delayed (at least one each), one encrypted, one unknown, the rest quick. */
export function planDemo(total: number): DemoPlan {
  const flaky = Math.max(1, Math.round(total * 0.05));
  const doomed = Math.max(1, Math.round(total * 0.01));
  const delayed = Math.max(1, Math.round(total * 0.02));
  const quick = total - flaky - doomed - delayed - 2;
  return { total, quick, flaky, doomed, delayed, encrypted: 1, unknown: 1 };
}
