/**
 * @module cli/program
 * The `conveyor` program: global options, every command, the help epilogue with exit codes,
 * and the mapping of commander's usage errors to exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { actions, type RunState } from './action.js';
import { registerClearCommand } from './commands/clear.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerFailedCommand } from './commands/failed.js';
import { registerKeyCommand } from './commands/key.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerSizeCommand } from './commands/size.js';
import { registerWorkCommand } from './commands/work.js';
import { EXIT_CODES_HELP, ExitCode } from './exit-codes.js';

/** The CLI's version, shown by `--version`. */
export const CLI_VERSION = '0.1.0';

/** Builds the program; `state.exitCode` holds the code of the command that ran. */
export function buildProgram(state: RunState): Command {
  const program = new Command('conveyor');
  program
    .description('Conveyor job queues: run workers, inspect queues and failed jobs, try the demo.')
    .version(CLI_VERSION)
    .option('--config <path>', 'config file (default: conveyor.config.{ts,mjs,js} in the current directory)')
    .option('--connection <name>', "connection to use (default: the config's default connection)")
    .option('--json', 'machine-readable output: JSON on stdout, one document or one line per event')
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `
Without a config file, Conveyor uses the embedded default: sqlite://./.conveyor/queue.db
${EXIT_CODES_HELP}`,
    )
    // Settings below are inherited by every command created after this point.
    .exitOverride();
  const act = actions(state);
  registerWorkCommand(program, act);
  registerFailedCommand(program, act);
  registerSizeCommand(program, act);
  registerClearCommand(program, act);
  registerMigrateCommand(program, act);
  registerKeyCommand(program, act);
  registerDemoCommand(program, act);
  return program;
}

/** Runs the CLI on `argv` (as `process.argv`) and resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const state: RunState = { exitCode: ExitCode.ok };
  const program = buildProgram(state);
  try {
    await program.parseAsync(argv);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeOf(error);
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.error;
  }
}

/** Asked-for help and version are success; help shown for a missing subcommand and every other commander error are usage errors. */
function exitCodeOf(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
  if (error.code === 'commander.help' && error.exitCode === 0) return ExitCode.ok;
  return ExitCode.usage;
}
