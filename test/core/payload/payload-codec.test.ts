import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../../../src/core/errors/decryption-error.js';
import { EncryptionKeyMissingError } from '../../../src/core/errors/encryption-key-missing-error.js';
import { ForbiddenKeyError } from '../../../src/core/errors/forbidden-key-error.js';
import { NonSerializableError } from '../../../src/core/errors/non-serializable-error.js';
import { PayloadDecodeError } from '../../../src/core/errors/payload-decode-error.js';
import { SignatureError } from '../../../src/core/errors/signature-error.js';
import { generateKey } from '../../../src/core/payload/generate-key.js';
import type { PayloadMeta } from '../../../src/core/payload/payload.js';
import { jobProps, PayloadCodec } from '../../../src/core/payload/payload-codec.js';

function meta(overrides: Partial<PayloadMeta> = {}): PayloadMeta {
  return {
    id: '01J0000000000000000000000A',
    name: 'send-email',
    queue: 'emails',
    connection: 'main',
    createdAt: 1_700_000_000_000,
    availableAt: 1_700_000_000_000,
    priority: 0,
    tags: ['welcome'],
    maxTries: 3,
    maxExceptions: null,
    backoff: [1, 5],
    timeout: null,
    retryUntil: null,
    failOnTimeout: false,
    middleware: [],
    ...overrides,
  };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('PayloadCodec: plain', () => {
  const codec = new PayloadCodec();

  it('round-trips metadata, props and data', () => {
    const raw = codec.serialize(meta(), { email: 'a@b.c', at: new Date(7) }, { userId: 'u1', n: 2n }, false);
    const { payload, props, data } = codec.deserialize(raw);
    expect(payload).toMatchObject({ v: 1, ...meta() });
    expect(payload.enc).toBeUndefined();
    expect(props).toEqual({ email: 'a@b.c', at: new Date(7) });
    expect(data).toEqual({ userId: 'u1', n: 2n });
    expect(codec.canEncrypt).toBe(false);
  });

  it('keeps metadata readable as plain JSON', () => {
    const raw = codec.serialize(meta(), { email: 'a@b.c' }, { userId: 'u1' }, false);
    const doc = JSON.parse(raw);
    expect(doc.name).toBe('send-email');
    expect(doc.props).toEqual({ j: { email: 'a@b.c' } });
    expect(doc.data).toEqual({ j: { userId: 'u1' } });
  });

  it('peeks at metadata without decoding', () => {
    const raw = codec.serialize(meta({ priority: 5 }), {}, null, false);
    expect(codec.peek(raw).priority).toBe(5);
  });

  it('names the path of what cannot be serialized', () => {
    const props = { handler: () => 0 };
    expect(() => codec.serialize(meta(), props, null, false)).toThrow('Cannot queue props.handler');
    const error = thrown(() => codec.serialize(meta(), {}, { user: { callback: () => 0 } }, false));
    expect(error).toBeInstanceOf(NonSerializableError);
    expect((error as Error).message).toBe('Cannot queue data.user.callback: functions cannot be serialized');
  });

  it('refuses a job property named like a prototype key', () => {
    const props = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(() => codec.serialize(meta(), props, null, false)).toThrow(ForbiddenKeyError);
  });

  it('refuses malformed metadata before writing anything', () => {
    expect(() => codec.serialize(meta({ availableAt: Number.NaN }), {}, null, false)).toThrow(/availableAt/);
  });

  it('refuses garbage, wrong shapes and unknown versions with a reason', () => {
    const good = JSON.parse(codec.serialize(meta(), {}, null, false));
    const cases: Array<[string, RegExp]> = [
      ['not json', /not valid JSON/],
      ['[]', /expected a JSON object/],
      ['{"hello":1}', /no "v" field/],
      [JSON.stringify({ ...good, v: 2 }), /unknown payload version 2/],
      [JSON.stringify({ ...good, name: 5 }), /"name"/],
      [JSON.stringify({ ...good, tags: [1] }), /"tags"/],
      [JSON.stringify({ ...good, data: undefined }), /"data" is missing/],
      [JSON.stringify({ ...good, props: { nope: 1 } }), /props must be an encoded value/],
      [JSON.stringify({ ...good, props: { j: [1] } }), /props must decode to an object/],
    ];
    for (const [raw, reason] of cases) {
      const error = thrown(() => codec.deserialize(raw));
      expect(error).toBeInstanceOf(PayloadDecodeError);
      expect((error as PayloadDecodeError).code).toBe('ERR_PAYLOAD_DECODE');
      expect((error as Error).message).toMatch(reason);
    }
    expect(() => codec.peek('{')).toThrow(PayloadDecodeError);
  });
});

describe('PayloadCodec: encryption', () => {
  const key = generateKey();
  const codec = new PayloadCodec({ encryption: { key } });

  it('seals props and data and round-trips them', () => {
    const raw = codec.serialize(meta(), { email: 'secret@b.c' }, { token: 'tok-123', at: new Date(1) }, true);
    expect(raw).not.toContain('secret@b.c');
    expect(raw).not.toContain('tok-123');
    const doc = JSON.parse(raw);
    expect(typeof doc.props).toBe('string');
    expect(typeof doc.data).toBe('string');
    expect(doc.enc).toBe(doc.props.split('.')[0]);
    expect(doc.name).toBe('send-email');
    const { props, data, payload } = codec.deserialize(raw);
    expect(props).toEqual({ email: 'secret@b.c' });
    expect(data).toEqual({ token: 'tok-123', at: new Date(1) });
    expect(payload.enc).toBe(doc.enc);
    expect(codec.canEncrypt).toBe(true);
  });

  it('does not encrypt when the job does not ask', () => {
    const raw = codec.serialize(meta(), { email: 'a@b.c' }, null, false);
    expect(JSON.parse(raw).enc).toBeUndefined();
    expect(raw).toContain('a@b.c');
  });

  it('decrypts after rotation through previousKeys', () => {
    const raw = codec.serialize(meta(), { email: 'a@b.c' }, 1, true);
    const rotated = new PayloadCodec({ encryption: { key: generateKey(), previousKeys: [key] } });
    expect(rotated.deserialize(raw).props).toEqual({ email: 'a@b.c' });
  });

  it('fails closed on tampered ciphertext and on an unknown key', () => {
    const raw = codec.serialize(meta(), { email: 'a@b.c' }, 1, true);
    const doc = JSON.parse(raw);
    const last = doc.data.length - 3;
    doc.data = doc.data.slice(0, last) + (doc.data[last] === 'A' ? 'B' : 'A') + doc.data.slice(last + 1);
    expect(() => codec.deserialize(JSON.stringify(doc))).toThrow(DecryptionError);
    const stranger = new PayloadCodec({ encryption: { key: generateKey() } });
    expect(() => stranger.deserialize(raw)).toThrow(/neither the current key nor one of previousKeys/);
    expect(() => new PayloadCodec().deserialize(raw)).toThrow(DecryptionError);
  });

  it('refuses to store plaintext when encryption is asked without a key', () => {
    const error = thrown(() => new PayloadCodec().serialize(meta(), { email: 'a@b.c' }, null, true));
    expect(error).toBeInstanceOf(EncryptionKeyMissingError);
    expect((error as EncryptionKeyMissingError).code).toBe('ERR_ENCRYPTION_KEY_MISSING');
    expect((error as Error).message).toContain("Job 'send-email'");
  });
});

describe('PayloadCodec: signing', () => {
  const signed = new PayloadCodec({ signing: { key: 'sign-key' } });

  it('signs, and accepts its own payloads', () => {
    const raw = signed.serialize(meta(), { email: 'a@b.c' }, { n: 1 }, false);
    const doc = JSON.parse(raw);
    expect(doc.sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { payload, props } = signed.deserialize(raw);
    expect(payload.sig).toBe(doc.sig);
    expect(props).toEqual({ email: 'a@b.c' });
  });

  it('signs encrypted payloads too', () => {
    const both = new PayloadCodec({ signing: { key: 'sign-key' }, encryption: { key: generateKey() } });
    const raw = both.serialize(meta(), { email: 'a@b.c' }, 1, true);
    expect(both.deserialize(raw).data).toBe(1);
  });

  it('refuses unsigned payloads', () => {
    const raw = new PayloadCodec().serialize(meta(), {}, null, false);
    const error = thrown(() => signed.deserialize(raw));
    expect(error).toBeInstanceOf(SignatureError);
    expect((error as SignatureError).code).toBe('ERR_SIGNATURE');
    expect((error as Error).message).toMatch(/not signed/);
  });

  it('refuses altered payloads', () => {
    const raw = signed.serialize(meta(), { amount: 10 }, null, false);
    expect(() => signed.deserialize(raw.replace('"amount":10', '"amount":99'))).toThrow(/does not match/);
    expect(() => signed.deserialize(raw.replace('"queue":"emails"', '"queue":"other"'))).toThrow(
      SignatureError,
    );
    const reformatted = JSON.stringify(JSON.parse(raw), null, 1);
    expect(() => signed.deserialize(reformatted)).toThrow(/does not match/);
  });

  it('refuses payloads signed with another key', () => {
    const raw = new PayloadCodec({ signing: { key: 'other' } }).serialize(meta(), {}, null, false);
    expect(() => signed.deserialize(raw)).toThrow(SignatureError);
  });

  it('still reports garbage as a decode error', () => {
    expect(() => signed.deserialize('garbage')).toThrow(PayloadDecodeError);
  });

  it('lets a codec without a signing key read signed payloads', () => {
    const raw = signed.serialize(meta(), { a: 1 }, null, false);
    expect(new PayloadCodec().deserialize(raw).props).toEqual({ a: 1 });
  });
});

describe('jobProps', () => {
  it('copies own enumerable properties only', () => {
    class Job {
      email = 'a@b.c';
      count = 2;
      handle(): void {}
    }
    const job = new Job();
    Object.defineProperty(job, 'hidden', { value: 1, enumerable: false });
    const props = jobProps(job);
    expect(props).toEqual({ email: 'a@b.c', count: 2 });
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
  });
});
