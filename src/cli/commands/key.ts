/**
 * @module cli/commands/key
 * `conveyor key generate`: prints a fresh 32-byte encryption key for `encryption.key`.
 */
import type { Command } from 'commander';
import { generateKey } from '../../core/payload/generate-key.js';
import type { Act } from '../action.js';

/** Registers `key generate`. */
export function registerKeyCommand(program: Command, act: Act): void {
  const key = program.command('key').description('encryption keys');
  key
    .command('generate')
    .description('print a new random encryption key (base64:…, 32 bytes)')
    .action(
      act(async ({ out }) => {
        const value = generateKey();
        out.line(value);
        out.data({ key: value });
        return undefined;
      }),
    );
}
