// The station's SAE (core/rsn/sae/initiator.ts) against the AP's responder
// (plugins/mld-ap/sae-responder.ts) in one process: the station's AUTH_DATA made into the
// Authentication frame mac80211 would send, the AP's frames handed to the station as the
// AUTHENTICATE event's FRAME. Time is a manual clock; randomness seeded. The first commit
// is checked against IEEE 802.11-2020 J.10's hunting-and-pecking vector.
import { describe, expect, it } from 'vitest';
import { AuthAlgorithm, buildAuth, parseAuth } from '../../../core/ieee80211/auth.js';
import { buildAuthMultiLink } from '../../../core/ieee80211/auth-multi-link.js';
import { macFromString, macToString } from '../../../core/ieee80211/mac-address.js';
import { StatusCode } from '../../../core/ieee80211/status-codes.js';
import { AntiCloggingTokens } from '../../../core/rsn/sae/anti-clogging.js';
import { SaeAuthError, SaeInitiator, saeAuthData, type SaeInitiatorOptions } from '../../../core/rsn/sae/initiator.js';
import type { SaeResult } from '../../../core/rsn/sae/instance.js';
import { derivePt } from '../../../core/rsn/sae/pwe.js';
import { SaeResponder, type SaeResponderOptions, type SaeRoute } from '../../../plugins/mld-ap/sae-responder.js';
import { StationTable, type ApStation } from '../../../plugins/mld-ap/station-table.js';
import { PeerLog } from '../../../plugins/mld-ap/peer-log.js';
import { ManualClock, silentLogger } from '../../txq/fakes.js';
import { mulberry32, mutate } from '../../helpers/prng.js';
import { IEEE_2020 } from './vectors.js';

const BSSID = '02:00:00:00:00:01';
const STA = '02:00:00:00:01:00';
const AP_MLD = '06:4d:4c:44:00:00';
const AP_LINK0 = '06:4d:4c:44:00:10';
const STA_MLD = '02:4d:4c:44:01:00';
const STA_LINK0 = '02:4d:4c:44:01:10';
const SSID = new TextEncoder().encode('wifid-sae');
const PASSWORD = new TextEncoder().encode('correct horse battery');

function seeded(seed: number): (n: number) => Uint8Array {
  const rnd = mulberry32(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
}

interface Flight { from: 'ap' | 'sta'; frame: Uint8Array }

/**
 * An AP (the real responder) and a station (the initiator). `mld`: the AP is an AP MLD and
 * the exchange binds the MLD addresses while frames go between link 0's addresses.
 */
function world(o: { ap?: Partial<SaeResponderOptions>; sta?: Partial<SaeInitiatorOptions>; mld?: boolean } = {}) {
  const clock = new ManualClock();
  const stations = new StationTable(16);
  const air: Flight[] = [];
  const staSent: Uint8Array[] = [];
  const mld = o.mld === true;
  const apAddr = macFromString(mld ? AP_LINK0 : BSSID);
  const staAddr = macFromString(mld ? STA_LINK0 : STA);
  const responder = new SaeResponder(
    {
      ownAddr: apAddr,
      stations,
      clock,
      log: silentLogger,
      peerLog: new PeerLog(silentLogger, clock),
      send: async (frame) => { air.push({ from: 'ap', frame }); return 'acked'; },
      forgetStation: async (sta: ApStation) => { stations.remove(sta.addr); },
      emit: () => undefined,
    },
    { ssid: SSID, password: PASSWORD, pwe: 2, random: seeded(1), tokens: new AntiCloggingTokens(new Uint8Array(32).fill(3)), ...o.ap },
  );
  const route: SaeRoute | undefined = mld
    ? {
      peer: STA_MLD, ownAddr: macFromString(AP_MLD), peerAddr: macFromString(STA_MLD), da: staAddr, bssid: apAddr, linkId: 0,
      elements: buildAuthMultiLink(macFromString(AP_MLD)), mld: { linkId: 0, linkAddr: STA_LINK0 },
    }
    : undefined;
  const initiator = new SaeInitiator({
    ownAddr: macFromString(mld ? STA_MLD : STA),
    peerAddr: macFromString(mld ? AP_MLD : BSSID),
    bssid: apAddr,
    mld,
    password: PASSWORD,
    ssid: SSID,
    pwe: 2,
    peerSupportsH2e: true,
    timers: { setTimeout: (fn, ms) => clock.setTimer(fn, ms), clearTimeout: (h) => clock.clearTimer(h) },
    // What mac80211 makes of AUTHENTICATE with AUTH_DATA: algorithm 3, then AUTH_DATA as it is.
    send: (authData) => {
      staSent.push(authData);
      const b = Buffer.from(authData);
      air.push({ from: 'sta', frame: buildAuth({ da: apAddr, sa: staAddr, bssid: apAddr, algorithm: AuthAlgorithm.SAE, transaction: b.readUInt16LE(0), status: b.readUInt16LE(2), body: authData.subarray(4) }) });
    },
    random: seeded(100),
    ...o.sta,
  });
  let outcome: { ok: SaeResult } | { err: SaeAuthError } | undefined;
  initiator.result.then((ok) => { outcome = { ok }; }, (err: SaeAuthError) => { outcome = { err }; });

  /** Carries frames until none is in flight; `lose` drops some on the air. */
  function pump(lose: (f: Flight) => boolean = () => false) {
    while (air.length > 0) {
      const f = air.shift()!;
      if (lose(f)) continue;
      if (f.from === 'ap') initiator.onFrame(f.frame);
      else responder.onAuth(parseAuth(f.frame), route);
    }
  }
  const settled = async () => { await Promise.resolve(); await Promise.resolve(); return outcome; };
  return { clock, stations, responder, initiator, pump, settled, staSent, air, peerKey: mld ? STA_MLD : STA };
}

describe('SAE in the station against the AP responder', () => {
  for (const [name, apPwe, staPwe, h2e] of [
    ['hash-to-element', 1, 2, true],
    ['hunting-and-pecking (an sae_pwe 0 AP, the station told no H2E)', 0, 0, false],
  ] as const) {
    it(`${name}: both hold the same PMK and PMKID; AUTH_DATA is transaction, status, fields`, async () => {
      const w = world({ ap: { pwe: apPwe }, sta: { pwe: staPwe, peerSupportsH2e: h2e } });
      w.initiator.start();
      w.pump();
      const out = await w.settled();
      expect(out && 'ok' in out).toBe(true);
      const r = (out as { ok: SaeResult }).ok;
      expect(r.h2e).toBe(h2e);
      const sta = w.stations.get(w.peerKey)!;
      expect(sta.state).toBe('authenticated');
      expect(Buffer.from(sta.pmk!).equals(r.pmk)).toBe(true);
      expect(Buffer.from(sta.pmkid!).equals(r.pmkid)).toBe(true);
      expect(w.staSent.map((d) => Buffer.from(d.subarray(0, 4)).toString('hex'))).toEqual([h2e ? '01007e00' : '01000000', '02000000']);
      expect(w.initiator.counters).toEqual({ frames: 2, malformed: 0, foreign: 0, attempts: 1 });
      expect(w.clock.pendingTimers).toBe(0);
    });
  }

  it('towards an AP MLD: SAE binds the MLD addresses, the AP\'s Multi-Link element is taken out', async () => {
    const w = world({ mld: true, ap: { pwe: 1 } });
    w.initiator.start();
    w.pump();
    const out = await w.settled();
    expect(out && 'ok' in out).toBe(true);
    expect(Buffer.from(w.stations.get(STA_MLD)!.pmk!).equals((out as { ok: SaeResult }).ok.pmk)).toBe(true);
    expect(w.initiator.counters.frames).toBe(2);
  });

  it('a wrong password: auth_failed at once (the AP refuses our confirm, status 15), one attempt, no retry', async () => {
    const w = world({ sta: { password: new TextEncoder().encode('wrong horse battery') } });
    w.initiator.start();
    w.pump();
    const out = await w.settled();
    const err = (out as { err: SaeAuthError }).err;
    expect(err).toBeInstanceOf(SaeAuthError);
    expect(err.reason).toBe('rejected_by_peer');
    expect(err.status).toBe(StatusCode.CHALLENGE_FAILURE);
    expect(err.wrongPassword).toBe(true);
    expect(err.attempts).toBe(1);
    expect(err.message).toMatch(/password differs/);
    expect(w.staSent).toHaveLength(2);
  });

  it('an AP asking for an anti-clogging token: the same commit again with the token, then accepted', async () => {
    const w = world({ ap: { antiCloggingThreshold: 0 } });
    w.initiator.start();
    w.pump();
    const out = await w.settled();
    expect(out && 'ok' in out).toBe(true);
    expect(w.responder.counters.tokenRequests).toBe(1);
    expect(w.staSent).toHaveLength(3);
    // The token commit repeats the scalar and element of the first (12.4.8.6.4) with the token in front.
    expect(w.staSent[1]!.length).toBeGreaterThan(w.staSent[0]!.length);
  });

  it('mac80211 gives up (TIMED_OUT): a fresh exchange, bounded by maxAttempts; then auth_failed with the reason', async () => {
    const w = world({ sta: { maxAttempts: 2 } });
    w.initiator.start();
    w.pump(() => true); // the air loses everything
    w.initiator.onTimeout();
    expect(w.initiator.counters.attempts).toBe(2);
    w.pump(() => true);
    w.initiator.onTimeout();
    const out = await w.settled();
    const err = (out as { err: SaeAuthError }).err;
    expect(err.reason).toBe('timeout');
    expect(err.attempts).toBe(2);
    expect(err.wrongPassword).toBe(false);
    expect(w.staSent).toHaveLength(2);
  });

  it('a lost AP commit: the second attempt succeeds', async () => {
    const w = world();
    w.initiator.start();
    w.pump((f) => f.from === 'ap');
    w.initiator.onTimeout();
    w.pump();
    const out = await w.settled();
    expect(out && 'ok' in out).toBe(true);
    expect(w.initiator.counters.attempts).toBe(2);
  });

  it('no answer at all within the exchange\'s deadline, without TIMED_OUT: retried, then timeout', async () => {
    const w = world({ sta: { maxAttempts: 3, timeoutMs: 1000 } });
    w.initiator.start();
    w.pump(() => true);
    w.clock.advance(1000);
    w.pump(() => true);
    w.clock.advance(1000);
    w.pump(() => true);
    w.clock.advance(1000);
    const out = await w.settled();
    expect((out as { err: SaeAuthError }).err.reason).toBe('timeout');
    expect(w.initiator.counters.attempts).toBe(3);
    expect(w.clock.pendingTimers).toBe(0);
  });

  it('towards an AP MLD, frames with the addresses mac80211 translated to the MLD addresses are taken', async () => {
    const w = world({ mld: true, ap: { pwe: 1 } });
    w.initiator.start();
    // What mac80211 delivers once it holds the AP MLD's station: SA and BSSID are the AP MLD's address.
    const translate = (f: Uint8Array) => { const c = Uint8Array.from(f); c.set(macFromString(AP_MLD), 10); c.set(macFromString(AP_MLD), 16); return c; };
    while (w.air.length > 0) {
      const f = w.air.shift()!;
      if (f.from === 'ap') w.initiator.onFrame(translate(f.frame));
      else w.responder.onAuth(parseAuth(f.frame), {
        peer: STA_MLD, ownAddr: macFromString(AP_MLD), peerAddr: macFromString(STA_MLD), da: macFromString(STA_LINK0), bssid: macFromString(AP_LINK0), linkId: 0,
        elements: buildAuthMultiLink(macFromString(AP_MLD)), mld: { linkId: 0, linkAddr: STA_LINK0 },
      });
    }
    const out = await w.settled();
    expect(out && 'ok' in out).toBe(true);
    expect(w.initiator.counters.foreign).toBe(0);
  });

  it('frames from another sender, of another algorithm, or naming another AP MLD are foreign; stop() ends it', async () => {
    const w = world({ mld: true, ap: { pwe: 1 } });
    w.initiator.start();
    const ap = macFromString(AP_LINK0);
    const sta = macFromString(STA_LINK0);
    w.initiator.onFrame(buildAuth({ da: sta, sa: macFromString('02:00:00:00:09:09'), bssid: ap, algorithm: AuthAlgorithm.SAE, transaction: 1, status: 126, body: new Uint8Array(98) }));
    w.initiator.onFrame(buildAuth({ da: sta, sa: ap, bssid: ap, algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 2, status: 0 }));
    const fields = Uint8Array.from([19, 0, ...new Array(96).fill(1)]);
    w.initiator.onFrame(buildAuth({ da: sta, sa: ap, bssid: ap, algorithm: AuthAlgorithm.SAE, transaction: 1, status: 126, body: Uint8Array.from([...fields, ...buildAuthMultiLink(macFromString('06:00:00:00:00:99'))]) }));
    expect(w.initiator.counters.foreign).toBe(3);
    w.initiator.stop();
    expect((await w.settled() as { err: SaeAuthError }).err.reason).toBe('stopped');
  });

  it('fuzz: 400 mutations of the AP\'s frames (seeded) never throw; each is taken, or counted malformed or foreign', () => {
    const rnd = mulberry32(0x5ae);
    const base = world({ mld: true, ap: { pwe: 1 } });
    base.initiator.start();
    const seeds: Uint8Array[] = [];
    while (base.air.length > 0) {
      const f = base.air.shift()!;
      if (f.from === 'ap') { seeds.push(f.frame); base.initiator.onFrame(f.frame); } else base.responder.onAuth(parseAuth(f.frame), {
        peer: STA_MLD, ownAddr: macFromString(AP_MLD), peerAddr: macFromString(STA_MLD), da: macFromString(STA_LINK0), bssid: macFromString(AP_LINK0), linkId: 0,
        elements: buildAuthMultiLink(macFromString(AP_MLD)), mld: { linkId: 0, linkAddr: STA_LINK0 },
      });
    }
    expect(seeds).toHaveLength(2);
    const pt = derivePt(SSID, PASSWORD);
    for (let i = 0; i < 400; i++) {
      const w = world({ mld: true, ap: { pwe: 1 }, sta: { random: seeded(i), pt } });
      w.initiator.start();
      const before = { ...w.initiator.counters };
      const frame = mutate(Buffer.from(seeds[i % 2]!), rnd);
      expect(() => w.initiator.onFrame(frame)).not.toThrow();
      const c = w.initiator.counters;
      expect(c.frames + c.malformed + c.foreign - before.frames - before.malformed - before.foreign).toBe(1);
    }
  });
});

describe('the first commit against IEEE 802.11-2020 J.10 (hunting-and-pecking)', () => {
  it('with J.10\'s rand and mask, AUTH_DATA is transaction 1, status 0, then J.10\'s commit', () => {
    // randomCommit draws rand, then mask, 32 octets each.
    const draws = [IEEE_2020.rand, IEEE_2020.mask];
    const sent: Uint8Array[] = [];
    const clock = new ManualClock();
    const i = new SaeInitiator({
      ownAddr: IEEE_2020.addr1, peerAddr: IEEE_2020.addr2, bssid: IEEE_2020.addr2, mld: false,
      password: new TextEncoder().encode(IEEE_2020.password), ssid: SSID, pwe: 0, peerSupportsH2e: false,
      timers: { setTimeout: (fn, ms) => clock.setTimer(fn, ms), clearTimeout: (h) => clock.clearTimer(h) },
      send: (d) => sent.push(d),
      random: () => draws.shift()!,
    });
    i.start();
    expect(Buffer.from(sent[0]!).toString('hex')).toBe('01000000' + Buffer.from(IEEE_2020.localCommit).toString('hex'));
    expect(macToString(IEEE_2020.addr1)).toBe('4d:3f:2f:ff:e3:87');
    expect(saeAuthData({ transaction: 2, status: 15, body: new Uint8Array(0) })).toEqual(Uint8Array.of(2, 0, 15, 0));
    i.stop();
  });
});
