/**
 * @module drivers/mysql/reserve-turns
 * Reserves from one process on the same queues take turns. Concurrent reserves would choose the
 * same candidates and fight over their locks; taking turns costs little, since one reserve is a
 * single round trip, and leaves the spare candidates for reservers in other processes.
 * Keyed by storage (database + table prefix) and queue list, so sibling drivers share turns.
 */

const tails = new Map<string, Promise<void>>();

/** Runs `work` once every earlier call with the same `key` has settled; resolves to its result. */
export function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key);
  const run = previous === undefined ? work() : previous.then(work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
