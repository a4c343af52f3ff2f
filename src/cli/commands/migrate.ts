/**
 * @module cli/commands/migrate
 * `conveyor migrate`: connects (drivers migrate on connect) and, where the driver has an
 * explicit `migrate()`, runs it and reports the versions it applied.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Act } from '../action.js';
import { colors } from '../output.js';

/** A driver with an explicit migration step (PostgreSQL, MySQL). */
interface Migratable {
  migrate(): Promise<unknown>;
}

/** Registers `migrate`. */
export function registerMigrateCommand(program: Command, act: Act): void {
  program
    .command('migrate')
    .description("create or upgrade the selected connection's tables")
    .action(
      act(async (context) => {
        const connection = await context.connection();
        const { driver } = connection;
        const file = (driver as { filename?: unknown }).filename;
        const path = typeof file === 'string' && file !== ':memory:' ? file : undefined;
        const created = path !== undefined && !existsSync(path);
        await driver.connect();
        const migrate = (driver as Partial<Migratable>).migrate;
        const result = typeof migrate === 'function' ? await migrate.call(driver) : undefined;
        const applied = Array.isArray(result) ? result.map(String) : [];
        context.out.data({ connection: connection.getName(), driver: driver.kind, path, created, applied });
        const subject = `${driver.kind} connection '${connection.getName()}'${path ? ` (${path})` : ''}`;
        let what = 'schema is up to date';
        if (created) what = 'created the database with the current schema';
        else if (applied.length > 0)
          what = `applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}`;
        context.out.line(`${colors.green('✓')} ${subject}: ${what}`);
        return undefined;
      }),
    );
}
