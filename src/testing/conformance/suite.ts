/**
 * @module testing/conformance/suite
 * Wraps the runner so each conformance test gets a fresh driver, unique queue names,
 * and closes and cleans up every driver it made, whatever the outcome.
 */
import { randomBytes } from 'node:crypto';
import type { Driver } from '../../drivers/driver.js';
import type { ConformanceHarness, ConformanceTarget } from './index.js';

/** What a test body receives. */
export interface TestScope {
  /** The driver under test, already connected. */
  driver: Driver;
  /** A queue name unique to this test run (letters, digits and dashes only). */
  queue(label: string): string;
  /** A second connected driver on the same storage, or `undefined` when the target has none. */
  sibling(): Promise<Driver | undefined>;
}

/** The registration surface the test files use. */
export interface Suite {
  describe(name: string, fn: () => void): void;
  /** Registers a test; default timeout 15 s. */
  test(name: string, body: (scope: TestScope) => Promise<void>, timeoutMs?: number): void;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Builds the suite's registration surface over a runner and a target. */
export function createSuite(target: ConformanceTarget, harness: ConformanceHarness): Suite {
  const runId = randomBytes(3).toString('hex');
  let testCounter = 0;
  return {
    describe: (name, fn) => harness.describe(name, fn),
    test(name, body, timeoutMs = DEFAULT_TIMEOUT_MS) {
      harness.it(name, () => runOne(target, `cf-${runId}-${++testCounter}`, body), timeoutMs);
    },
  };
}

async function runOne(target: ConformanceTarget, prefix: string, body: (scope: TestScope) => Promise<void>) {
  const made: Driver[] = [];
  let failure: unknown;
  try {
    const driver = await target.create();
    made.push(driver);
    await driver.connect();
    await body({
      driver,
      queue: (label) => `${prefix}-${label}`,
      async sibling() {
        if (!target.sibling) return undefined;
        const other = await target.sibling(driver);
        made.push(other);
        await other.connect();
        return other;
      },
    });
  } catch (error) {
    failure = error;
  }
  // Close the newest first: siblings may share the first driver's resources.
  for (const driver of made.reverse()) {
    try {
      await driver.close();
      await target.cleanup?.(driver);
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
}
