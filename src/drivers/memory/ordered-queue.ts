/**
 * @module drivers/memory/ordered-queue
 * A min-queue by `(at, seq)` tuned for the common case of in-order pushes.
 *
 * Jobs are mostly pushed in order (same priority, `availableAt = now`, rising `seq`), so an
 * in-order push appends to a sorted run consumed through a head index (O(1), no `Array.shift`);
 * only an out-of-order push (a reclaimed lease, a promoted delayed job, an old `availableAt`)
 * goes to a binary heap. `shift` takes the smaller of the two heads.
 */

/** An item ordered by `at`, ties broken by `seq`. */
export interface Ordered {
  at: number;
  seq: number;
}

function before(a: Ordered, b: Ordered): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Compact the run once this many consumed slots make up more than half of it. */
const COMPACT_AFTER = 4096;

/** A priority queue of `Ordered` items, smallest first. */
export class OrderedQueue<T extends Ordered> {
  private run: (T | undefined)[] = [];
  private head = 0;
  private heap: T[] = [];

  /** Items held, live or not. */
  get length(): number {
    return this.run.length - this.head + this.heap.length;
  }

  push(item: T): void {
    const run = this.run;
    const n = run.length;
    if (n === this.head) {
      if (n !== 0) {
        run.length = 0;
        this.head = 0;
      }
      run.push(item);
      return;
    }
    if (before(item, run[n - 1] as T)) this.heapPush(item);
    else run.push(item);
  }

  /** The smallest item, left in place. */
  peek(): T | undefined {
    const a = this.run[this.head];
    const b = this.heap[0];
    if (b === undefined) return a;
    if (a === undefined) return b;
    return before(b, a) ? b : a;
  }

  /** Removes and returns the smallest item. */
  shift(): T | undefined {
    const a = this.run[this.head];
    const b = this.heap[0];
    if (a !== undefined && (b === undefined || !before(b, a))) {
      this.run[this.head++] = undefined;
      if (this.head >= COMPACT_AFTER && this.head * 2 > this.run.length) {
        this.run = this.run.slice(this.head);
        this.head = 0;
      }
      return a;
    }
    return b === undefined ? undefined : this.heapPop();
  }

  /** Visits every item, in no particular order. */
  forEach(fn: (item: T) => void): void {
    for (let i = this.head; i < this.run.length; i++) fn(this.run[i] as T);
    for (const item of this.heap) fn(item);
  }

  /** Drops the items `keep` rejects, in O(n). */
  retain(keep: (item: T) => boolean): void {
    const run: T[] = [];
    for (let i = this.head; i < this.run.length; i++) {
      const item = this.run[i] as T;
      if (keep(item)) run.push(item);
    }
    this.run = run;
    this.head = 0;
    this.heap = this.heap.filter(keep);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private heapPush(item: T): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as T;
      if (!before(item, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  private heapPop(): T {
    const heap = this.heap;
    const top = heap[0] as T;
    const last = heap.pop() as T;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[start] as T;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(heap[right] as T, heap[child] as T)) child = right;
      const c = heap[child] as T;
      if (!before(c, item)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = item;
  }
}
