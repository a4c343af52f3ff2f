/**
 * @module cli/commands/size
 * `conveyor size [queue…]`: ready, delayed, reserved and failed jobs per queue.
 */
import type { Command } from 'commander';
import type { Act } from '../action.js';
import { colors } from '../output.js';

/** Registers `size`. */
export function registerSizeCommand(program: Command, act: Act): void {
  program
    .command('size')
    .description('count ready, delayed, reserved and failed jobs per queue (all queues when none given)')
    .argument('[queues...]', 'queue names')
    .action(
      act(async (context, queues: string[]) => {
        const driver = await context.driver();
        const names = queues.length > 0 ? queues : (await driver.queues()).sort();
        const rows = [];
        for (const queue of names) {
          const [sizes, failed] = await Promise.all([driver.sizes(queue), driver.failed.count(queue)]);
          rows.push({ queue, ...sizes, failed });
        }
        const { out } = context;
        out.data(Object.fromEntries(rows.map(({ queue, ...counts }) => [queue, counts])));
        if (rows.length === 0) {
          out.line(colors.dim('No queues hold jobs.'));
          return undefined;
        }
        out.table(
          ['queue', 'ready', 'delayed', 'reserved', 'failed'],
          rows.map((r) => [r.queue, r.ready, r.delayed, r.reserved, r.failed]),
        );
        return undefined;
      }),
    );
}
