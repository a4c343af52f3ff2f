/**
 * @module cli/output
 * Human output (picocolors, aligned tables) or JSON for scripts (`--json`), from one place so
 * every command behaves the same: results on stdout, notes and errors on stderr.
 */
import pc from 'picocolors';
import { QueueError } from '../core/errors/queue-error.js';

/** Colors that are off when the stream is not a terminal (picocolors also honours NO_COLOR/FORCE_COLOR). */
export const colors = pc;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters.
const ANSI = /\x1b\[[0-9;]*m/g;

/** Writes a command's results. */
export class Output {
  constructor(
    /** `true` with `--json`: one JSON document (or line) per result, nothing else on stdout. */
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  /** A human line on stdout (skipped with `--json`). */
  line(text = ''): void {
    if (!this.json) this.stdout.write(`${text}\n`);
  }

  /** A JSON line on stdout (only with `--json`). */
  data(value: unknown): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** A human note on stderr (skipped with `--json`), so stdout stays the result. */
  note(text: string): void {
    if (!this.json) this.stderr.write(`${text}\n`);
  }

  /** An error on stderr: `error: …` for people, `{"error":{code,message}}` for scripts. */
  error(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof QueueError ? error.code : undefined;
    if (this.json) {
      this.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
      return;
    }
    this.stderr.write(`${pc.red('error:')} ${message}\n`);
    if (process.env.CONVEYOR_DEBUG && error instanceof Error && error.stack) {
      this.stderr.write(`${pc.dim(error.stack)}\n`);
    }
  }

  /** An aligned table on stdout; numbers align right. */
  table(headers: string[], rows: Array<Array<string | number>>): void {
    const cells = rows.map((row) =>
      row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('en-US') : cell)),
    );
    const widths = headers.map((header, i) =>
      Math.max(visible(header), ...cells.map((row) => visible(row[i] ?? ''))),
    );
    const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
    const format = (row: string[]) =>
      row
        .map((cell, i) => pad(cell, widths[i] ?? 0, numeric[i] ?? false))
        .join('  ')
        .trimEnd();
    this.line(pc.bold(format(headers)));
    for (const row of cells) this.line(format(row));
  }
}

/** Length without ANSI escapes. */
function visible(text: string): number {
  return text.replace(ANSI, '').length;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - visible(text)));
  return right ? fill + text : text + fill;
}

/** Shortens `text` to `max` characters on one line. */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `3ms`, `1.2s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}
