// Seeded PRNG (mulberry32) for reproducible fuzzing.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Copies `src` with a few random byte changes and maybe a random truncation. */
export function mutate(src: Buffer, rnd: () => number): Buffer {
  const out = Buffer.from(src);
  const edits = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < edits; i++) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
  return rnd() < 0.3 ? out.subarray(0, Math.floor(rnd() * out.length)) : out;
}
