// Test helpers: hex vectors with spaces/newlines (seeded randomness: test/helpers/prng.ts).
export function fromHex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}
