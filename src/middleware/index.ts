/**
 * @module middleware
 * Job middleware: the registry and the built-ins.
 */
export type { MiddlewareContext } from './middleware-context.js';
export { MiddlewareRegistry, type NamedMiddleware, runPipeline } from './middleware-registry.js';
export { rateLimit } from './rate-limit.js';
export { skipIf } from './skip-if.js';
export { throttleExceptions } from './throttle-exceptions.js';
export { withoutOverlapping } from './without-overlapping.js';
