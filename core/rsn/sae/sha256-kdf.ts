// The 802.11 KDF with SHA-256 (IEEE 802.11-2020 12.7.1.7.2): the output is
// HMAC-SHA-256(K, i || label || context || length) for i = 1, 2, ..., with i and length
// (in bits) as 16-bit little-endian integers. SAE uses it for pwd-value in
// hunting-and-pecking and for KCK || PMK.
import { createHmac } from 'node:crypto';

export function kdfSha256(key: Uint8Array, label: string, context: Uint8Array, bits: number): Uint8Array {
  const length = Buffer.alloc(2);
  length.writeUInt16LE(bits);
  const blocks: Buffer[] = [];
  const bytes = Math.ceil(bits / 8);
  for (let i = 1, got = 0; got < bytes; i++, got += 32) {
    const counter = Buffer.alloc(2);
    counter.writeUInt16LE(i);
    blocks.push(createHmac('sha256', key).update(counter).update(label, 'latin1').update(context).update(length).digest());
  }
  return new Uint8Array(Buffer.concat(blocks).subarray(0, bytes));
}

export function hmacSha256(key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const h = createHmac('sha256', key);
  for (const d of data) h.update(d);
  return new Uint8Array(h.digest());
}
