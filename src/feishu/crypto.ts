// Feishu webhook cryptography as pure functions: AES-256-CBC event decryption/encryption and the request signature.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type DecryptResult = { ok: true; text: string } | { ok: false; reason: DecryptFailure };
export type DecryptFailure = 'empty' | 'bad_base64' | 'too_short' | 'bad_length' | 'bad_padding' | 'bad_utf8';

const IV_BYTES = 16;
const BLOCK_BYTES = 16;
// Standard base64 only: Feishu (and the SDK's AESCipher) use Buffer's 'base64', never the URL-safe alphabet.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Platform fact (SDK AESCipher): the AES key is the raw 32-byte SHA-256 digest of the Encrypt Key string. */
function aesKey(encryptKey: string): Buffer {
  // An app has one Encrypt Key: the digest is kept for it rather than recomputed for every event.
  if (lastKey?.encryptKey !== encryptKey) lastKey = { encryptKey, key: createHash('sha256').update(encryptKey, 'utf8').digest() };
  return lastKey.key;
}
let lastKey: { encryptKey: string; key: Buffer } | null = null;
/** Throws on bytes that are not UTF-8; reusable, since decode() without { stream } keeps no state between calls. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decrypts the `encrypt` field of a Feishu callback. The first 16 decoded bytes are the IV, the rest is
 * AES-256-CBC ciphertext with PKCS7 padding. Returns a failure value instead of throwing, because a bad
 * body is an expected input on a public endpoint, not a bug.
 */
export function decryptEvent(encryptKey: string, encryptB64: string): DecryptResult {
  const trimmed = encryptB64.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  // Buffer.from(…, 'base64') silently skips invalid characters, so validate the alphabet and length first.
  if (!BASE64.test(trimmed) || trimmed.length % 4 !== 0) return { ok: false, reason: 'bad_base64' };
  const data = Buffer.from(trimmed, 'base64');
  if (data.length < IV_BYTES + BLOCK_BYTES) return { ok: false, reason: 'too_short' };
  const cipherText = data.subarray(IV_BYTES);
  if (cipherText.length % BLOCK_BYTES !== 0) return { ok: false, reason: 'bad_length' };
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), data.subarray(0, IV_BYTES));
    plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch {
    // node:crypto reports a wrong key and corrupted data the same way: as a PKCS7 padding error.
    return { ok: false, reason: 'bad_padding' };
  }
  try {
    return { ok: true, text: strictUtf8.decode(plain) };
  } catch {
    return { ok: false, reason: 'bad_utf8' };
  }
}

/** Encrypts like Feishu does (IV prepended, base64). The IV is random unless given, for reproducible tests. */
export function encryptEvent(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(IV_BYTES)): string {
  if (iv.length !== IV_BYTES) throw new RangeError(`IV must be ${IV_BYTES} bytes, got ${iv.length}`);
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/**
 * hex(sha256(timestamp + nonce + encryptKey + rawBody)). The raw bytes matter: the SDK's own check hashes
 * JSON.stringify of the parsed body, which fails for any body Feishu did not send as compact JSON.
 */
export function computeSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string | Buffer): string {
  return createHash('sha256')
    .update(timestamp, 'utf8')
    .update(nonce, 'utf8')
    .update(encryptKey, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

export type SignatureInput = {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  encryptKey: string;
  rawBody: string | Buffer;
};

/** Constant-time check of X-Lark-Signature; any missing or malformed part is simply `false`, never an exception. */
export function verifySignature(input: SignatureInput): boolean {
  const { timestamp, nonce, signature, encryptKey, rawBody } = input;
  if (typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof signature !== 'string') return false;
  const expected = Buffer.from(computeSignature(timestamp, nonce, encryptKey, rawBody), 'utf8');
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  // timingSafeEqual throws on unequal lengths; the length of a hex digest is public, so comparing it first leaks nothing.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
