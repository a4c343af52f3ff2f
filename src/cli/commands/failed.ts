/**
 * @module cli/commands/failed
 * `conveyor failed list|show|retry|forget|flush|prune`: the failed store of the selected
 * connection. `retry` lives in `failed-retry.ts`.
 */
import type { Command } from 'commander';
import type { Act } from '../action.js';
import { CliExit } from '../exit-codes.js';
import { ago, failedJson, jobNameOf, prettyPayload } from '../failed-view.js';
import { colors, truncate } from '../output.js';
import { integer, seconds } from '../parse-options.js';
import { registerFailedRetryCommand } from './failed-retry.js';

interface ListOptions {
  queue?: string;
  limit: number;
  offset: number;
}

/** Registers `failed` and its subcommands. */
export function registerFailedCommand(program: Command, act: Act): void {
  const failed = program.command('failed').description('inspect and act on failed jobs');

  failed
    .command('list')
    .description('list failed jobs, newest first')
    .option('-q, --queue <name>', 'only this queue')
    .option('-l, --limit <n>', 'how many to show', integer(1), 50)
    .option('--offset <n>', 'skip this many', integer(0), 0)
    .action(
      act(async (context, options: ListOptions) => {
        const { out } = context;
        const store = (await context.driver()).failed;
        const [records, total] = await Promise.all([
          store.list({ queue: options.queue, limit: options.limit, offset: options.offset }),
          store.count(options.queue),
        ]);
        out.data(records.map((record) => failedJson(record, false)));
        if (records.length === 0) {
          out.line(
            colors.dim(total === 0 ? 'No failed jobs.' : `No failed jobs past offset ${options.offset}.`),
          );
          return undefined;
        }
        out.table(
          ['id', 'queue', 'job', 'attempts', 'failed', 'error'],
          records.map((r) => [
            r.id,
            r.queue,
            jobNameOf(r.payload),
            r.attempts,
            ago(r.failedAt),
            truncate(`${r.error.name}: ${r.error.message}`, 70),
          ]),
        );
        const last = options.offset + records.length;
        if (total > records.length) out.line(colors.dim(`${options.offset + 1}–${last} of ${total}`));
        return undefined;
      }),
    );

  failed
    .command('show')
    .description('show one failed job: error, stack and payload')
    .argument('<id>', 'failed job id')
    .action(
      act(async (context, id: string) => {
        const { out } = context;
        const record = await (await context.driver()).failed.get(id);
        if (record === null) throw CliExit.nothing(`No failed job with id ${id}`);
        out.data(failedJson(record, true));
        const field = (label: string, value: string | number) =>
          out.line(`${colors.dim(label.padEnd(11))}${value}`);
        out.line(colors.bold(`Failed job ${record.id}`));
        field('job', jobNameOf(record.payload));
        field('queue', record.queue);
        field('connection', record.connection);
        field('attempts', record.attempts);
        field('failed at', `${new Date(record.failedAt).toISOString()} (${ago(record.failedAt)})`);
        field('error', colors.red(`${record.error.name}: ${record.error.message}`));
        if (record.error.stack) out.line(colors.dim(record.error.stack));
        out.line(colors.dim('payload'));
        out.line(prettyPayload(record.payload));
        return undefined;
      }),
    );

  registerFailedRetryCommand(failed, act);

  failed
    .command('forget')
    .description('delete one failed job')
    .argument('<id>', 'failed job id')
    .action(
      act(async (context, id: string) => {
        const { out } = context;
        const forgotten = await (await context.driver()).failed.forget(id);
        if (!forgotten) throw CliExit.nothing(`No failed job with id ${id}`);
        out.data({ forgotten: id });
        out.line(`${colors.green('✓')} forgot failed job ${id}`);
        return undefined;
      }),
    );

  failed
    .command('flush')
    .description('delete every failed job (of one queue with --queue)')
    .option('-q, --queue <name>', 'only this queue')
    .action(
      act(async (context, options: { queue?: string }) => {
        const { out } = context;
        const removed = await (await context.driver()).failed.flush(options.queue);
        out.data({ flushed: removed });
        out.line(`${colors.green('✓')} deleted ${removed} failed job${removed === 1 ? '' : 's'}`);
        return undefined;
      }),
    );

  failed
    .command('prune')
    .description('delete failed jobs older than --hours')
    .requiredOption('--hours <n>', 'age in hours (fractions allowed)', seconds(true))
    .action(
      act(async (context, options: { hours: number }) => {
        const { out } = context;
        const removed = await (await context.driver()).failed.prune(options.hours * 3600);
        out.data({ pruned: removed });
        out.line(
          `${colors.green('✓')} deleted ${removed} failed job${removed === 1 ? '' : 's'} older than ${options.hours}h`,
        );
        return undefined;
      }),
    );
}
