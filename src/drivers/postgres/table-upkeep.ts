/**
 * @module drivers/postgres/table-upkeep
 * Vacuums the jobs table after every `vacuumEvery` jobs this driver claimed.
 *
 * Why a driver vacuums: every claimed and every completed job leaves a dead entry in the claim
 * index, at its head, where every claim starts reading. Scans skip dead entries but still walk
 * their pages, and only VACUUM removes them, so a queue that outruns autovacuum slows down
 * with every job it ran (measured: a 1M-job burn-down with autovacuum off fell from 13k to
 * 1k jobs/s, each claim reading 48k buffers). Autovacuum wakes once a minute at best; at 15k jobs/s
 * that is a million dead entries. A vacuum of a queue-sized table costs a few tens of ms.
 *
 * A vacuum's cost grows with the table (≈ 10 ms on 50k queued jobs, 140 ms on 1M: it reads every
 * index page), so after each one the next waits at least `DUTY` times its duration: vacuuming
 * never takes more than about 5% of the time, however big the backlog.
 *
 * `INDEX_CLEANUP ON`, because the dead entries in the indexes are the point (PostgreSQL may
 * otherwise skip index cleanup when few heap pages have dead rows); `SKIP_LOCKED`, so that
 * when several workers reach their count together, one vacuums and the others go on.
 * Runs on a pooled connection, one at a time per driver, never awaited by a claim.
 */
import type { RunStatement } from './run-statement.js';
import type { Statement } from './statements.js';

/** Time between vacuums, as a multiple of the last one's duration (a 5% duty cycle). */
const DUTY = 19;

/** Counts claimed jobs and starts a background vacuum every `every` of them (0 = never). */
export class TableUpkeep {
  private sinceVacuum = 0;
  private running: Promise<void> | undefined;
  private disabled = false;
  private notBefore = 0;

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
   * A claim found nothing: the backlog is drained. One vacuum now frees what the last jobs left
   * and lets PostgreSQL truncate the emptied table, so it shrinks back after a burst.
   */
  drained(): void {
    if (this.every > 0 && !this.disabled && this.sinceVacuum > 0) this.start();
  }

  private start(): void {
    if (this.running) return;
    const started = Date.now();
    if (started < this.notBefore) return;
    this.sinceVacuum = 0;
    const done = (): void => {
      this.running = undefined;
      this.notBefore = Date.now() + (Date.now() - started) * DUTY;
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
