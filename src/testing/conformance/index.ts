/**
 * @module testing/conformance
 * The shared driver conformance suite (DESIGN §5): every driver runs it through its own test file,
 * and a third party can run it against its own driver.
 *
 * Runner-agnostic: it takes the runner's `describe` and `it` and asserts with `node:assert/strict`.
 *
 * Capabilities: a test whose feature a driver lacks (`driver.capabilities.*` is false) is still
 * registered and still runs, but asserts the weaker contract that holds without the feature
 * (for example, without `priority` every job is still delivered exactly once; without `leases`
 * a reservation never comes back by itself). Its name carries `[needs <capability>]`. Capabilities
 * are read from the driver `create()` returns, because they are known only then; tests are never
 * skipped, and never chosen by driver name.
 *
 * Every test makes its own driver through `target.create()`, uses unique queue names, closes its
 * drivers and then calls `target.cleanup` for each.
 */
import type { Driver } from '../../drivers/driver.js';
import { registerAtomicTests } from './atomic-tests.js';
import { registerBulkTests } from './bulk-tests.js';
import { registerConcurrencyTests } from './concurrency-tests.js';
import { registerDelayTests } from './delay-tests.js';
import { registerFailedStoreTests } from './failed-store-tests.js';
import { registerLeaseTests } from './lease-tests.js';
import { registerMalformedTests } from './malformed-tests.js';
import { registerOrderingTests } from './ordering-tests.js';
import { registerPriorityTests } from './priority-tests.js';
import { registerReleaseTests } from './release-tests.js';
import { registerSizesTests } from './sizes-tests.js';
import { createSuite } from './suite.js';
import { registerWakeupTests } from './wakeup-tests.js';

/** The test runner's functions (vitest, node:test, jest all fit). */
export interface ConformanceHarness {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void> | void, timeoutMs?: number): void;
}

/** The driver under test. */
export interface ConformanceTarget {
  /** Shown in test names. */
  name: string;
  /** A fresh driver on fresh, empty, isolated storage (own prefix/schema/file). Called per test. */
  create(): Promise<Driver>;
  /** A second driver on the SAME storage as `driver` (another client/process view). Optional. */
  sibling?(driver: Driver): Promise<Driver>;
  /** Called after each test with the drivers it made (the suite already called close()). Optional. */
  cleanup?(driver: Driver): Promise<void>;
}

/** Registers the whole suite with the given runner. Skips by `driver.capabilities` only. */
export function runDriverConformance(target: ConformanceTarget, harness: ConformanceHarness): void {
  const suite = createSuite(target, harness);
  harness.describe(`driver conformance: ${target.name}`, () => {
    registerOrderingTests(suite);
    registerDelayTests(suite);
    registerPriorityTests(suite);
    registerBulkTests(suite);
    registerReleaseTests(suite);
    registerLeaseTests(suite);
    registerConcurrencyTests(suite);
    registerFailedStoreTests(suite);
    registerSizesTests(suite);
    registerWakeupTests(suite);
    registerMalformedTests(suite);
    registerAtomicTests(suite);
  });
}
