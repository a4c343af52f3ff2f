/**
 * @module cli/main
 * The `conveyor` executable's entry: runs the program and exits with its code.
 */
import { run } from './program.js';

const code = await run(process.argv);
process.exitCode = code;
// A driver that keeps a socket or timer alive must not keep a finished command running.
setTimeout(() => process.exit(code), 2000).unref();
