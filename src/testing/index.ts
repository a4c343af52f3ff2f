/**
 * @module testing
 * `conveyor/testing`: QueueFake and the driver conformance suite.
 */
export {
  type ConformanceHarness,
  type ConformanceTarget,
  runDriverConformance,
} from './conformance/index.js';
export {
  type JobMatcher,
  type PushedJob,
  type PushFilter,
  QueueFake,
  type QueueFakeOptions,
} from './queue-fake.js';
