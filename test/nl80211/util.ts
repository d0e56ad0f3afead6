// Test helpers: hex vectors with spaces/newlines, and a seeded PRNG for fuzzing.
export function fromHex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

/** xorshift32: the same sequence for the same seed, so a fuzz failure reproduces. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}
