// Feishu webhook crypto: decryption of the documented vector, round trips, and signatures that must not verify.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, decryptEvent, encryptEvent, verifySignature } from '../../src/feishu/crypto';

const KEY = 'test key';
const VECTOR = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=';

function signed(overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) {
  const base = { timestamp: '1700000000', nonce: 'abc123', encryptKey: 'ek', rawBody: '{"encrypt":"xyz"}' };
  const signature = computeSignature(base.timestamp, base.nonce, base.encryptKey, base.rawBody);
  return { ...base, signature, ...overrides };
}

describe('decryptEvent', () => {
  it('decrypts the documented test vector', () => {
    expect(decryptEvent(KEY, VECTOR)).toEqual({ ok: true, text: 'hello world' });
  });

  it('round-trips Chinese JSON with a random IV and with a fixed one', () => {
    const text = JSON.stringify({ text: '@_user_1 本周进度 1234.5 万元' });
    expect(decryptEvent('k', encryptEvent('k', text))).toEqual({ ok: true, text });
    const iv = Buffer.alloc(16, 7);
    expect(encryptEvent('k', text, iv)).toBe(encryptEvent('k', text, iv));
    expect(decryptEvent('k', encryptEvent('k', text, iv))).toEqual({ ok: true, text });
  });

  it('returns a failure value for bad base64, short data and bad padding instead of throwing', () => {
    expect(decryptEvent(KEY, '')).toEqual({ ok: false, reason: 'empty' });
    expect(decryptEvent(KEY, 'not base64!!')).toEqual({ ok: false, reason: 'bad_base64' });
    expect(decryptEvent(KEY, 'abc')).toEqual({ ok: false, reason: 'bad_base64' });
    expect(decryptEvent(KEY, Buffer.alloc(20).toString('base64'))).toEqual({ ok: false, reason: 'too_short' });
    expect(decryptEvent(KEY, Buffer.alloc(40).toString('base64'))).toEqual({ ok: false, reason: 'bad_length' });
    // The wrong key shows up as a padding error (it could, rarely, pad correctly; this vector does not).
    expect(decryptEvent('another key', VECTOR)).toEqual({ ok: false, reason: 'bad_padding' });
  });
});

describe('computeSignature', () => {
  it('is hex sha256 of timestamp + nonce + encryptKey + raw body, for strings and Buffers alike', () => {
    const raw = '{"a": 1,  "b":"值"}';
    const expected = createHash('sha256').update(`1700000000nonceek${raw}`).digest('hex');
    expect(computeSignature('1700000000', 'nonce', 'ek', raw)).toBe(expected);
    expect(computeSignature('1700000000', 'nonce', 'ek', Buffer.from(raw))).toBe(expected);
  });
});

describe('verifySignature', () => {
  it('accepts the right signature over the exact raw body', () => {
    expect(verifySignature(signed())).toBe(true);
  });

  it('rejects a tampered signature, body, timestamp, nonce or key', () => {
    const good = signed();
    const flipped = `${good.signature.slice(0, -1)}${good.signature.endsWith('0') ? '1' : '0'}`;
    expect(verifySignature({ ...good, signature: flipped })).toBe(false);
    expect(verifySignature({ ...good, rawBody: '{"encrypt":"xyz" }' })).toBe(false);
    expect(verifySignature({ ...good, timestamp: '1700000001' })).toBe(false);
    expect(verifySignature({ ...good, nonce: 'abc124' })).toBe(false);
    expect(verifySignature({ ...good, encryptKey: 'other' })).toBe(false);
  });

  it('answers false, without throwing, for a signature of the wrong length or missing headers', () => {
    const good = signed();
    expect(verifySignature({ ...good, signature: good.signature.slice(0, 10) })).toBe(false);
    expect(verifySignature({ ...good, signature: `${good.signature}00` })).toBe(false);
    expect(verifySignature({ ...good, signature: '' })).toBe(false);
    expect(verifySignature({ ...good, signature: '值'.repeat(64) })).toBe(false);
    expect(verifySignature({ ...good, signature: undefined })).toBe(false);
    expect(verifySignature({ ...good, timestamp: undefined })).toBe(false);
    expect(verifySignature({ ...good, nonce: undefined })).toBe(false);
  });

  it('accepts an upper-case hex signature, since hex is case-insensitive', () => {
    const good = signed();
    expect(verifySignature({ ...good, signature: good.signature.toUpperCase() })).toBe(true);
  });
});
