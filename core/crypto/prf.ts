// The two key-derivation functions of IEEE 802.11-2020: the SHA-1 PRF of 12.7.1.2 (AKM 2)
// and the NIST SP 800-108 counter-mode KDF of 12.7.1.7.2 (AKM 6, 8, 24). Both are HMAC
// loops; the HMAC itself is Node's (OpenSSL), nothing hand-rolled.
import { createHmac } from 'node:crypto';

export type KdfHash = 'sha256' | 'sha384' | 'sha512';

const HASH_LEN: Record<KdfHash, number> = { sha256: 32, sha384: 48, sha512: 64 };

/** PRF-<bits>(K, A, B) = HMAC-SHA-1(K, A || 0 || B || i) for i = 0, 1, ... (12.7.1.2). */
export function prf(key: Uint8Array, label: string, data: Uint8Array, bits: number): Uint8Array {
  if (bits <= 0 || bits % 8 !== 0) throw new RangeError(`PRF length ${bits} is not a positive multiple of 8`);
  const len = bits / 8;
  const out = new Uint8Array(Math.ceil(len / 20) * 20);
  const prefix = Buffer.concat([Buffer.from(label, 'latin1'), Buffer.of(0), data]);
  for (let i = 0; i * 20 < len; i++) {
    out.set(createHmac('sha1', key).update(prefix).update(Buffer.of(i)).digest(), i * 20);
  }
  return out.slice(0, len);
}

/**
 * KDF-Hash-Length(K, label, context) (12.7.1.7.2): HMAC-Hash(K, i || label || context || Length)
 * with i from 1 and i and Length (in bits) as 16-bit little-endian; the label has no NUL.
 */
export function kdf(hash: KdfHash, key: Uint8Array, label: string, context: Uint8Array, bits: number): Uint8Array {
  if (bits <= 0 || bits % 8 !== 0 || bits > 0xffff) throw new RangeError(`KDF length ${bits} is not a positive multiple of 8 below 2^16`);
  const len = bits / 8;
  const hlen = HASH_LEN[hash];
  const out = new Uint8Array(Math.ceil(len / hlen) * hlen);
  const lengthLe = Buffer.of(bits & 0xff, bits >>> 8);
  const labelBytes = Buffer.from(label, 'latin1');
  for (let i = 1; (i - 1) * hlen < len; i++) {
    const block = createHmac(hash, key).update(Buffer.of(i & 0xff, i >>> 8)).update(labelBytes).update(context).update(lengthLe).digest();
    out.set(block, (i - 1) * hlen);
  }
  return out.slice(0, len);
}
