// Seeded fuzzing of what a station reads from beacons and probe responses of the air
// (parseBssElements, and the scan view over it): mutations of an AP MLD link's and a
// WPA2-PSK BSS's elements and random buffers must parse or throw FrameDecodeError (the
// scan view counts those as malformed), never another error. Fixed iterations, no clock.
import { describe, expect, it } from 'vitest';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { parseBssElements } from '../../core/ieee80211/bss-elements.js';
import { scanView } from '../../plugins/sta-mlo/scan-view.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { LINK0, LINK1, mldLinkIes, pskIes, result } from '../sta/scan-fixture.js';

const ITERATIONS = 4000;
const SEED = 0x5ca22026;
const CORPUS = [mldLinkIes(LINK0, LINK1), mldLinkIes(LINK1, LINK0), pskIes()].map((b) => Buffer.from(b));

function input(rnd: () => number, i: number): Uint8Array {
  if (i % 4 === 0) return new Uint8Array(Math.floor(rnd() * 300)).map(() => Math.floor(rnd() * 256));
  return mutate(CORPUS[i % CORPUS.length]!, rnd);
}

describe('fuzzing the scan result parsers (seeded)', () => {
  it('parseBssElements only ever throws FrameDecodeError', () => {
    const rnd = mulberry32(SEED);
    let ok = 0;
    let bad = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const b = input(rnd, i);
      try {
        parseBssElements(b);
        ok++;
      } catch (err) {
        if (!(err instanceof FrameDecodeError)) throw new Error(`input ${Buffer.from(b).toString('hex')} threw ${String(err)}`);
        bad++;
      }
    }
    // Both outcomes must occur, or the mutations are not reaching the parser's checks.
    expect(ok).toBeGreaterThan(0);
    expect(bad).toBeGreaterThan(0);
  });

  it('scanView never throws: malformed results are counted, the rest listed', () => {
    const rnd = mulberry32(SEED + 1);
    let malformed = 0;
    let listed = 0;
    for (let i = 0; i < ITERATIONS / 4; i++) {
      const results = [0, 1, 2, 3].map((k) => result(`02:00:00:00:03:0${k}`, 2412, input(rnd, i * 4 + k), -40 - k));
      const v = scanView(results);
      expect(v.malformed + v.bss.length).toBe(results.length);
      malformed += v.malformed;
      listed += v.bss.length;
    }
    expect(malformed).toBeGreaterThan(0);
    expect(listed).toBeGreaterThan(0);
  });
});
