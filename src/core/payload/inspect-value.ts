/**
 * @module core/payload/inspect-value
 * One walk over a value before it is queued: refuses what cannot come back as it went in
 * (functions, symbols, cycles, class instances, invalid dates) with the path named, and tells
 * the codec whether the value is plain JSON, so the common case skips superjson entirely.
 */
import { NonSerializableError } from '../errors/non-serializable-error.js';
import { formatPath, mapKeyStep, mapValueStep, type PathStep, setItemStep } from './value-path.js';

/** Walk state: the key path and the containers currently open (cycle detection). */
interface Walk {
  readonly label: string;
  readonly steps: PathStep[];
  /** `open[i]` is the container at path `steps.slice(0, i)`. */
  readonly open: object[];
}

/**
 * Checks `value` and returns `true` when it is plain JSON (strings, finite numbers, booleans,
 * null, plain objects and arrays, no undefined), `false` when it needs the typed encoder.
 * Throws `NonSerializableError` naming the path under `label` (e.g. `data.user.callback`).
 */
export function inspectValue(value: unknown, label: string): boolean {
  return inspect(value, { label, steps: [], open: [] });
}

function inspect(value: unknown, walk: Walk): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      // NaN, ±Infinity and -0 do not survive JSON.stringify.
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0);
    case 'bigint':
    case 'undefined':
      return false;
    case 'function':
      throw NonSerializableError.functionAt(formatPath(walk.label, walk.steps));
    case 'symbol':
      throw NonSerializableError.symbolAt(formatPath(walk.label, walk.steps));
  }
  if (value === null) return true;
  const object = value as object;
  // Exact prototypes, not instanceof: a subclass (class Money extends Map) would come back as its base.
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto === Object.prototype || proto === null)
    return inspectObject(object as Record<string, unknown>, walk);
  if (proto === Array.prototype) return inspectArray(object as unknown[], walk);
  if (proto === Date.prototype) {
    if (Number.isNaN((object as Date).getTime())) {
      throw NonSerializableError.invalidDateAt(formatPath(walk.label, walk.steps));
    }
    return false;
  }
  if (proto === Map.prototype) return inspectMap(object as Map<unknown, unknown>, walk);
  if (proto === Set.prototype) return inspectSet(object as Set<unknown>, walk);
  if (proto === Buffer.prototype || proto === Uint8Array.prototype) return false;
  throw NonSerializableError.classInstanceAt(formatPath(walk.label, walk.steps), describeClass(object));
}

function inspectObject(object: Record<string, unknown>, walk: Walk): boolean {
  enter(object, walk);
  let plain = true;
  for (const key of Object.keys(object)) {
    walk.steps.push(key);
    if (!inspect(object[key], walk)) plain = false;
    walk.steps.pop();
  }
  walk.open.pop();
  return plain;
}

function inspectArray(array: unknown[], walk: Walk): boolean {
  enter(array, walk);
  let plain = true;
  for (let index = 0; index < array.length; index++) {
    walk.steps.push(index);
    if (!inspect(array[index], walk)) plain = false;
    walk.steps.pop();
  }
  walk.open.pop();
  return plain;
}

function inspectMap(map: Map<unknown, unknown>, walk: Walk): false {
  enter(map, walk);
  let index = 0;
  for (const [key, entry] of map) {
    walk.steps.push(mapKeyStep(index));
    inspect(key, walk);
    walk.steps.pop();
    walk.steps.push(mapValueStep(key, index));
    inspect(entry, walk);
    walk.steps.pop();
    index++;
  }
  walk.open.pop();
  return false;
}

function inspectSet(set: Set<unknown>, walk: Walk): false {
  enter(set, walk);
  let index = 0;
  for (const item of set) {
    walk.steps.push(setItemStep(index));
    inspect(item, walk);
    walk.steps.pop();
    index++;
  }
  walk.open.pop();
  return false;
}

/** Opens a container; a container already open on the current path is a cycle. */
function enter(container: object, walk: Walk): void {
  // Only ancestors count: the same object reached twice by different paths is a shared reference, not a cycle.
  const at = walk.open.indexOf(container);
  if (at !== -1) {
    throw NonSerializableError.cycleAt(
      formatPath(walk.label, walk.steps),
      formatPath(walk.label, walk.steps.slice(0, at)),
    );
  }
  walk.open.push(container);
}

function describeClass(object: object): string {
  const ctor: unknown = (object as { constructor?: unknown }).constructor;
  const name = typeof ctor === 'function' ? ctor.name : '';
  return name ? `class ${name}` : 'a non-plain object';
}
