/**
 * @module cli/commands/demo
 * `conveyor demo`: pushes a realistic mix of jobs into a dedicated SQLite file (or the
 * `--connection` given), works them with a live progress bar, and summarizes.
 */
import type { Command } from 'commander';
import type { ConnectionConfig } from '../../core/create-connection.js';
import type { Act } from '../action.js';
import type { CliContext } from '../context.js';
import { MIN_DEMO_JOBS, planDemo } from '../demo/demo-plan.js';
import { printDemoSummary } from '../demo/print-demo-summary.js';
import { runDemo } from '../demo/run-demo.js';
import { CliExit, ExitCode } from '../exit-codes.js';
import { integer } from '../parse-options.js';

/** The demo's own database, so it never touches the default queue. */
export const DEMO_CONNECTION_URL = 'sqlite://./.conveyor/demo.db';

/** Registers `demo`. */
export function registerDemoCommand(program: Command, act: Act): void {
  program
    .command('demo')
    .description(
      `push a mix of jobs into ${DEMO_CONNECTION_URL} and work them, with live progress and a summary`,
    )
    .option('-n, --jobs <n>', `how many jobs (at least ${MIN_DEMO_JOBS})`, integer(MIN_DEMO_JOBS), 2000)
    .option('-c, --concurrency <n>', 'jobs run at once', integer(1), 20)
    .action(
      act(async (context, options: { jobs: number; concurrency: number }) => {
        const { label, connection } = await demoConnection(context);
        const summary = await runDemo({
          plan: planDemo(options.jobs),
          connection,
          label,
          concurrency: options.concurrency,
          progress: !context.out.json,
        });
        context.out.data(summary);
        printDemoSummary(context.out, summary);
        return summary.complete ? ExitCode.ok : ExitCode.error;
      }),
    );
}

/** `--connection` as a URL, or a connection name from the config; the demo file otherwise. */
async function demoConnection(context: CliContext): Promise<{ label: string; connection: ConnectionConfig }> {
  const name = context.globals.connection;
  if (name === undefined) return { label: DEMO_CONNECTION_URL, connection: DEMO_CONNECTION_URL };
  if (name.includes('://')) return { label: name, connection: name };
  const { config } = await context.config();
  const entry = config.connections?.[name];
  if (entry === undefined) {
    const known = Object.keys(config.connections ?? {});
    throw CliExit.usage(
      `No connection '${name}' in the config${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}; a URL works too`,
    );
  }
  if (typeof entry === 'object' && 'getName' in entry) {
    throw CliExit.usage(`Connection '${name}' is a connection object; give the demo a URL with --connection`);
  }
  return { label: `connection '${name}'`, connection: entry as ConnectionConfig };
}
