/**
 * @module cli/exit-codes
 * The CLI's documented exit codes, and the error a command throws to end with one of them.
 */
import { QueueError } from '../core/errors/queue-error.js';

/** Exit codes, as `conveyor --help` lists them. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** Something went wrong (storage unreachable, bad config, a job could not be pushed…). */
  error: 1,
  /** Bad usage: unknown command or option, bad option value, missing argument. */
  usage: 2,
  /** Nothing to do: an unknown id, `work --once` on an empty queue. */
  nothing: 3,
} as const;

/** One of the exit codes above. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Ends a command with `exitCode` and a message for the user. Code `ERR_CLI_USAGE` or `ERR_CLI_NOTHING`. */
export class CliExit extends QueueError {
  constructor(
    readonly exitCode: ExitCodeValue,
    message: string,
  ) {
    super(exitCode === ExitCode.usage ? 'ERR_CLI_USAGE' : 'ERR_CLI_NOTHING', message);
  }

  /** Bad usage (exit 2). */
  static usage(message: string): CliExit {
    return new CliExit(ExitCode.usage, message);
  }

  /** Nothing to do (exit 3). */
  static nothing(message: string): CliExit {
    return new CliExit(ExitCode.nothing, message);
  }
}

/** The text `conveyor --help` ends with. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  error (storage unreachable, invalid config, a job could not be pushed, ...)
  2  usage error (unknown command or option, bad option value, missing argument)
  3  nothing to do (unknown failed-job id, \`work --once\` found no job)`;
