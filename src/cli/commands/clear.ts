/**
 * @module cli/commands/clear
 * `conveyor clear [queue]`: removes every job of a queue (or of all queues with `--all`);
 * failed jobs stay. Asks first on a terminal; elsewhere it needs `--force`.
 */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { Driver } from '../../drivers/driver.js';
import type { Act } from '../action.js';
import { CliExit, ExitCode } from '../exit-codes.js';
import { colors } from '../output.js';

interface ClearOptions {
  all?: boolean;
  force?: boolean;
}

/** Registers `clear`. */
export function registerClearCommand(program: Command, act: Act): void {
  program
    .command('clear')
    .description("remove every job of a queue (default: the connection's default queue); failed jobs stay")
    .argument('[queue]', 'queue name')
    .option('--all', 'clear every queue of the connection')
    .option('-f, --force', 'do not ask for confirmation (required when stdin is not a terminal)')
    .action(
      act(async (context, queue: string | undefined, options: ClearOptions) => {
        if (queue !== undefined && options.all) throw CliExit.usage('give a queue or --all, not both');
        const connection = await context.connection();
        const { driver } = connection;
        const queues = options.all ? await driver.queues() : [queue ?? connection.getDefaultQueue()];
        const count = await countJobs(driver, queues);
        const label = options.all ? 'every queue' : `queue '${queues[0]}'`;
        const where = `${label} on connection '${connection.getName()}'`;
        if (!options.force) {
          if (!process.stdin.isTTY) {
            throw CliExit.usage(`clear removes jobs from ${where}: pass --force to confirm`);
          }
          if (!(await confirm(`Remove ${count} job${count === 1 ? '' : 's'} from ${where}? [y/N] `))) {
            context.out.line('Nothing removed.');
            return ExitCode.nothing;
          }
        }
        if (options.all) await driver.clearAll();
        else await driver.clear(queues[0]!);
        context.out.data({ connection: connection.getName(), queues, removed: count });
        context.out.line(`${colors.green('✓')} removed ${count} job${count === 1 ? '' : 's'} from ${where}`);
        return undefined;
      }),
    );
}

async function countJobs(driver: Driver, queues: string[]): Promise<number> {
  let total = 0;
  for (const queue of queues) {
    const sizes = await driver.sizes(queue);
    total += sizes.ready + sizes.delayed + sizes.reserved;
  }
  return total;
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}
