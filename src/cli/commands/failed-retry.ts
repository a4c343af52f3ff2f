/**
 * @module cli/commands/failed-retry
 * `conveyor failed retry <id|all>`: moves failed jobs back to their queues (same id, attempts
 * reset). `all` retries oldest first, so jobs return in the order they first failed, with a
 * progress bar on a terminal.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { FailedStore } from '../../drivers/driver.js';
import type { Act } from '../action.js';
import { CliExit } from '../exit-codes.js';
import { colors } from '../output.js';

const PAGE = 500;

/** Registers `failed retry` on the `failed` command. */
export function registerFailedRetryCommand(failed: Command, act: Act): void {
  failed
    .command('retry')
    .description('push failed jobs back onto their queues: one id, or `all`')
    .argument('<id|all>', 'failed job id, or all')
    .option('-q, --queue <name>', 'with `all`: only this queue')
    .action(
      act(async (context, target: string, options: { queue?: string }) => {
        const { out } = context;
        const store = (await context.driver()).failed;
        if (target !== 'all') {
          if (options.queue !== undefined) throw CliExit.usage('--queue only goes with `retry all`');
          if (!(await store.retry(target))) throw CliExit.nothing(`No failed job with id ${target}`);
          out.data({ retried: 1, ids: [target] });
          out.line(`${colors.green('✓')} retried ${target}`);
          return undefined;
        }
        const ids = await allIds(store, options.queue);
        const bar = out.json ? undefined : progressBar();
        bar?.start(ids.length, 0);
        let retried = 0;
        for (const id of ids) {
          // A job retried or forgotten meanwhile by someone else is simply gone.
          if (await store.retry(id)) retried++;
          bar?.increment();
        }
        bar?.stop();
        out.data({ retried, missing: ids.length - retried });
        out.line(`${colors.green('✓')} retried ${retried} failed job${retried === 1 ? '' : 's'}`);
        return undefined;
      }),
    );
}

/** Every failed id (of one queue), oldest first. */
async function allIds(store: FailedStore, queue: string | undefined): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.list({ queue, limit: PAGE, offset });
    for (const record of page) ids.push(record.id);
    if (page.length < PAGE) break;
  }
  return ids.reverse();
}

function progressBar(): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      format: `  retrying ${colors.cyan('{bar}')} {value}/{total} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
}
