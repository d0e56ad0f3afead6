// Seeded fuzzing of both handshake roles: mutated recorded frames handed to receive() in every
// waiting state are counted and dropped, never thrown, never authorize. Fixed iteration count.
import { describe, expect, it } from 'vitest';
import { FourWayAuthenticator } from '../../core/rsn/authenticator.js';
import { FourWaySupplicant } from '../../core/rsn/supplicant.js';
import { parseEapolKey } from '../../core/ieee80211/eapol-key.js';
import { AKM_PSK, CIPHER_CCMP } from '../../core/ieee80211/rsn-element.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { ManualClock } from '../txq/fakes.js';
import { CAPTURE } from './captured-handshake.js';
import { flush } from './harness.js';

const ITERATIONS = 2000;
const FRAMES = [CAPTURE.msg1, CAPTURE.msg2, CAPTURE.msg3, CAPTURE.msg4, CAPTURE.group1, CAPTURE.group2];

describe('fuzz', () => {
  it(`FourWayAuthenticator.receive: ${ITERATIONS} mutated frames while waiting for message 2 and 4`, async () => {
    const rnd = mulberry32(0x4a11);
    let authorized = 0;
    const auth = new FourWayAuthenticator({
      aa: CAPTURE.aa, spa: CAPTURE.spa, akm: AKM_PSK, pairwiseCipher: CIPHER_CCMP, pmk: CAPTURE.psk,
      apRsne: CAPTURE.apRsne, staRsne: CAPTURE.staRsne, groupKeys: () => ({ gtk: CAPTURE.gtk1, gtkId: 1 }), clock: new ManualClock(),
      send: async () => {}, installPtk: async () => {},
      events: { authorized: () => authorized++, failed: () => {} },
      randomNonce: () => parseEapolKey(CAPTURE.msg1, 16).nonce,
      retry: { attempts: 1_000_000, firstTimeoutMs: 1000, timeoutMs: 1000 },
    });
    auth.start();
    for (let i = 0; i < ITERATIONS; i++) {
      if (i === ITERATIONS / 2) auth.receive(CAPTURE.msg2); // move on to waiting for message 4
      auth.receive(new Uint8Array(mutate(Buffer.from(FRAMES[i % FRAMES.length]), rnd)));
    }
    await flush();
    expect(authorized).toBe(0);
    const c = auth.counters;
    expect(c.malformed + c.micFailures + c.replays + c.unexpected).toBeGreaterThan(ITERATIONS * 0.9);
  });

  it(`FourWaySupplicant.receive: ${ITERATIONS} mutated frames before and after the handshake`, async () => {
    const rnd = mulberry32(0x5a11);
    let installs = 0;
    const supp = new FourWaySupplicant({
      aa: CAPTURE.aa, spa: CAPTURE.spa, akm: AKM_PSK, pairwiseCipher: CIPHER_CCMP, pmk: CAPTURE.psk,
      staRsne: CAPTURE.staRsne, apRsne: CAPTURE.apRsne, send: async () => {},
      installPtk: async () => { installs++; }, installGroupKey: async () => {},
      events: { completed: () => {}, groupRekeyed: () => {}, failed: () => {} },
      randomNonce: () => parseEapolKey(CAPTURE.msg2, 16).nonce,
    });
    for (let i = 0; i < ITERATIONS; i++) {
      if (i === ITERATIONS / 2) {
        supp.receive(CAPTURE.msg1);
        supp.receive(CAPTURE.msg3);
        await flush();
      }
      supp.receive(new Uint8Array(mutate(Buffer.from(FRAMES[i % FRAMES.length]), rnd)));
    }
    await flush();
    expect(installs).toBe(1); // only the real message 3
  });
});
