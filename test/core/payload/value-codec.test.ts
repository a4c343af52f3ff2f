import { describe, expect, it } from 'vitest';
import { NonSerializableError } from '../../../src/core/errors/non-serializable-error.js';
import { PayloadDecodeError } from '../../../src/core/errors/payload-decode-error.js';
import { decodeValue, encodeValue } from '../../../src/core/payload/value-codec.js';

/** Encode, go through JSON text as storage does, decode. */
function roundTrip(value: unknown): unknown {
  return decodeValue(JSON.parse(JSON.stringify(encodeValue(value, 'data'))));
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('value codec: round trips', () => {
  it('stores plain JSON on the fast path without meta', () => {
    const value = {
      userId: 'user-123',
      timestamp: 1700000000000,
      tags: ['a', 'b'],
      nested: { ok: true, n: null },
    };
    const encoded = encodeValue(value, 'data');
    expect(encoded).toEqual({ j: value });
    expect('m' in encoded).toBe(false);
    expect(roundTrip(value)).toEqual(value);
  });

  it('keeps Date, BigInt, Map, Set', () => {
    const value = {
      when: new Date('2024-05-06T07:08:09.123Z'),
      big: 12345678901234567890n,
      map: new Map<unknown, unknown>([
        ['a', 1],
        [2, new Date(0)],
      ]),
      set: new Set(['x', 1n]),
    };
    const back = roundTrip(value) as typeof value;
    expect(back.when).toBeInstanceOf(Date);
    expect(back.when.toISOString()).toBe('2024-05-06T07:08:09.123Z');
    expect(back.big).toBe(12345678901234567890n);
    expect(back.map).toBeInstanceOf(Map);
    expect(back.map.get('a')).toBe(1);
    expect(back.map.get(2)).toEqual(new Date(0));
    expect(back.set).toEqual(new Set(['x', 1n]));
  });

  it('keeps Buffer as Buffer and Uint8Array as Uint8Array', () => {
    const back = roundTrip({ buf: Buffer.from('héllo'), bytes: new Uint8Array([0, 1, 255]) }) as {
      buf: Buffer;
      bytes: Uint8Array;
    };
    expect(Buffer.isBuffer(back.buf)).toBe(true);
    expect(back.buf.toString()).toBe('héllo');
    expect(Buffer.isBuffer(back.bytes)).toBe(false);
    expect(Object.getPrototypeOf(back.bytes)).toBe(Uint8Array.prototype);
    expect([...back.bytes]).toEqual([0, 1, 255]);
  });

  it('keeps a Uint8Array view over part of a larger buffer', () => {
    const whole = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const back = roundTrip(whole.subarray(2, 5)) as Uint8Array;
    expect([...back]).toEqual([1, 2, 3]);
  });

  it('keeps undefined as property value, array item and top-level value', () => {
    const back = roundTrip({ a: undefined, list: [1, undefined, 3] }) as { a?: unknown; list: unknown[] };
    expect(Object.hasOwn(back, 'a')).toBe(true);
    expect(back.a).toBeUndefined();
    expect(back.list).toEqual([1, undefined, 3]);
    expect(back.list.length).toBe(3);
    expect(roundTrip(undefined)).toBeUndefined();
  });

  it('keeps NaN, Infinity, -Infinity and -0', () => {
    const back = roundTrip([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      0,
    ]) as number[];
    expect(back[0]).toBeNaN();
    expect(back[1]).toBe(Number.POSITIVE_INFINITY);
    expect(back[2]).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(back[3], -0)).toBe(true);
    expect(Object.is(back[4], 0)).toBe(true);
  });

  it('keeps typed values deep inside plain objects and arrays', () => {
    const value = { a: [{ b: { c: new Map([['k', new Set([new Date(5)])]]) } }] };
    expect(roundTrip(value)).toEqual(value);
  });

  it('accepts a shared, non-cyclic reference', () => {
    const shared = { id: 1, at: new Date(1) };
    const back = roundTrip({ first: shared, second: shared }) as { first: unknown; second: unknown };
    expect(back.first).toEqual(shared);
    expect(back.second).toEqual(shared);
    const plainShared = { id: 2 };
    expect(roundTrip([plainShared, plainShared])).toEqual([{ id: 2 }, { id: 2 }]);
  });

  it('accepts null-prototype objects as plain', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { x: 1 });
    expect(roundTrip({ bare })).toEqual({ bare: { x: 1 } });
  });
});

describe('value codec: refusals name the path', () => {
  it('refuses a function at a nested path', () => {
    const error = thrown(() => encodeValue({ user: { callback: () => 1 } }, 'data'));
    expect(error).toBeInstanceOf(NonSerializableError);
    expect((error as NonSerializableError).code).toBe('ERR_NOT_SERIALIZABLE');
    expect((error as Error).message).toBe('Cannot queue data.user.callback: functions cannot be serialized');
  });

  it('refuses a symbol inside an array', () => {
    const error = thrown(() => encodeValue({ list: [1, Symbol('s')] }, 'props'));
    expect((error as Error).message).toBe('Cannot queue props.list[1]: symbols cannot be serialized');
  });

  it('refuses a cycle and names where it points back to', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.child = { parent: node };
    const error = thrown(() => encodeValue({ node }, 'data')) as NonSerializableError;
    expect(error).toBeInstanceOf(NonSerializableError);
    expect(error.path).toBe('data.node.child.parent');
    expect(error.message).toContain('circular reference back to data.node');
  });

  it('refuses a cycle through a Map value', () => {
    const map = new Map<string, unknown>();
    map.set('self', map);
    const error = thrown(() => encodeValue({ map }, 'data')) as NonSerializableError;
    expect(error.path).toBe('data.map.get("self")');
  });

  it('refuses a class instance and names the class', () => {
    class Foo {
      x = 1;
    }
    const error = thrown(() => encodeValue({ deep: [{ foo: new Foo() }] }, 'data')) as NonSerializableError;
    expect(error.path).toBe('data.deep[0].foo');
    expect(error.message).toContain('instances of class Foo cannot be serialized');
  });

  it('refuses subclasses of supported types, which would come back as their base', () => {
    class Registry extends Map<string, number> {}
    const error = thrown(() => encodeValue({ r: new Registry() }, 'data')) as NonSerializableError;
    expect(error.path).toBe('data.r');
    expect(error.message).toContain('class Registry');
  });

  it('refuses other built-ins such as Error, RegExp and Promise', () => {
    for (const value of [new Error('x'), /re/, Promise.resolve(1), new WeakMap()]) {
      expect(() => encodeValue({ v: value }, 'data')).toThrow(NonSerializableError);
    }
  });

  it('refuses an invalid Date', () => {
    expect(() => encodeValue({ at: new Date('nope') }, 'data')).toThrow('Cannot queue data.at: invalid Date');
  });

  it('quotes keys that are not identifiers, and names Set items', () => {
    const error = thrown(() =>
      encodeValue({ 'first name': new Set([1, () => 0]) }, 'data'),
    ) as NonSerializableError;
    expect(error.path).toBe('data["first name"].values()[1]');
  });

  it('refuses a top-level function with the bare label', () => {
    expect(() => encodeValue(() => 0, 'data')).toThrow('Cannot queue data: functions cannot be serialized');
  });
});

describe('value codec: decoding garbage', () => {
  it('refuses values that are not encoded values', () => {
    for (const bad of [null, 1, 'x', [], { x: 1 }]) {
      expect(() => decodeValue(bad)).toThrow(PayloadDecodeError);
    }
  });

  it('refuses a meta field that is not an object', () => {
    expect(() => decodeValue({ j: 1, m: 'nope' }, 'data')).toThrow(/"m" field of data/);
  });
});
