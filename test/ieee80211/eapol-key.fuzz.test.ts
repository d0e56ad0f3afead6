// Seeded fuzzing of the EAPOL-Key and Key Data parsers (bytes from the air): mutations of
// captured and built frames, and random buffers, either parse or throw FrameDecodeError.
// A fixed iteration count, no time budget.
import { describe, expect, it } from 'vitest';
import { parseEapolKey } from '../../core/ieee80211/eapol-key.js';
import { KeyDataWriter, parseKeyData } from '../../core/ieee80211/kde.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { CAPTURE } from '../rsn/captured-handshake.js';
import { hex } from './hex.js';

const ITERATIONS = 5000;

function expectOnlyDecodeErrors(seeds: Uint8Array[], parse: (b: Uint8Array) => unknown, seed: number): number {
  const rnd = mulberry32(seed);
  let parsed = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const input = rnd() < 0.1
      ? new Uint8Array(Math.floor(rnd() * 200)).map(() => Math.floor(rnd() * 256))
      : new Uint8Array(mutate(Buffer.from(seeds[i % seeds.length]), rnd));
    try {
      parse(input);
      parsed++;
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw new Error(`iteration ${i}: ${String(err)} on ${Buffer.from(input).toString('hex')}`);
    }
  }
  return parsed;
}

describe('fuzz', () => {
  it(`parseEapolKey: ${ITERATIONS} mutated captured frames`, () => {
    const frames = [CAPTURE.msg1, CAPTURE.msg2, CAPTURE.msg3, CAPTURE.msg4, CAPTURE.group1, CAPTURE.group2];
    const parsed = expectOnlyDecodeErrors(frames, (b) => parseEapolKey(b, 16), 0xea901);
    expect(parsed).toBeGreaterThan(0); // the mutations leave some frames valid, so both paths run
  });

  it(`parseKeyData: ${ITERATIONS} mutated Key Data with every KDE`, () => {
    const k = hex('000102030405060708090a0b0c0d0e0f');
    const pn = hex('010203040506');
    const full = new KeyDataWriter().element(CAPTURE.apRsne).gtk({ keyId: 1, tx: true, key: k }).igtk({ keyId: 4, pn, key: k })
      .bigtk({ keyId: 6, pn, key: k }).macAddress(CAPTURE.spa).mloGtk({ keyId: 2, tx: false, linkId: 1, pn, key: k })
      .mloIgtk({ keyId: 5, pn, linkId: 1, key: k }).mloBigtk({ keyId: 7, pn, linkId: 1, key: k })
      .mloLink({ linkId: 1, mac: CAPTURE.aa, rsne: CAPTURE.apRsne, rsnxe: hex('f40120') }).finish();
    const parsed = expectOnlyDecodeErrors([full], parseKeyData, 0xcde);
    expect(parsed).toBeGreaterThan(0);
  });
});
