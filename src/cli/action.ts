/**
 * @module cli/action
 * Wraps a command handler: builds its context from the global options, prints its error the
 * same way for every command, closes connections, and records the exit code.
 */
import type { Command } from 'commander';
import { QueueError } from '../core/errors/queue-error.js';
import { CliContext, type GlobalOptions } from './context.js';
import { CliExit, ExitCode } from './exit-codes.js';

/** A command body: returns an exit code (default 0) or throws. */
export type Handler<A extends unknown[]> = (context: CliContext, ...args: A) => Promise<number | undefined>;

/** Holds the exit code of the command that ran. */
export interface RunState {
  exitCode: number;
}

/** Makes commander action callbacks that report into `state`. */
export function actions(state: RunState) {
  return <A extends unknown[]>(handler: Handler<A>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const context = new CliContext(command.optsWithGlobals<GlobalOptions>());
      try {
        state.exitCode = (await handler(context, ...(args.slice(0, -1) as A))) ?? ExitCode.ok;
      } catch (error) {
        context.out.error(error);
        state.exitCode = exitCodeOf(error);
      } finally {
        await context.close().catch(() => undefined);
      }
    };
}

// A wrong --config path or --connection name is a usage mistake, not a failure of the queue.
const USAGE_CODES = new Set(['ERR_CONFIG_NOT_FOUND', 'ERR_CONNECTION_NOT_FOUND']);

function exitCodeOf(error: unknown): number {
  if (error instanceof CliExit) return error.exitCode;
  if (error instanceof QueueError && USAGE_CODES.has(error.code)) return ExitCode.usage;
  return ExitCode.error;
}

/** The factory `actions(state)` returns. */
export type Act = ReturnType<typeof actions>;
