/**
 * @module core/watchdog
 * Job timeouts with one timer per runner instead of one per job: the timer is armed for the
 * earliest deadline, and on firing it times out every run past its deadline and re-arms for
 * the next. A finished run just leaves the set; a timer that fires early only rescans.
 */

/** Something with a deadline that can be timed out. */
export interface Watched {
  deadline: number;
  timeOut(): void;
}

/** Times out watched runs at their deadlines. */
export class Watchdog {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;

  /** Watches `run` until `unwatch`; calls `run.timeOut()` once `run.deadline` (epoch ms) passes. */
  watch(run: Watched): void {
    this.watched.add(run);
    if (run.deadline < this.armedFor) this.arm(run.deadline);
  }

  unwatch(run: Watched): void {
    this.watched.delete(run);
    if (this.watched.size === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.armedFor = Number.POSITIVE_INFINITY;
    }
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - Date.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const run of this.watched) {
      if (run.deadline <= now) {
        this.watched.delete(run);
        run.timeOut();
      } else if (run.deadline < next) {
        next = run.deadline;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
  }
}
