// Seeded fuzzing of the decoders: random and mutated messages never crash them; they
// answer a message or a BlobDecodeError, and what they decode re-encodes stably.
import { describe, expect, it } from 'vitest';
import { BlobDecodeError } from '../../core/ubus/blob';
import { UbusFrameReader } from '../../core/ubus/framing';
import { decodeUbusMessage, encodeUbusMessage } from '../../core/ubus/message';
import { loadCaptures } from './vectors';
import { mulberry32 } from '../helpers/prng.js';

const ITERATIONS = 100_000;

describe('ubus decoder fuzzing', () => {
  it(`survives ${ITERATIONS} random and mutated messages (seed 0x5eed)`, () => {
    const rnd = mulberry32(0x5eed);
    const int = (n: number) => Math.floor(rnd() * n);
    const seeds = loadCaptures().map((c) => c.bytes);
    let decoded = 0;
    let rejected = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      let input: Uint8Array;
      if (i % 4 === 0) {
        input = new Uint8Array(int(96));
        for (let j = 0; j < input.length; j++) input[j] = int(256);
      } else {
        input = seeds[int(seeds.length)]!.slice();
        const edits = 1 + int(4);
        for (let e = 0; e < edits; e++) {
          const kind = int(5);
          const at = int(input.length);
          if (kind === 0) input[at] = int(256);
          else if (kind === 1) input[at]! ^= 1 << int(8);
          else if (kind === 2) input = input.subarray(0, at);
          else if (kind === 3 && at + 4 <= input.length) input.set([int(256), int(256), int(256), int(256)], at & ~3);
          else input = Uint8Array.from([...input, ...Array.from({ length: int(8) }, () => int(256))]);
        }
      }
      try {
        const msg = decodeUbusMessage(input);
        decoded++;
        const again = decodeUbusMessage(encodeUbusMessage(msg));
        expect(again).toEqual(msg);
      } catch (err) {
        if (!(err instanceof BlobDecodeError)) throw new Error(`iteration ${i}: ${String(err)} on ${Buffer.from(input).toString('hex')}`);
        rejected++;
      }
    }
    expect(decoded + rejected).toBe(ITERATIONS);
    expect(decoded).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
  }, 60_000);

  it('splits a stream into the same messages however it is chunked, and never throws on junk (seed 0xf4a3)', () => {
    const rnd = mulberry32(0xf4a3);
    const int = (n: number) => Math.floor(rnd() * n);
    const msgs = loadCaptures().map((c) => c.bytes);
    const stream = Buffer.concat(msgs);
    for (let round = 0; round < 200; round++) {
      const reader = new UbusFrameReader();
      const got: string[] = [];
      for (let pos = 0; pos < stream.length;) {
        const n = 1 + int(64);
        for (const f of reader.push(stream.subarray(pos, pos + n))) got.push(Buffer.from(f).toString('hex'));
        pos += n;
      }
      expect(reader.failure).toBeUndefined();
      expect(got).toEqual(msgs.map((m) => Buffer.from(m).toString('hex')));
    }
    for (let round = 0; round < 2000; round++) {
      const reader = new UbusFrameReader();
      const junk = Uint8Array.from({ length: int(256) }, () => int(256));
      for (let pos = 0; pos < junk.length; pos += 1 + int(16)) reader.push(junk.subarray(pos, pos + 1 + int(16)));
    }
  });
});
