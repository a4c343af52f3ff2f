/**
 * @module drivers/postgres/table-upkeep
 * Vacuums the jobs table after every `vacuumEvery` jobs this driver claimed.
 *
 * Why a driver vacuums: every completed job leaves a dead entry in the claim index, at its
 * head, where every claim starts reading. Scans skip dead entries but still walk their pages,
 * and only VACUUM removes them, so a queue that outruns autovacuum slows down with every job it
 * ran (measured: a 1M-job burn-down with autovacuum off fell from 13k to 1k jobs/s, each claim
 * reading 48k buffers). Autovacuum wakes once a minute at best; at 15k jobs/s that is a million
 * dead entries. A vacuum of a queue-sized table costs a few tens of ms.
 *
 * A vacuum's cost grows with the table: it reads every index page, and the first one after a
 * push every new heap page (measured on a busy 2-core machine: 50–130 ms with 50k jobs queued,
 * 80–200 ms with 1M, ≈ 1 s for the first one there). So after each one the next waits `DUTY`
 * times its duration (a 5% duty cycle), but at most `MAX_PAUSE_MS`: on a big backlog the dead
 * entries the claims walk in a longer pause cost more than the vacuum (measured: uncapped, the
 * 1M burn-down waited 19 s after its first vacuum and fell to 7k jobs/s before the next one).
 *
 * `INDEX_CLEANUP ON`, because the dead entries in the indexes are the point (PostgreSQL may
 * otherwise skip index cleanup when few heap pages have dead rows); `SKIP_LOCKED`, so that
 * when several workers reach their count together, one vacuums and the others go on;
 * `PARALLEL 0`, because a parallel index vacuum first starts a worker process, which took
 * ≈ 0.3 s of every vacuum here (a 54 ms vacuum took 490 ms with it).
 * Runs on a pooled connection, one at a time per driver, never awaited by a claim.
 */
import type { RunStatement } from './run-statement.js';
import type { Statement } from './statements.js';

/** Time between vacuums, as a multiple of the last one's duration (a 5% duty cycle). */
const DUTY = 19;

/** The longest pause after a vacuum (ms). */
const MAX_PAUSE_MS = 1000;

/** Jobs claimed since the last vacuum that make a drained queue worth a vacuum at once (a burst). */
const BURST = 1000;

/** After fewer jobs than a burst, a drained queue is vacuumed at most this often (ms). */
const TRICKLE_PAUSE_MS = 30_000;

/** Counts claimed jobs and starts a background vacuum every `every` of them (0 = never). */
export class TableUpkeep {
  private sinceVacuum = 0;
  private running: Promise<void> | undefined;
  private disabled = false;
  private notBefore = 0;
  private lastStarted = 0;

  constructor(
    private readonly run: RunStatement,
    private readonly vacuum: Statement,
    private readonly every: number,
  ) {}

  /** `count` jobs were just claimed. */
  claimed(count: number): void {
    if (this.every <= 0 || this.disabled) return;
    this.sinceVacuum += count;
    if (this.sinceVacuum >= this.every) this.start();
  }

  /**
   * A claim found nothing: the backlog is drained. After a burst, one vacuum now frees what the
   * last jobs left and lets PostgreSQL truncate the emptied table, so it shrinks back. A trickle
   * (a few jobs between idle claims) waits `TRICKLE_PAUSE_MS`: a vacuum a second there cost
   * the enqueue→start p99 (18–29 ms against 8 ms without).
   */
  drained(): void {
    if (this.every <= 0 || this.disabled || this.sinceVacuum === 0) return;
    const burst = this.sinceVacuum >= Math.min(BURST, this.every);
    if (burst || Date.now() - this.lastStarted >= TRICKLE_PAUSE_MS) this.start();
  }

  private start(): void {
    if (this.running) return;
    const started = Date.now();
    if (started < this.notBefore) return;
    this.sinceVacuum = 0;
    this.lastStarted = started;
    const done = (): void => {
      this.running = undefined;
      this.notBefore = Date.now() + Math.min((Date.now() - started) * DUTY, MAX_PAUSE_MS);
    };
    this.running = this.run(this.vacuum, []).then(done, (error: unknown) => {
      done();
      // a role that may not vacuum gets a warning, not an error; anything else: stop trying
      if ((error as { code?: string }).code !== '57014') this.disabled = true;
    });
  }

  /** Waits for a running vacuum (at close). */
  async settle(): Promise<void> {
    await this.running;
  }
}
