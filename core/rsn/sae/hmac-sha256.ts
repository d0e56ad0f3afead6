// HMAC-SHA-256 over several octet strings, as SAE writes H(salt, ikm) and CN(key, ...).
import { createHmac } from 'node:crypto';

export function hmacSha256(key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const h = createHmac('sha256', key);
  for (const d of data) h.update(d);
  return new Uint8Array(h.digest());
}
