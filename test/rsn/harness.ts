// Wires a FourWayAuthenticator to a FourWaySupplicant through two frame queues the test
// delivers on demand, with a manual clock, and records installs and events.
import { FourWayAuthenticator, type FourWayAuthenticatorOptions } from '../../core/rsn/authenticator.js';
import { FourWaySupplicant, type FourWaySupplicantOptions, type InstalledGroupKey } from '../../core/rsn/supplicant.js';
import type { GroupKeys, HandshakeFailure, PtkSession } from '../../core/rsn/types.js';
import { ManualClock } from '../txq/fakes.js';

export interface PairConfig {
  akm: number;
  cipher: number;
  apPmk: Uint8Array;
  staPmk: Uint8Array;
  aa: Uint8Array;
  spa: Uint8Array;
  apRsne: Uint8Array;
  /** What the AP saw in the association request. */
  assocStaRsne: Uint8Array;
  /** What the STA puts in message 2 (normally the same). */
  staRsne?: Uint8Array;
  groupKeys: GroupKeys;
  authOverrides?: Partial<FourWayAuthenticatorOptions>;
  suppOverrides?: Partial<FourWaySupplicantOptions>;
}

export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export function makePair(cfg: PairConfig) {
  const clock = new ManualClock();
  const toSta: Uint8Array[] = [];
  const toAp: Uint8Array[] = [];
  const rec = {
    apInstalled: [] as { tk: Uint8Array; cipher: number }[],
    staInstalledPtk: [] as Uint8Array[],
    staGroupKeys: [] as InstalledGroupKey[],
    authorized: [] as PtkSession[],
    apFailed: [] as [HandshakeFailure, number][],
    staCompleted: 0,
    staRekeyed: 0,
    staFailed: [] as string[],
  };
  const auth = new FourWayAuthenticator({
    aa: cfg.aa, spa: cfg.spa, akm: cfg.akm, pairwiseCipher: cfg.cipher, pmk: cfg.apPmk,
    apRsne: cfg.apRsne, staRsne: cfg.assocStaRsne, groupKeys: () => cfg.groupKeys, clock,
    send: async (f) => { toSta.push(f); },
    installPtk: async (tk, cipher) => { rec.apInstalled.push({ tk, cipher }); },
    events: { authorized: (s) => rec.authorized.push(s), failed: (r, d) => rec.apFailed.push([r, d]) },
    ...cfg.authOverrides,
  });
  const supp = new FourWaySupplicant({
    aa: cfg.aa, spa: cfg.spa, akm: cfg.akm, pairwiseCipher: cfg.cipher, pmk: cfg.staPmk,
    staRsne: cfg.staRsne ?? cfg.assocStaRsne, apRsne: cfg.apRsne,
    send: async (f) => { toAp.push(f); },
    installPtk: async (tk) => { rec.staInstalledPtk.push(tk); },
    installGroupKey: async (k) => { rec.staGroupKeys.push(k); },
    events: { completed: () => rec.staCompleted++, groupRekeyed: () => rec.staRekeyed++, failed: (r) => rec.staFailed.push(r) },
    ...cfg.suppOverrides,
  });
  /** Delivers every queued frame both ways until both queues are empty. */
  async function pump(): Promise<void> {
    for (;;) {
      await flush();
      if (toSta.length === 0 && toAp.length === 0) return;
      while (toSta.length) supp.receive(toSta.shift()!);
      await flush();
      while (toAp.length) auth.receive(toAp.shift()!);
    }
  }
  return { clock, auth, supp, toSta, toAp, rec, pump };
}
