// The AP's SAE parent process (plugins/mld-ap/sae-responder.ts) against core/rsn/sae's
// SaeInstance acting as the STA: Authentication frames built and parsed by
// core/ieee80211/auth.ts carry the messages both ways; time is a manual clock. The
// station table is the real one.
import { describe, expect, it } from 'vitest';
import { AuthAlgorithm, buildAuth, parseAuth, type AuthFrame } from '../../core/ieee80211/auth.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { ReasonCode } from '../../core/ieee80211/reason-codes.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import { AKM_SAE, AKM_SAE_EXT_KEY } from '../../core/ieee80211/rsn-element.js';
import { parseSaeCommit } from '../../core/ieee80211/sae-auth-body.js';
import { SaeInstance, type SaeFailure, type SaeInstanceOptions, type SaePweMode, type SaeResult } from '../../core/rsn/sae/instance.js';
import { AntiCloggingTokens } from '../../core/rsn/sae/anti-clogging.js';
import { ORDER, scalarToBytes } from '../../core/rsn/sae/group19.js';
import { SaeResponder, saeStatusCounters, type SaeResponderOptions } from '../../plugins/mld-ap/sae-responder.js';
import { selectSaePmksa } from '../../plugins/mld-ap/sae-association.js';
import { StationTable, type ApStation } from '../../plugins/mld-ap/station-table.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { ManualClock, silentLogger } from '../txq/fakes.js';
import { mulberry32, mutate } from '../helpers/prng.js';

const BSSID = '02:00:00:00:00:01';
const SSID = new TextEncoder().encode('wifid-sae');
const PASSWORD = new TextEncoder().encode('correct horse battery');

function seeded(seed: number): (n: number) => Uint8Array {
  const rnd = mulberry32(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
}

interface Air {
  /** Frames in flight, oldest first; `from` is the sender's address. */
  queue: Array<{ from: string; frame: Uint8Array }>;
  /** Every frame the AP sent, parsed. */
  apSent: AuthFrame[];
  /** Every frame the STAs sent, parsed. */
  staSent: AuthFrame[];
}

/** An AP with the responder and any number of STAs, each a real SaeInstance. */
function world(opts: Partial<SaeResponderOptions> = {}) {
  const clock = new ManualClock();
  const stations = new StationTable(16);
  const forgotten: Array<{ addr: string; reason: number; why: string }> = [];
  const events: Array<{ event: string; data: Record<string, unknown> }> = [];
  const air: Air = { queue: [], apSent: [], staSent: [] };
  const ownAddr = macFromString(BSSID);
  const responder = new SaeResponder(
    {
      ownAddr,
      stations,
      clock,
      log: silentLogger,
      peerLog: new PeerLog(silentLogger, clock),
      send: async (frame) => {
        air.apSent.push(parseAuth(frame));
        air.queue.push({ from: BSSID, frame });
        return 'acked';
      },
      forgetStation: async (sta: ApStation, reason: number, why: string) => {
        if (stations.get(sta.addr) !== sta) return;
        stations.remove(sta.addr);
        sta.sae?.stop?.();
        forgotten.push({ addr: sta.addr, reason, why });
      },
      emit: (event, data) => events.push({ event, data }),
    },
    { ssid: SSID, password: PASSWORD, pwe: 2, random: seeded(1), tokens: new AntiCloggingTokens(new Uint8Array(32).fill(3)), ...opts },
  );

  const stas = new Map<string, { instance: SaeInstance; accepted: SaeResult[]; failed: Array<{ reason: SaeFailure; status?: number }> }>();
  function sta(addr: string, pwe: SaePweMode, extra: Partial<SaeInstanceOptions> = {}) {
    const accepted: SaeResult[] = [];
    const failed: Array<{ reason: SaeFailure; status?: number }> = [];
    const mac = macFromString(addr);
    const instance = new SaeInstance({
      role: 'sta',
      ownAddr: mac,
      peerAddr: ownAddr,
      password: PASSWORD,
      ssid: SSID,
      pwe,
      peerSupportsH2e: true,
      timers: { setTimeout: (fn, ms) => clock.setTimer(fn, ms), clearTimeout: (h) => clock.clearTimer(h) },
      random: seeded(stas.size + 100),
      send: (msg) => {
        const frame = buildAuth({ da: ownAddr, sa: mac, bssid: ownAddr, algorithm: AuthAlgorithm.SAE, transaction: msg.transaction, status: msg.status, body: msg.body });
        air.staSent.push(parseAuth(frame));
        air.queue.push({ from: addr, frame });
      },
      events: { accepted: (r) => accepted.push(r), failed: (reason, d) => failed.push({ reason, ...d }) },
      ...extra,
    });
    const s = { instance, accepted, failed };
    stas.set(addr, s);
    return s;
  }

  /** Carries frames until none is in flight; `drop` loses some on the air. */
  function pump(drop: (f: { from: string; auth: AuthFrame }) => boolean = () => false) {
    while (air.queue.length > 0) {
      const { from, frame } = air.queue.shift()!;
      const auth = parseAuth(frame);
      if (drop({ from, auth })) continue;
      if (from === BSSID) stas.get(macToString(auth.da))?.instance.receive(auth.transaction, auth.status, auth.body);
      else responder.onAuth(auth);
    }
  }

  /** The AP's frames as transaction/status, in order. */
  const apTrace = () => air.apSent.map((f) => `${f.transaction}/${f.status}`);
  return { clock, stations, forgotten, events, air, responder, sta, pump, apTrace };
}

const STA1 = '02:00:00:00:01:00';
const STA2 = '02:00:00:00:02:00';
const STA3 = '02:00:00:00:03:00';

describe('SAE in the AP: complete exchanges', () => {
  for (const [name, apPwe, staPwe, h2e] of [
    ['hash-to-element (sae_pwe 1 both sides)', 1, 1, true],
    ['hunting-and-pecking (sae_pwe 0 both sides)', 0, 0, false],
    ['an sae_pwe 2 AP with an H2E STA', 2, 1, true],
    ['an sae_pwe 2 AP with an H&P STA', 2, 0, false],
  ] as const) {
    it(`${name}: the station is authenticated with the STA's PMK and PMKID, cached as a PMKSA`, () => {
      const w = world({ pwe: apPwe });
      const s = w.sta(STA1, staPwe);
      s.instance.start();
      w.pump();
      expect(s.accepted).toHaveLength(1);
      expect(w.apTrace()).toEqual([`1/${h2e ? 126 : 0}`, '2/0']);
      for (const f of w.air.apSent) {
        expect(f.algorithm).toBe(AuthAlgorithm.SAE);
        expect(macToString(f.da)).toBe(STA1);
        expect(macToString(f.sa)).toBe(BSSID);
        expect(macToString(f.bssid)).toBe(BSSID);
      }
      const sta = w.stations.get(STA1)!;
      expect(sta.state).toBe('authenticated');
      expect(sta.authAlgorithm).toBe(AuthAlgorithm.SAE);
      expect(sta.saeH2e).toBe(h2e);
      expect(Buffer.from(sta.pmk!).equals(s.accepted[0].pmk)).toBe(true);
      expect(Buffer.from(sta.pmkid!).equals(s.accepted[0].pmkid)).toBe(true);
      const cached = w.responder.pmksa.getByPmkid(sta.pmkid!, macFromString(STA1));
      expect(cached?.akm).toBe(AKM_SAE);
      expect(Buffer.from(cached!.pmk).equals(sta.pmk!)).toBe(true);
      expect(w.responder.peer(STA1)?.state).toBe('accepted');
      expect(w.responder.counters.accepted).toBe(1);
      // Nothing left running: no retransmission, no deadline.
      w.clock.advance(60_000);
      expect(w.air.apSent).toHaveLength(2);
      expect(w.clock.pendingTimers).toBe(0);
    });
  }

  it('two STAs at once, each with its own instance and its own PMK', () => {
    const w = world({ pwe: 1 });
    const a = w.sta(STA1, 1);
    const b = w.sta(STA2, 1);
    a.instance.start();
    b.instance.start();
    w.pump();
    expect(a.accepted).toHaveLength(1);
    expect(b.accepted).toHaveLength(1);
    expect(Buffer.from(w.stations.get(STA1)!.pmk!).equals(w.stations.get(STA2)!.pmk!)).toBe(false);
  });

  it('a wrong password: the AP answers the confirm with status 15, no station, the instance is gone', () => {
    const w = world({ pwe: 1 });
    const s = w.sta(STA1, 1, { password: new TextEncoder().encode('wrong horse battery') });
    s.instance.start();
    w.pump();
    expect(w.apTrace()).toEqual(['1/126', `2/${StatusCode.CHALLENGE_FAILURE}`]);
    expect(s.failed).toEqual([{ reason: 'rejected_by_peer', status: StatusCode.CHALLENGE_FAILURE }]);
    expect(w.stations.get(STA1)).toBeUndefined();
    expect(w.responder.peer(STA1)).toBeUndefined();
    expect(w.responder.counters.failed).toEqual({ bad_confirm: 1 });
    expect(w.events).toEqual([{ event: 'auth_failed', data: { addr: STA1, reason: 'sae_bad_confirm' } }]);
  });

  it('a new exchange of an associated station replaces its association only once Accepted', () => {
    const w = world({ pwe: 1 });
    const first = w.sta(STA1, 1);
    first.instance.start();
    w.pump();
    const old = w.stations.get(STA1)!;
    old.state = 'associated';
    old.aid = 1;
    // The STA starts over (say it lost its state): a new instance on its side.
    const again = w.sta(STA1, 1);
    again.instance.start();
    w.pump((f) => f.from === STA1 && f.auth.transaction === 2);
    // Commits exchanged, the STA's confirm not yet in: the association stands.
    expect(w.stations.get(STA1)).toBe(old);
    expect(w.forgotten).toEqual([]);
    again.instance.stop();
    const third = w.sta(STA1, 1);
    third.instance.start();
    w.pump();
    expect(third.accepted).toHaveLength(1);
    expect(w.forgotten).toEqual([{ addr: STA1, reason: ReasonCode.INVALID_AUTHENTICATION, why: 'reauthenticated (SAE)' }]);
    const now = w.stations.get(STA1)!;
    expect(now).not.toBe(old);
    expect(now.state).toBe('authenticated');
    expect(Buffer.from(now.pmk!).equals(third.accepted[0].pmk)).toBe(true);
    // The instance that made the new entry is still the peer's.
    expect(w.responder.peer(STA1)?.state).toBe('accepted');
    expect(now.sae).toBe(w.responder.peer(STA1));
  });

  it("the station's departure ends its instance", () => {
    const w = world({ pwe: 0 });
    const s = w.sta(STA1, 0);
    s.instance.start();
    w.pump();
    const sta = w.stations.get(STA1)!;
    sta.sae!.stop!();
    expect(w.responder.peer(STA1)).toBeUndefined();
  });
});

describe('SAE in the AP: the parent process refuses', () => {
  it('an H&P commit (status 0) at an H2E-only AP (sae_pwe 1): status 1, no instance', () => {
    const w = world({ pwe: 1 });
    const s = w.sta(STA1, 0);
    s.instance.start();
    w.pump();
    expect(w.apTrace()).toEqual(['1/1']);
    expect(s.failed).toEqual([{ reason: 'rejected_by_peer', status: 1 }]);
    expect(w.responder.peer(STA1)).toBeUndefined();
    expect(w.responder.counters.refused).toBe(1);
  });

  it('an H2E commit (status 126) at an H&P-only AP (sae_pwe 0): status 1, no instance', () => {
    const w = world({ pwe: 0 });
    const s = w.sta(STA1, 1);
    s.instance.start();
    w.pump();
    expect(w.apTrace()).toEqual(['1/1']);
    expect(s.failed).toEqual([{ reason: 'rejected_by_peer', status: 1 }]);
    expect(w.responder.peer(STA1)).toBeUndefined();
  });

  it('a commit for group 20: status 77 naming the group, no instance', () => {
    const w = world({ pwe: 0 });
    const body = new Uint8Array(2 + 3 * 48);
    body[0] = 20;
    w.responder.onAuth(parseAuth(buildAuth({ da: macFromString(BSSID), sa: macFromString(STA1), bssid: macFromString(BSSID), algorithm: 3, transaction: 1, status: 0, body })));
    expect(w.apTrace()).toEqual([`1/${StatusCode.UNSUPPORTED_FINITE_CYCLIC_GROUP}`]);
    expect([...w.air.apSent[0].body]).toEqual([20, 0]);
    expect(w.responder.peer(STA1)).toBeUndefined();
    expect(w.responder.counters.failed).toEqual({ unsupported_group: 1 });
  });

  it('a confirm from a peer without an instance is dropped unanswered', () => {
    const w = world();
    w.responder.onAuth(parseAuth(buildAuth({ da: macFromString(BSSID), sa: macFromString(STA1), bssid: macFromString(BSSID), algorithm: 3, transaction: 2, status: 0, body: new Uint8Array(34) })));
    expect(w.air.apSent).toEqual([]);
    expect(w.responder.counters.dropped).toBe(1);
  });

  it('transaction 3: status 14 (transaction sequence error), no instance', () => {
    const w = world();
    w.responder.onAuth(parseAuth(buildAuth({ da: macFromString(BSSID), sa: macFromString(STA1), bssid: macFromString(BSSID), algorithm: 3, transaction: 3, status: 0 })));
    expect(w.apTrace()).toEqual([`3/${StatusCode.TRANSACTION_SEQUENCE_ERROR}`]);
    expect(w.responder.peer(STA1)).toBeUndefined();
  });

  const badCommits: Array<[string, (b: Uint8Array) => Uint8Array]> = [
    ['scalar 0', (b) => (b.fill(0, 2, 34), b)],
    ['scalar equal to the order r', (b) => (b.set(scalarToBytes(ORDER), 2), b)],
    ['scalar above the order', (b) => (b.fill(0xff, 2, 34), b)],
    ['element not on the curve', (b) => ((b[97] ^= 1), b)],
    ['element coordinate not below p', (b) => (b.fill(0xff, 34, 66), b)],
  ];
  for (const [name, edit] of badCommits) {
    it(`${name}: status 1, no instance, no station`, () => {
      const w = world({ pwe: 0 });
      const s = w.sta(STA1, 0);
      s.instance.start();
      const commit = w.air.queue.shift()!;
      const auth = parseAuth(commit.frame);
      w.responder.onAuth({ ...auth, body: edit(auth.body.slice()) });
      expect(w.apTrace()).toEqual(['1/1']);
      expect(w.responder.peer(STA1)).toBeUndefined();
      expect(w.stations.get(STA1)).toBeUndefined();
      expect(w.responder.counters.failed).toEqual({ bad_commit: 1 });
      expect(w.events).toEqual([]);
    });
  }

  it("a reflected commit (the AP's own scalar and element) is dropped silently; the exchange goes on", () => {
    const w = world({ pwe: 1 });
    const s = w.sta(STA1, 1);
    s.instance.start();
    w.pump((f) => f.from === BSSID);
    expect(w.apTrace()).toEqual(['1/126']);
    const own = w.air.apSent[0];
    w.responder.onAuth({ ...own, sa: macFromString(STA1), da: macFromString(BSSID) });
    expect(w.apTrace()).toEqual(['1/126']);
    expect(w.responder.peer(STA1)?.state).toBe('committed');
    // The lost AP commit: the STA retransmits, the AP answers, the exchange completes.
    w.clock.advance(40);
    w.pump();
    expect(s.accepted).toHaveLength(1);
    expect(w.stations.get(STA1)?.pmk).toBeDefined();
  });
});

describe('SAE in the AP: anti-clogging', () => {
  for (const h2e of [true, false]) {
    it(`past the threshold of open instances a commit needs a token (status 76, ${h2e ? 'H2E' : 'H&P'}); the AP keeps no state for it`, () => {
      const pwe = h2e ? 1 : 0;
      const w = world({ pwe, antiCloggingThreshold: 2 });
      const a = w.sta(STA1, pwe);
      const b = w.sta(STA2, pwe);
      a.instance.start();
      b.instance.start();
      // Both commits answered; the STAs' confirms are held back: two open instances.
      w.pump((f) => f.from !== BSSID && f.auth.transaction === 2);
      expect(w.responder.openInstances).toBe(2);
      const c = w.sta(STA3, pwe);
      c.instance.start();
      w.pump((f) => f.from === BSSID && f.auth.status === StatusCode.ANTI_CLOGGING_TOKEN_REQUIRED);
      const request = w.air.apSent.at(-1)!;
      expect(request.status).toBe(StatusCode.ANTI_CLOGGING_TOKEN_REQUIRED);
      expect(macToString(request.da)).toBe(STA3);
      expect(w.responder.peer(STA3)).toBeUndefined();
      expect(w.responder.counters.tokenRequests).toBe(1);
      // The STA echoes the token with the same commit; the AP takes it.
      s3Receive(request);
      w.pump();
      const [first, withToken] = w.air.staSent.filter((f) => macToString(f.sa) === STA3 && f.transaction === 1);
      const parsedFirst = parseSaeCommit(first.body, { h2e });
      const parsedAgain = parseSaeCommit(withToken.body, { h2e });
      expect(parsedFirst.token).toBeUndefined();
      expect(parsedAgain.token).toBeDefined();
      expect(Buffer.from(parsedAgain.scalar).equals(parsedFirst.scalar)).toBe(true);
      expect(c.accepted).toHaveLength(1);
      expect(w.stations.get(STA3)?.pmk).toBeDefined();

      function s3Receive(f: typeof request) {
        c.instance.receive(f.transaction, f.status, f.body);
      }
    });
  }

  it("a token the AP did not issue for this peer: the commit is dropped, no instance", () => {
    const w = world({ pwe: 0, antiCloggingThreshold: 0 });
    const s = w.sta(STA1, 0);
    s.instance.start();
    w.pump((f) => f.from === BSSID);
    const request = w.air.apSent[0];
    expect(request.status).toBe(StatusCode.ANTI_CLOGGING_TOKEN_REQUIRED);
    const forged = request.body.slice();
    forged[forged.length - 1] ^= 1;
    s.instance.receive(1, request.status, forged);
    w.pump();
    expect(w.air.apSent).toHaveLength(1);
    expect(w.responder.peer(STA1)).toBeUndefined();
    expect(w.responder.counters.failed).toEqual({ bad_token: 1 });
  });
});

describe('SAE in the AP: retransmissions, Sync and timeouts', () => {
  it("a lost AP commit: the STA's retransmitted commit gets the same commit again", () => {
    const w = world({ pwe: 1 });
    const s = w.sta(STA1, 1);
    s.instance.start();
    let lost = false;
    w.pump((f) => {
      if (f.from !== BSSID || lost) return false;
      lost = true;
      return true;
    });
    expect(s.accepted).toHaveLength(0);
    w.clock.advance(40);
    w.pump();
    expect(w.apTrace()).toEqual(['1/126', '1/126', '2/0']);
    expect(Buffer.from(w.air.apSent[0].body).equals(w.air.apSent[1].body)).toBe(true);
    expect(s.accepted).toHaveLength(1);
  });

  it("a lost AP confirm: the STA resends its confirm, the Accepted AP confirms again", () => {
    const w = world({ pwe: 0 });
    const s = w.sta(STA1, 0);
    s.instance.start();
    let dropped = false;
    w.pump((f) => {
      if (f.from !== BSSID || f.auth.transaction !== 2 || dropped) return false;
      dropped = true;
      return true;
    });
    expect(w.stations.get(STA1)?.state).toBe('authenticated');
    w.clock.advance(40);
    w.pump();
    expect(w.apTrace()).toEqual(['1/0', '2/0', '2/0']);
    expect(s.accepted).toHaveLength(1);
    expect(w.responder.counters.accepted).toBe(1);
  });

  it('a STA that keeps repeating its commit: past dot11RSNASAESync the instance fails and is gone', () => {
    const w = world({ pwe: 1, syncLimit: 3 });
    const s = w.sta(STA1, 1);
    s.instance.start();
    const commit = parseAuth(w.air.queue.shift()!.frame);
    w.responder.onAuth(commit);
    for (let i = 0; i < 3; i++) w.responder.onAuth(commit);
    expect(w.apTrace()).toEqual(['1/126', '1/126', '1/126', '1/126']);
    expect(w.responder.peer(STA1)?.state).toBe('committed');
    w.responder.onAuth(commit);
    expect(w.air.apSent).toHaveLength(4);
    expect(w.responder.peer(STA1)).toBeUndefined();
    expect(w.responder.counters.failed).toEqual({ sync_exceeded: 1 });
  });

  it('a STA that never confirms: the instance fails after the timeout; a later exchange starts afresh', () => {
    const w = world({ pwe: 1, timeoutMs: 5000 });
    const s = w.sta(STA1, 1, { retransPeriodMs: 0 });
    s.instance.start();
    w.pump((f) => f.from !== BSSID && f.auth.transaction === 2);
    expect(w.responder.peer(STA1)?.state).toBe('committed');
    w.clock.advance(4999);
    expect(w.responder.peer(STA1)?.state).toBe('committed');
    w.clock.advance(1);
    expect(w.responder.peer(STA1)).toBeUndefined();
    expect(w.responder.counters.failed).toEqual({ timeout: 1 });
    expect(w.events).toEqual([]);
    expect(w.stations.get(STA1)).toBeUndefined();
    const again = w.sta(STA1, 1);
    again.instance.start();
    w.pump();
    expect(again.accepted).toHaveLength(1);
  });
});

describe('SAE in the AP: PMKSA at association', () => {
  function completed() {
    const w = world({ pwe: 1 });
    const s = w.sta(STA1, 1);
    s.instance.start();
    w.pump();
    return { w, sta: w.stations.get(STA1)!, result: s.accepted[0] };
  }

  it('after SAE: the exchange PMKSA, named by its PMKID or not named', () => {
    const { w, sta, result } = completed();
    expect(selectSaePmksa(sta, AKM_SAE, [], w.responder.pmksa)).toBeUndefined();
    expect(selectSaePmksa(sta, AKM_SAE, [result.pmkid], w.responder.pmksa)).toBeUndefined();
    expect(Buffer.from(sta.pmk!).equals(result.pmk)).toBe(true);
  });

  it('PMKSA caching: Open System then the cached PMKID gives the cached PMK', () => {
    const { w, result } = completed();
    // The STA comes back with Open System authentication (as Mlme records it).
    w.stations.remove(STA1);
    const back = w.stations.authenticate(STA1);
    back.authAlgorithm = AuthAlgorithm.OPEN_SYSTEM;
    expect(selectSaePmksa(back, AKM_SAE, [new Uint8Array(16).fill(9), result.pmkid], w.responder.pmksa)).toBeUndefined();
    expect(Buffer.from(back.pmk!).equals(result.pmk)).toBe(true);
    expect(Buffer.from(back.pmkid!).equals(result.pmkid)).toBe(true);
  });

  it('status 53 for a PMKID not cached, for another station\'s PMKID, and for Open System without a PMKID', () => {
    const { w, result } = completed();
    const other = w.stations.authenticate(STA2);
    other.authAlgorithm = AuthAlgorithm.OPEN_SYSTEM;
    expect(selectSaePmksa(other, AKM_SAE, [result.pmkid], w.responder.pmksa)?.status).toBe(StatusCode.STATUS_INVALID_PMKID);
    expect(selectSaePmksa(other, AKM_SAE, [new Uint8Array(16)], w.responder.pmksa)?.status).toBe(StatusCode.STATUS_INVALID_PMKID);
    expect(selectSaePmksa(other, AKM_SAE, [], w.responder.pmksa)?.status).toBe(StatusCode.STATUS_INVALID_PMKID);
    expect(other.pmk).toBeUndefined();
  });

  it('a BSS of AKM 24 caches its PMKSAs for AKM 24, and a PMKSA serves only its own AKM', () => {
    const w = world({ pwe: 1, akm: AKM_SAE_EXT_KEY });
    // Without the AKM Suite Selector element the AP refuses the commit (status 1) ...
    const plain = w.sta(STA2, 1);
    plain.instance.start();
    w.pump();
    expect(w.apTrace()).toEqual(['1/1']);
    expect(plain.accepted).toEqual([]);
    expect(w.stations.get(STA2)).toBeUndefined();
    // ... with it, both commits carry it and the exchange completes.
    const s = w.sta(STA1, 1, { akmSuite: AKM_SAE_EXT_KEY });
    s.instance.start();
    w.pump();
    expect(parseSaeCommit(w.air.apSent.at(-2)!.body, { h2e: true }).akmSuite).toBe(AKM_SAE_EXT_KEY);
    const result = s.accepted[0]!;
    expect(w.responder.pmksa.getByPmkid(result.pmkid, macFromString(STA1))?.akm).toBe(AKM_SAE_EXT_KEY);
    w.stations.remove(STA1);
    const back = w.stations.authenticate(STA1);
    back.authAlgorithm = AuthAlgorithm.OPEN_SYSTEM;
    expect(selectSaePmksa(back, AKM_SAE, [result.pmkid], w.responder.pmksa)?.status).toBe(StatusCode.STATUS_INVALID_PMKID);
    expect(back.pmk).toBeUndefined();
    expect(selectSaePmksa(back, AKM_SAE_EXT_KEY, [result.pmkid], w.responder.pmksa)).toBeUndefined();
    expect(Buffer.from(back.pmk!).equals(result.pmk)).toBe(true);
  });

  it('an expired PMKSA is not used (dot11RSNAConfigPMKLifetime)', () => {
    const { w, result } = completed();
    w.clock.advance(43_200_000);
    w.stations.remove(STA1);
    const sta1 = w.stations.authenticate(STA1);
    sta1.authAlgorithm = AuthAlgorithm.OPEN_SYSTEM;
    expect(selectSaePmksa(sta1, AKM_SAE, [result.pmkid], w.responder.pmksa)?.status).toBe(StatusCode.STATUS_INVALID_PMKID);
  });
});

describe('SAE in the AP under seeded fuzzing', () => {
  const ITERATIONS = 300;
  it(`never throws on ${ITERATIONS} mutated SAE Authentication frames, and an exchange still completes afterwards`, () => {
    const w = world({ pwe: 2 });
    const rnd = mulberry32(13);
    const s = w.sta(STA1, 1);
    s.instance.start();
    const commit = parseAuth(w.air.queue.shift()!.frame);
    const seeds = [commit.body, new Uint8Array(34)];
    for (let i = 0; i < ITERATIONS; i++) {
      const body = mutate(Buffer.from(seeds[i % 2]), rnd);
      const transaction = [1, 2, 3, 0][Math.floor(rnd() * 4)];
      const status = [0, 126, 76, 77, 1][Math.floor(rnd() * 5)];
      const sa = macFromString(`02:00:00:00:0${1 + (i % 4)}:00`);
      expect(() => w.responder.onAuth({ ...commit, sa, transaction, status, body })).not.toThrow();
      w.air.queue.length = 0;
    }
    w.clock.advance(10_000);
    expect(w.responder.openInstances).toBe(0);
    const fresh = w.sta('02:00:00:00:09:00', 1);
    fresh.instance.start();
    w.pump();
    expect(fresh.accepted).toHaveLength(1);
  });
});

describe('SAE counters in wifid.ap status', () => {
  it('name accepted, failed (also by reason), token requests, refusals and drops', () => {
    expect(saeStatusCounters({ accepted: 2, failed: { bad_confirm: 1, timeout: 2 }, tokenRequests: 3, refused: 4, dropped: 5 })).toEqual({
      sae_accepted: 2, sae_failed: 3, sae_failed_bad_confirm: 1, sae_failed_timeout: 2, sae_token_requests: 3, sae_refused: 4, sae_dropped: 5,
    });
  });
});
