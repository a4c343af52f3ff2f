import { describe, expect, it } from 'vitest';
import { InvalidKeyError } from '../../../src/core/errors/invalid-key-error.js';
import { Signer } from '../../../src/core/payload/signer.js';

describe('Signer', () => {
  const signer = new Signer({ key: 'a signing key' });

  it('accepts its own signature', () => {
    const signature = signer.sign('{"a":1}');
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signer.verify('{"a":1}', signature)).toBe(true);
  });

  it('rejects an altered body, an altered signature and another key', () => {
    const signature = signer.sign('{"a":1}');
    expect(signer.verify('{"a":2}', signature)).toBe(false);
    expect(signer.verify('{"a":1}', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`)).toBe(
      false,
    );
    expect(signer.verify('{"a":1}', `${signature}=`)).toBe(false);
    expect(signer.verify('{"a":1}', '')).toBe(false);
    expect(new Signer({ key: 'another key' }).verify('{"a":1}', signature)).toBe(false);
  });

  it('treats a Buffer key like the same bytes as a string', () => {
    expect(new Signer({ key: Buffer.from('a signing key') }).sign('x')).toBe(signer.sign('x'));
  });

  it('refuses an empty or missing key', () => {
    expect(() => new Signer({ key: '' })).toThrow(InvalidKeyError);
    expect(() => new Signer({ key: undefined as unknown as string })).toThrow(InvalidKeyError);
  });
});
