import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../../../src/core/errors/decryption-error.js';
import { InvalidKeyError } from '../../../src/core/errors/invalid-key-error.js';
import { Encrypter, generateKey } from '../../../src/core/payload/encrypter.js';

function flipChar(text: string, index: number): string {
  const char = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + char + text.slice(index + 1);
}

describe('Encrypter', () => {
  it('generates base64:<44 chars> keys that decode to 32 bytes', () => {
    const key = generateKey();
    expect(key).toMatch(/^base64:[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(key.slice(7), 'base64')).toHaveLength(32);
    expect(generateKey()).not.toBe(key);
  });

  it('round-trips with a prefixed string key, a bare base64 key and a Buffer key', () => {
    const bytes = randomBytes(32);
    for (const key of [`base64:${bytes.toString('base64')}`, bytes.toString('base64'), bytes]) {
      const encrypter = new Encrypter({ key });
      const sealed = encrypter.encrypt('héllo wörld');
      expect(sealed).not.toContain('héllo');
      expect(encrypter.decrypt(sealed)).toBe('héllo wörld');
    }
  });

  it('gives the same key the same id in every form, and the id is not the key', () => {
    const bytes = randomBytes(32);
    const a = new Encrypter({ key: bytes });
    const b = new Encrypter({ key: `base64:${bytes.toString('base64')}` });
    expect(a.keyId).toBe(b.keyId);
    expect(a.keyId).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(bytes.toString('base64')).not.toContain(a.keyId);
  });

  it('uses a fresh IV each time and carries the key id', () => {
    const encrypter = new Encrypter({ key: generateKey() });
    const first = encrypter.encrypt('same');
    const second = encrypter.encrypt('same');
    expect(first).not.toBe(second);
    expect(first.split('.')).toHaveLength(4);
    expect(first.startsWith(`${encrypter.keyId}.`)).toBe(true);
  });

  it('never repeats an IV, across refills of the IV pool', () => {
    const encrypter = new Encrypter({ key: generateKey() });
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const sealed = encrypter.encrypt(`m${i}`);
      ivs.add(sealed.split('.')[1]!);
      expect(encrypter.decrypt(sealed)).toBe(`m${i}`);
    }
    expect(ivs.size).toBe(1000);
  });

  it('still decrypts with a previous key after rotation', () => {
    const oldKey = generateKey();
    const newKey = generateKey();
    const sealedBefore = new Encrypter({ key: oldKey }).encrypt('before rotation');
    const rotated = new Encrypter({ key: newKey, previousKeys: [oldKey] });
    expect(rotated.decrypt(sealedBefore)).toBe('before rotation');
    const sealedAfter = rotated.encrypt('after');
    expect(sealedAfter.startsWith(`${new Encrypter({ key: newKey }).keyId}.`)).toBe(true);
    expect(() => new Encrypter({ key: oldKey }).decrypt(sealedAfter)).toThrow(DecryptionError);
  });

  it('fails closed on tampered ciphertext, tag or iv', () => {
    const encrypter = new Encrypter({ key: generateKey() });
    const sealed = encrypter.encrypt('a secret message');
    const [id, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    const altered = [
      [id, iv, tag, flipChar(body, 2)],
      [id, iv, flipChar(tag, 0), body],
      [id, flipChar(iv, 3), tag, body],
    ].map((parts) => parts.join('.'));
    for (const bad of altered) {
      expect(bad).not.toBe(sealed);
      let error: unknown;
      try {
        encrypter.decrypt(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DecryptionError);
      expect((error as DecryptionError).code).toBe('ERR_DECRYPTION');
    }
  });

  it('refuses an unknown key id, naming it', () => {
    const sealed = new Encrypter({ key: generateKey() }).encrypt('x');
    const other = new Encrypter({ key: generateKey() });
    const keyId = sealed.split('.')[0]!;
    expect(() => other.decrypt(sealed)).toThrow(`key id '${keyId}'`);
  });

  it('refuses a sealed value relabelled with another known key id', () => {
    const oldKey = generateKey();
    const encrypter = new Encrypter({ key: generateKey(), previousKeys: [oldKey] });
    const sealed = encrypter.encrypt('x');
    const relabelled = `${new Encrypter({ key: oldKey }).keyId}${sealed.slice(encrypter.keyId.length)}`;
    expect(() => encrypter.decrypt(relabelled)).toThrow('authentication failed');
  });

  it('refuses malformed sealed strings', () => {
    const encrypter = new Encrypter({ key: generateKey() });
    const sealed = encrypter.encrypt('x');
    for (const bad of ['', 'garbage', 'a.b.c', `${sealed}.extra`, sealed.replace(/\.[^.]+$/, '.!!!')]) {
      expect(() => encrypter.decrypt(bad)).toThrow(DecryptionError);
    }
  });

  it('refuses keys that are not 32 bytes, with a clear message', () => {
    const bad: unknown[] = [
      'a-32-character-passphrase-here!!',
      'base64:short',
      randomBytes(16),
      randomBytes(16).toString('base64'),
      '',
      undefined,
      42,
    ];
    for (const key of bad) {
      expect(() => new Encrypter({ key: key as string })).toThrow(InvalidKeyError);
    }
    expect(() => new Encrypter({ key: 'nope' })).toThrow(/32 bytes.*base64/);
    expect(() => new Encrypter({ key: generateKey(), previousKeys: ['bad'] })).toThrow(/previousKeys\[0\]/);
  });
});
