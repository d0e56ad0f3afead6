// Two SaeInstances, an AP and a STA, wired back to back: complete exchanges (H&P, H2E,
// identifier, anti-clogging), and each failure the standard names. Timers are vitest's
// fake timers behind the injected interface; randomness is seeded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaeInstance, type SaeAuthMessage, type SaeFailure, type SaeInstanceOptions, type SaeResult } from '../../../core/rsn/sae/instance.js';
import { AntiCloggingTokens } from '../../../core/rsn/sae/anti-clogging.js';
import { derivePt } from '../../../core/rsn/sae/pwe.js';
import { ORDER, scalarToBytes } from '../../../core/rsn/sae/group19.js';
import { parseSaeCommit } from '../../../core/ieee80211/sae-auth-body.js';
import { StatusCode } from '../../../core/ieee80211/status-codes.js';
import { macFromString } from '../../../core/ieee80211/mac-address.js';
import { mulberry32, mutate } from '../../helpers/prng.js';

const AP = macFromString('02:00:00:00:00:01');
const STA = macFromString('02:00:00:00:01:00');
const SSID = new TextEncoder().encode('wifid-sae');
const utf8 = (s: string) => new TextEncoder().encode(s);

function seeded(seed: number): (n: number) => Uint8Array {
  const rnd = mulberry32(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
}

const timers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

type Side = 'ap' | 'sta';
interface Sent {
  from: Side;
  msg: SaeAuthMessage;
}

/** An AP and a STA instance; `pump` carries queued frames across unless `drop` says otherwise. */
function pair(over: { ap?: Partial<SaeInstanceOptions>; sta?: Partial<SaeInstanceOptions> } = {}) {
  const sent: Sent[] = [];
  const accepted: Record<Side, SaeResult[]> = { ap: [], sta: [] };
  const failed: Record<Side, Array<{ reason: SaeFailure; status?: number }>> = { ap: [], sta: [] };
  const make = (side: Side, role: Side, own: Uint8Array, peer: Uint8Array, seed: number, extra?: Partial<SaeInstanceOptions>) =>
    new SaeInstance({
      role,
      ownAddr: own,
      peerAddr: peer,
      password: utf8('correct horse battery'),
      ssid: SSID,
      pwe: 2,
      timers,
      random: seeded(seed),
      send: (msg) => sent.push({ from: side, msg }),
      events: {
        accepted: (r) => accepted[side].push(r),
        failed: (reason, detail) => failed[side].push({ reason, ...detail }),
      },
      ...extra,
    });
  const ap = make('ap', 'ap', AP, STA, 1, over.ap);
  const sta = make('sta', 'sta', STA, AP, 2, over.sta);
  let next = 0;
  const pump = (drop: (s: Sent, index: number) => boolean = () => false) => {
    while (next < sent.length) {
      const index = next++;
      const s = sent[index];
      if (drop(s, index)) continue;
      (s.from === 'ap' ? sta : ap).receive(s.msg.transaction, s.msg.status, s.msg.body);
    }
  };
  const trace = () => sent.map((s) => `${s.from}:${s.msg.transaction}/${s.msg.status}`);
  return { ap, sta, sent, accepted, failed, pump, trace };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SAE exchanges that complete', () => {
  it('hunting-and-pecking: commit, commit, confirm, confirm; both sides hold the same PMK and PMKID', () => {
    const p = pair({ ap: { pwe: 0 }, sta: { pwe: 0 } });
    p.sta.start();
    p.pump();
    expect(p.trace()).toEqual(['sta:1/0', 'ap:1/0', 'sta:2/0', 'ap:2/0']);
    expect(p.ap.state).toBe('accepted');
    expect(p.sta.state).toBe('accepted');
    expect(p.accepted.ap).toHaveLength(1);
    expect(p.accepted.sta).toHaveLength(1);
    const [a] = p.accepted.ap;
    const [s] = p.accepted.sta;
    expect(Buffer.from(a.pmk).equals(s.pmk)).toBe(true);
    expect(Buffer.from(a.pmkid).equals(s.pmkid)).toBe(true);
    expect(a.pmk).toHaveLength(32);
    expect(a.pmkid).toHaveLength(16);
    expect(a.h2e).toBe(false);
    // The commit bodies are group 19, scalar and element.
    expect(p.sent[0].msg.body).toHaveLength(98);
    expect([...p.sent[0].msg.body.subarray(0, 2)]).toEqual([19, 0]);
    // No retransmission and no deadline left behind.
    vi.advanceTimersByTime(60_000);
    expect(p.sent).toHaveLength(4);
    expect(p.failed).toEqual({ ap: [], sta: [] });
  });

  it('hash-to-element with a password identifier and a PT computed once: statuses 126', () => {
    const id = utf8('guest');
    const pt = derivePt(SSID, utf8('correct horse battery'), id);
    const p = pair({ ap: { pwe: 1, pt, passwordIdentifier: id }, sta: { pwe: 1, passwordIdentifier: id } });
    p.sta.start();
    p.pump();
    expect(p.trace()).toEqual(['sta:1/126', 'ap:1/126', 'sta:2/0', 'ap:2/0']);
    expect(parseSaeCommit(p.sent[0].msg.body, { h2e: true }).passwordIdentifier).toEqual(id);
    expect(p.accepted.ap[0].h2e).toBe(true);
    expect(Buffer.from(p.accepted.ap[0].pmk).equals(p.accepted.sta[0].pmk)).toBe(true);
  });

  it('AKM 24: both commits carry the AKM Suite Selector element; the keys are those of AKM 8 (group 19: 32-octet KCK and PMK)', () => {
    const ext = pair({ ap: { pwe: 1, akmSuite: 0x000fac18 }, sta: { pwe: 1, akmSuite: 0x000fac18 } });
    ext.sta.start();
    ext.pump();
    expect(ext.trace()).toEqual(['sta:1/126', 'ap:1/126', 'sta:2/0', 'ap:2/0']);
    expect(ext.sent.filter((x) => x.msg.transaction === 1).map((x) => parseSaeCommit(x.msg.body, { h2e: true }).akmSuite)).toEqual([0x000fac18, 0x000fac18]);
    const plain = pair({ ap: { pwe: 1 }, sta: { pwe: 1 } });
    plain.sta.start();
    plain.pump();
    // Same seeds, same commits: the element changes nothing in the derivation.
    expect(Buffer.from(ext.accepted.ap[0].pmk).equals(plain.accepted.ap[0].pmk)).toBe(true);
    expect(Buffer.from(ext.accepted.sta[0].kck).equals(plain.accepted.sta[0].kck)).toBe(true);
  });

  it('an AP with sae_pwe 2 follows the STA: H2E when the STA sees the RSNXE bit, else H&P', () => {
    const h2e = pair({ sta: { pwe: 2, peerSupportsH2e: true } });
    h2e.sta.start();
    h2e.pump();
    expect(h2e.trace()).toEqual(['sta:1/126', 'ap:1/126', 'sta:2/0', 'ap:2/0']);
    const hnp = pair({ sta: { pwe: 2, peerSupportsH2e: false } });
    hnp.sta.start();
    hnp.pump();
    expect(hnp.trace()).toEqual(['sta:1/0', 'ap:1/0', 'sta:2/0', 'ap:2/0']);
    expect(hnp.accepted.ap[0].h2e).toBe(false);
  });

  it('confirmImmediately: the AP sends Commit and Confirm together, as the standard FSM does', () => {
    const p = pair({ ap: { confirmImmediately: true } });
    p.sta.start();
    p.pump();
    expect(p.trace()).toEqual(['sta:1/0', 'ap:1/0', 'ap:2/0', 'sta:2/0']);
    expect(p.ap.state).toBe('accepted');
    expect(p.sta.state).toBe('accepted');
  });

  for (const h2e of [false, true]) {
    it(`anti-clogging (${h2e ? 'H2E: token container element' : 'H&P: token field'}): status 76, then the same commit with the token`, () => {
      const tokens = new AntiCloggingTokens(new Uint8Array(32).fill(7));
      const p = pair({ ap: { antiClogging: { tokens, required: () => true } }, sta: { peerSupportsH2e: h2e } });
      p.sta.start();
      p.pump();
      const status = h2e ? 126 : 0;
      expect(p.trace()).toEqual([`sta:1/${status}`, 'ap:1/76', `sta:1/${status}`, `ap:1/${status}`, 'sta:2/0', 'ap:2/0']);
      const token = tokens.issue(STA);
      const request = p.sent[1].msg.body;
      if (h2e) expect([...request.subarray(2, 5)]).toEqual([255, 33, 93]);
      expect(Buffer.from(request).includes(Buffer.from(token))).toBe(true);
      const first = parseSaeCommit(p.sent[0].msg.body, { h2e });
      const again = parseSaeCommit(p.sent[2].msg.body, { h2e });
      expect(again.token).toEqual(token);
      expect(again.scalar).toEqual(first.scalar);
      expect(again.element).toEqual(first.element);
      expect(p.ap.state).toBe('accepted');
    });
  }
});

describe('SAE failures', () => {
  it('a different password: the AP answers the STA confirm with status 15; both fail', () => {
    const p = pair({ sta: { password: utf8('wrong horse battery') } });
    p.sta.start();
    p.pump();
    expect(p.trace()).toEqual(['sta:1/0', 'ap:1/0', 'sta:2/0', 'ap:2/15']);
    expect(p.failed.ap).toEqual([{ reason: 'bad_confirm' }]);
    expect(p.failed.sta).toEqual([{ reason: 'rejected_by_peer', status: StatusCode.CHALLENGE_FAILURE }]);
    expect(p.accepted).toEqual({ ap: [], sta: [] });
  });

  it('an H&P commit to an H2E-only AP is dropped without an answer', () => {
    const p = pair({ ap: { pwe: 1 }, sta: { pwe: 0 } });
    p.sta.start();
    p.pump();
    expect(p.trace()).toEqual(['sta:1/0']);
    expect(p.failed.ap).toEqual([{ reason: 'pwe_mismatch', status: 0 }]);
  });

  /** The AP's answer to the STA's first commit with `edit` applied. */
  function answerTo(edit: (body: Uint8Array) => Uint8Array, status = 0) {
    const p = pair();
    p.sta.start();
    const body = edit(p.sent[0].msg.body.slice());
    p.ap.receive(1, status, body);
    return { p, answer: p.sent.slice(1).map((s) => s.msg) };
  }

  it('an unsupported group: status 77 naming the group', () => {
    const { p, answer } = answerTo((b) => {
      b[0] = 20;
      return b;
    });
    expect(answer).toEqual([{ transaction: 1, status: 77, body: new Uint8Array([20, 0]) }]);
    expect(p.failed.ap).toEqual([{ reason: 'unsupported_group', status: 77 }]);
  });

  const badCommits: Array<[string, (b: Uint8Array) => Uint8Array]> = [
    ['scalar 0', (b) => (b.fill(0, 2, 34), b)],
    ['scalar 1', (b) => (b.set(scalarToBytes(1n), 2), b)],
    ['scalar r', (b) => (b.set(scalarToBytes(ORDER), 2), b)],
    ['element off the curve', (b) => ((b[97] ^= 1), b)],
    ['element x >= p', (b) => (b.fill(0xff, 34, 66), b)],
    ['element all zero (the identity has no x || y form)', (b) => (b.fill(0, 34, 98), b)],
    ['a truncated commit', (b) => b.subarray(0, 60)],
    ['a group field only', (b) => b.subarray(0, 2)],
  ];
  for (const [name, edit] of badCommits) {
    it(`${name}: status 1, the instance ends`, () => {
      const { p, answer } = answerTo(edit);
      expect(answer).toEqual([{ transaction: 1, status: 1, body: new Uint8Array(0) }]);
      expect(p.failed.ap).toEqual([{ reason: 'bad_commit', status: 1 }]);
      expect(p.ap.state).toBe('nothing');
    });
  }

  it('an empty commit body: status 1', () => {
    const { p } = answerTo(() => new Uint8Array(0));
    expect(p.failed.ap).toEqual([{ reason: 'bad_commit', status: 1 }]);
  });

  it('a reflected commit (our own scalar and element) is dropped silently and the STA goes on', () => {
    const p = pair();
    p.sta.start();
    const own = p.sent[0].msg;
    p.sta.receive(1, own.status, own.body);
    expect(p.sent).toHaveLength(1);
    expect(p.sta.state).toBe('committed');
    expect(p.failed.sta).toEqual([]);
    // The real AP commit still completes the exchange.
    p.pump();
    expect(p.sta.state).toBe('accepted');
  });

  it('H2E: Rejected Groups naming group 19 is a downgrade: status 1', () => {
    const p = pair({ sta: { pwe: 1, rejectedGroups: [19] } });
    p.sta.start();
    p.pump();
    expect(p.trace()).toEqual(['sta:1/126', 'ap:1/1']);
    expect(p.failed.ap).toEqual([{ reason: 'downgrade', status: 1 }]);
  });

  it('H2E: Rejected Groups of other groups go into keyseed on both sides', () => {
    const p = pair({ sta: { pwe: 1, rejectedGroups: [20, 21] } });
    p.sta.start();
    p.pump();
    expect(p.ap.state).toBe('accepted');
    const plain = pair({ sta: { pwe: 1 } });
    plain.sta.start();
    plain.pump();
    // Same seeds, so the same commits: only the salt differs.
    expect(Buffer.from(p.accepted.ap[0].pmk).equals(plain.accepted.ap[0].pmk)).toBe(false);
    expect(Buffer.from(p.accepted.ap[0].pmkid).equals(plain.accepted.ap[0].pmkid)).toBe(true);
  });

  it('an unknown password identifier: status 123', () => {
    const p = pair({ ap: { pwe: 1 }, sta: { pwe: 1, passwordIdentifier: utf8('nobody') } });
    p.sta.start();
    p.pump();
    expect(p.trace()).toEqual(['sta:1/126', 'ap:1/123']);
    expect(p.failed.ap).toEqual([{ reason: 'unknown_password_identifier', status: 123 }]);
    expect(p.failed.sta).toEqual([{ reason: 'rejected_by_peer', status: 123 }]);
  });

  it('AKM 24: a commit without the AKM Suite Selector element, or naming AKM 8, is refused with status 1', () => {
    for (const staSuite of [undefined, 0x000fac08]) {
      const p = pair({ ap: { pwe: 1, akmSuite: 0x000fac18 }, sta: { pwe: 1, ...(staSuite !== undefined ? { akmSuite: staSuite } : {}) } });
      p.sta.start();
      p.pump();
      expect(p.trace()).toEqual(['sta:1/126', 'ap:1/1']);
      expect(p.failed.ap).toEqual([{ reason: 'akm_mismatch', status: 1 }]);
      expect(p.accepted.ap).toEqual([]);
    }
  });

  it('a token the AP did not issue: the commit is dropped and the instance ends', () => {
    const tokens = new AntiCloggingTokens(new Uint8Array(32).fill(7));
    const p = pair({ ap: { antiClogging: { tokens, required: () => true } } });
    p.sta.start();
    p.pump((s) => s.from === 'ap');
    const request = p.sent[1].msg;
    request.body[request.body.length - 1] ^= 1;
    p.sta.receive(1, request.status, request.body);
    p.pump();
    expect(p.failed.ap).toEqual([{ reason: 'bad_token' }]);
    expect(p.trace()).toEqual(['sta:1/0', 'ap:1/76', 'sta:1/0']);
  });

  it('the STA fails on status 77 from the AP', () => {
    const p = pair();
    p.sta.start();
    p.sta.receive(1, 77, new Uint8Array([19, 0]));
    expect(p.failed.sta).toEqual([{ reason: 'unsupported_group', status: 77 }]);
  });
});

describe('SAE retransmission, Sync and timeouts', () => {
  it('the STA resends its commit every dot11RSNASAERetransPeriod and gives up past dot11RSNASAESync', () => {
    const p = pair();
    p.sta.start();
    p.pump(() => true);
    vi.advanceTimersByTime(39);
    expect(p.sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(p.sent).toHaveLength(2);
    expect(p.sent[1].msg).toEqual(p.sent[0].msg);
    vi.advanceTimersByTime(40 * 10);
    // Three retransmissions (sync 1..3), then sync > 3 ends the instance.
    expect(p.sent).toHaveLength(4);
    expect(p.failed.sta).toEqual([{ reason: 'sync_exceeded' }]);
  });

  it('a lost AP commit: the STA retransmits, the AP (holding its Confirm) answers with the same commit', () => {
    const p = pair();
    p.sta.start();
    p.pump((s) => s.from === 'ap');
    vi.advanceTimersByTime(40);
    p.pump();
    expect(p.trace()).toEqual(['sta:1/0', 'ap:1/0', 'sta:1/0', 'ap:1/0', 'sta:2/0', 'ap:2/0']);
    expect(p.sent[3].msg).toEqual(p.sent[1].msg);
    expect(p.ap.state).toBe('accepted');
    expect(p.sta.state).toBe('accepted');
  });

  it('a lost AP confirm: the STA resends its confirm, the Accepted AP confirms again with send-confirm 65535', () => {
    const p = pair();
    p.sta.start();
    p.pump((_s, i) => i === 3);
    expect(p.ap.state).toBe('accepted');
    expect(p.sta.state).toBe('confirmed');
    vi.advanceTimersByTime(40);
    p.pump();
    expect(p.trace()).toEqual(['sta:1/0', 'ap:1/0', 'sta:2/0', 'ap:2/0', 'sta:2/0', 'ap:2/0']);
    expect([...p.sent[5].msg.body.subarray(0, 2)]).toEqual([0xff, 0xff]);
    expect(p.sta.state).toBe('accepted');
    expect(p.accepted.ap).toHaveLength(1);
  });

  it('an Accepted AP ignores a replayed confirm (send-confirm not above the last one)', () => {
    const p = pair();
    p.sta.start();
    p.pump();
    const confirm = p.sent[2].msg;
    p.ap.receive(2, confirm.status, confirm.body);
    expect(p.sent).toHaveLength(4);
    expect(p.ap.state).toBe('accepted');
  });

  it('a STA that never confirms: the AP instance fails after timeoutMs', () => {
    const p = pair();
    p.sta.start();
    p.pump((s) => s.from === 'ap');
    p.sta.stop();
    vi.advanceTimersByTime(4999);
    expect(p.failed.ap).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(p.failed.ap).toEqual([{ reason: 'timeout' }]);
    // The AP itself never retransmitted (infrastructure AP: the STA drives retries).
    expect(p.trace()).toEqual(['sta:1/0', 'ap:1/0']);
  });

  it('frames after the end are ignored', () => {
    const p = pair({ sta: { password: utf8('wrong') } });
    p.sta.start();
    p.pump();
    const n = p.sent.length;
    p.ap.receive(1, 0, p.sent[0].msg.body);
    p.ap.receive(2, 0, p.sent[2].msg.body);
    expect(p.sent).toHaveLength(n);
    expect(p.failed.ap).toHaveLength(1);
  });
});

describe('SAE instances under seeded fuzzing', () => {
  const ITERATIONS = 120;
  it(`never throw on ${ITERATIONS} mutated commits and confirms, with any status and transaction`, () => {
    const rnd = mulberry32(0x5ae);
    const pt = derivePt(SSID, utf8('correct horse battery'));
    const opts = { ap: { pwe: 2 as const, pt }, sta: { pwe: 2 as const, pt, peerSupportsH2e: true } };
    const honest = pair(opts);
    honest.sta.start();
    honest.pump();
    const frames = honest.sent.map((s) => s.msg);
    const statuses = [0, 1, 15, 76, 77, 123, 126, 0xffff];
    for (let i = 0; i < ITERATIONS; i++) {
      const p = pair(opts);
      p.sta.start();
      const src = frames[i % frames.length];
      const body = new Uint8Array(mutate(Buffer.from(src.body), rnd));
      const status = rnd() < 0.7 ? src.status : statuses[Math.floor(rnd() * statuses.length)];
      const transaction = rnd() < 0.9 ? src.transaction : Math.floor(rnd() * 4);
      expect(() => p.ap.receive(transaction, status, body)).not.toThrow();
      expect(() => p.sta.receive(transaction, status, body)).not.toThrow();
      expect(['nothing', 'committed', 'confirmed', 'accepted']).toContain(p.ap.state);
    }
  });
});
