/**
 * @module cli/parse-options
 * Option value parsers for commander. A bad value throws `InvalidArgumentError`, which the
 * program turns into exit code 2 with commander's message.
 */
import { InvalidArgumentError } from 'commander';

/** A whole number ≥ `min`. */
export function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}, got '${value}'`);
    }
    return n;
  };
}

/** Seconds (fractions allowed) ≥ 0, or > 0 when `positive`. */
export function seconds(positive = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (positive && n === 0)) {
      throw new InvalidArgumentError(`expected seconds ${positive ? '> 0' : '≥ 0'}, got '${value}'`);
    }
    return n;
  };
}

/** `5` or `1,5,30`: one delay, or one per attempt (the last repeats). */
export function backoffList(value: string): number | number[] {
  const parse = seconds();
  const parts = value.split(',').map((part) => parse(part.trim()));
  return parts.length === 1 ? parts[0]! : parts;
}

/** `emails,default` → `['emails', 'default']`, blanks dropped. */
export function nameList(value: string, previous: string[] = []): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new InvalidArgumentError(`expected queue names, got '${value}'`);
  return [...previous, ...names];
}
