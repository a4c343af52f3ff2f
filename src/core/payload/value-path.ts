/**
 * @module core/payload/value-path
 * Turns the value walker's key stack into a readable path (`data.user["first name"][2]`),
 * only when an error needs one, so the hot path never formats strings.
 */

/** A step into a Map or Set, already rendered (`.get("k")`, `.values()[0]`). */
export interface RenderedStep {
  readonly text: string;
}

/** One step of a path: an object key, an array index, or a rendered Map/Set step. */
export type PathStep = string | number | RenderedStep;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders `label` followed by `steps`, e.g. `formatPath('data', ['user', 0])` is `data.user[0]`. */
export function formatPath(label: string, steps: readonly PathStep[]): string {
  let out = label;
  for (const step of steps) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (typeof step === 'string')
      out += IDENTIFIER.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    else out += step.text;
  }
  return out;
}

/** The step for the value stored under Map key `key` (entry `index`). */
export function mapValueStep(key: unknown, index: number): RenderedStep {
  switch (typeof key) {
    case 'string':
      return { text: `.get(${JSON.stringify(key)})` };
    case 'number':
    case 'boolean':
    case 'undefined':
      return { text: `.get(${String(key)})` };
    case 'bigint':
      return { text: `.get(${key}n)` };
    default:
      return key === null ? { text: '.get(null)' } : { text: `.values()[${index}]` };
  }
}

/** The step for Map key number `index` itself. */
export function mapKeyStep(index: number): RenderedStep {
  return { text: `.keys()[${index}]` };
}

/** The step for Set item number `index`. */
export function setItemStep(index: number): RenderedStep {
  return { text: `.values()[${index}]` };
}
