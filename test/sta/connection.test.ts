// The station's SME (plugins/sta-mlo/connection.ts) against a stand-in of mac80211 that
// answers AUTHENTICATE and ASSOCIATE with the events the kernel sends (frames built by
// core/ieee80211 as an AP would send them), and the AP's real FourWayAuthenticator on the
// other end of the control port. Judged by what the SME sends to the kernel: the
// commands' order and attributes, the keys, the AUTHORIZED flag; and by its errors.
import { describe, expect, it } from 'vitest';
import { AuthAlgorithm, buildAuth } from '../../core/ieee80211/auth.js';
import { buildAssocResponse } from '../../core/ieee80211/assoc.js';
import { buildDeauth } from '../../core/ieee80211/deauth.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { AKM_PSK, AKM_PSK_SHA256, AKM_SAE, CIPHER_CCMP, encodeRsne, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import type { Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { FourWayAuthenticator } from '../../core/rsn/authenticator.js';
import { ConnectError, StaConnection, type ConnectSecurity } from '../../plugins/sta-mlo/connection.js';
import { SaeResponder } from '../../plugins/mld-ap/sae-responder.js';
import { StationTable } from '../../plugins/mld-ap/station-table.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { buildAuthMultiLink } from '../../core/ieee80211/auth-multi-link.js';
import { parseAuth } from '../../core/ieee80211/auth.js';
import { AntiCloggingTokens } from '../../core/rsn/sae/anti-clogging.js';
import { encodeRsnxe } from '../../core/ieee80211/rsn-element.js';
// The SME loads SAE on first use; loaded here already, so that its import is only a few ticks.
import '../../core/rsn/sae/initiator.js';
import { ManualClock, silentLogger } from '../txq/fakes.js';
import { flush } from '../rsn/harness.js';

const BSSID = '02:00:00:00:00:01';
const STA = '02:00:00:00:01:00';
const SSID = new TextEncoder().encode('wifid-sta');
const KEY = 'correct horse battery';
const GTK = Uint8Array.from({ length: 16 }, (_, i) => 0x10 + i);
const apRsne = (akm: number, caps = 0) => encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [akm], capabilities: caps, pmkids: [] });

interface Options { akm?: number; apCaps?: number; apKey?: string; assocStatus?: number; authStatus?: number; silentAp?: boolean }

/** mac80211 (answers the MLME commands with events) and an AP whose authenticator speaks over the control port. */
function world(o: Options = {}) {
  const akm = o.akm ?? AKM_PSK;
  const rsne = apRsne(akm, o.apCaps ?? 0);
  const clock = new ManualClock();
  const sent: [string, Attrs_nl80211_attrs][] = [];
  let conn!: StaConnection;
  const ap = macFromString(BSSID);
  const sta = macFromString(STA);
  let auth: FourWayAuthenticator | undefined;
  let apAuthorized = 0;
  const event = (cmd: string, attrs: Attrs_nl80211_attrs) => queueMicrotask(() => conn.onEvent(cmd, attrs));
  const nl: Nl80211Requester = {
    request: async (cmd, attrs = {}) => {
      sent.push([cmd, attrs]);
      if (cmd === 'AUTHENTICATE') {
        event('AUTHENTICATE', { FRAME: buildAuth({ da: sta, sa: ap, bssid: ap, algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 2, status: o.authStatus ?? 0 }) });
      } else if (cmd === 'ASSOCIATE') {
        const status = o.assocStatus ?? 0;
        event('ASSOCIATE', { FRAME: buildAssocResponse({ da: sta, sa: ap, bssid: ap, reassoc: false, capabilityInfo: 0x11, status, aid: status ? 0 : 1, rates: [0x82, 0x84] }) });
        if (status === 0 && !o.silentAp) {
          auth = new FourWayAuthenticator({
            aa: ap, spa: sta, akm, pairwiseCipher: CIPHER_CCMP, pmk: pskFromPassphrase(o.apKey ?? KEY, SSID), apRsne: rsne,
            staRsne: attrs.IE!.subarray(0, attrs.IE![1]! + 2), groupKeys: () => ({ gtk: GTK, gtkId: 1 }), clock,
            send: async (pdu) => event('CONTROL_PORT_FRAME', { FRAME: pdu, MAC: BSSID }),
            installPtk: async () => undefined,
            events: {
              authorized: () => apAuthorized++,
              failed: (_r, reason) => event('DEAUTHENTICATE', { FRAME: buildDeauth({ da: sta, sa: ap, bssid: ap, reason }) }),
            },
          });
          queueMicrotask(() => auth!.start());
        }
      }
      return [];
    },
  };
  const c = new StaConnection(
    { ifindex: 7, ownAddr: STA, nl, clock, log: silentLogger, sendEapol: async (dest, pdu) => { expect(dest).toBe(BSSID); queueMicrotask(() => auth?.receive(pdu)); } },
    { ssid: SSID, bssid: BSSID, freq: 2412, rsne },
    { encryption: akm === AKM_PSK ? 'psk2' : akm === AKM_PSK_SHA256 ? 'psk2-sha256' : 'sae', key: KEY, ieee80211w: o.apCaps ? 2 : 0 } satisfies ConnectSecurity,
  );
  conn = c;
  /** Runs the connection to its end, moving the clock so the authenticator's retries happen. */
  const settle = async (p: Promise<void>) => {
    let out: { ok: true } | { err: unknown } | undefined;
    p.then(() => { out = { ok: true }; }, (err: unknown) => { out = { err }; });
    for (let i = 0; i < 40 && !out; i++) {
      await flush();
      clock.advance(500);
    }
    return out;
  };
  return { c, sent, clock, settle, apAuthorized: () => apAuthorized, cmds: () => sent.map(([cmd]) => cmd) };
}

describe('the station SME with WPA2/WPA3-Personal PSK', () => {
  it('psk2: authenticate, associate, 4-way, PTK on the AP\'s address, GTK not as default, AUTHORIZED; connected', async () => {
    const w = world();
    const out = await w.settle(w.c.connect(() => undefined));
    expect(out).toEqual({ ok: true });
    expect(w.c.state).toBe('connected');
    expect(w.apAuthorized()).toBe(1);
    expect(w.cmds()).toEqual(['AUTHENTICATE', 'ASSOCIATE', 'NEW_KEY', 'NEW_KEY', 'SET_STATION']);
    const [, ptk] = w.sent[2]!;
    expect(ptk.MAC).toBe(BSSID);
    expect(ptk.KEY?.IDX).toBe(0);
    const [, gtk] = w.sent[3]!;
    expect(gtk.MAC).toBeUndefined();
    expect(gtk.KEY?.IDX).toBe(1);
    expect(Buffer.from(gtk.KEY!.DATA!).equals(Buffer.from(GTK))).toBe(true);
    const [, assoc] = w.sent[1]!;
    expect(assoc.USE_MFP).toBe(0);
    expect(assoc.CONTROL_PORT_OVER_NL80211).toBe(true);
    expect(w.sent[4]![1].MAC).toBe(BSSID);
  });

  it('psk2-sha256 with PMF required by the AP: USE_MFP REQUIRED and the RSNE says MFPC|MFPR', async () => {
    const w = world({ akm: AKM_PSK_SHA256, apCaps: RsnCapability.MFPC | RsnCapability.MFPR });
    expect(await w.settle(w.c.connect(() => undefined))).toEqual({ ok: true });
    const [, assoc] = w.sent[1]!;
    expect(assoc.USE_MFP).toBe(1);
    expect(w.c.rsn!.pmf).toBe(true);
  });

  it('a wrong key: the AP deauthenticates with 15 during the handshake; a handshake error naming the reason, deauthenticated, no key', async () => {
    const w = world({ apKey: 'another key entirely' });
    const out = await w.settle(w.c.connect(() => undefined));
    const err = (out as { err: ConnectError }).err;
    expect(err).toBeInstanceOf(ConnectError);
    expect(err.stage).toBe('handshake');
    expect(err.message).toMatch(/reason 15.*wrong key/);
    expect(w.c.state).toBe('failed');
    expect(w.cmds()).toEqual(['AUTHENTICATE', 'ASSOCIATE', 'DEAUTHENTICATE']);
  });

  it('an AP that never starts the handshake: the deadline ends it', async () => {
    const w = world({ silentAp: true });
    const out = await w.settle(w.c.connect(() => undefined));
    expect(((out as { err: ConnectError }).err).message).toMatch(/no 4-way handshake within 10 s/);
  });

  it('refusals: authentication status 1, association status 18 carry the status; an AP without the AKM is refused before anything is sent', async () => {
    const a = world({ authStatus: StatusCode.REFUSED_REASON_UNSPECIFIED });
    const ea = ((await a.settle(a.c.connect(() => undefined))) as { err: ConnectError }).err;
    expect([ea.stage, ea.status]).toEqual(['auth', StatusCode.REFUSED_REASON_UNSPECIFIED]);
    const b = world({ assocStatus: 18 });
    const eb = ((await b.settle(b.c.connect(() => undefined))) as { err: ConnectError }).err;
    expect([eb.stage, eb.status]).toEqual(['assoc', 18]);
    const c = world({ akm: AKM_SAE });
    const conn = new StaConnection(
      { ifindex: 7, ownAddr: STA, nl: { request: async () => { throw new Error('nothing may be sent'); } }, clock: c.clock, log: silentLogger, sendEapol: async () => undefined },
      { ssid: SSID, bssid: BSSID, freq: 2412, rsne: apRsne(AKM_SAE) },
      { encryption: 'psk2', key: KEY, ieee80211w: 0 },
    );
    await expect(conn.connect(() => undefined)).rejects.toThrow(/offers no psk2/);
  });

  it('after connecting, the AP\'s deauthentication ends the association once, with its reason', async () => {
    const w = world();
    const ends: number[] = [];
    expect(await w.settle(w.c.connect((c) => ends.push(c.ended!.reason)))).toEqual({ ok: true });
    const deauth = buildDeauth({ da: macFromString(STA), sa: macFromString(BSSID), bssid: macFromString(BSSID), reason: 3 });
    w.c.onEvent('DEAUTHENTICATE', { FRAME: deauth });
    w.c.onEvent('DISCONNECT', { REASON_CODE: 3, DISCONNECTED_BY_AP: true });
    w.c.onEvent('DEAUTHENTICATE', { FRAME: deauth.subarray(0, 10) });
    expect(ends).toEqual([3]);
    expect(w.c.ended).toMatchObject({ reason: 3, byAp: true });
    expect(w.c.state).toBe('disconnected');
  });
});

describe('the station SME towards an AP MLD (SAE, two links)', () => {
  const AP_MLD = '06:4d:4c:44:00:00';
  const LINK = ['06:4d:4c:44:00:10', '06:4d:4c:44:00:11'];
  const STA_MLD = '02:4d:4c:44:01:00';
  const STA_LINK0 = '02:4d:4c:44:01:10';
  const rsne = apRsne(AKM_SAE, RsnCapability.MFPC | RsnCapability.MFPR);
  const rsnxe = encodeRsnxe({ h2e: true });
  const key = (b: number) => Uint8Array.from({ length: 16 }, (_, i) => b + i);

  function mloWorld(o: { refuseLink1?: boolean } = {}) {
    const clock = new ManualClock();
    const sent: [string, Attrs_nl80211_attrs][] = [];
    let conn!: StaConnection;
    let auth: FourWayAuthenticator | undefined;
    const ap0 = macFromString(LINK[0]!);
    const staLink = macFromString(STA_LINK0);
    const event = (cmd: string, attrs: Attrs_nl80211_attrs) => queueMicrotask(() => conn.onEvent(cmd, attrs));
    const stations = new StationTable(4);
    const responder = new SaeResponder({
      ownAddr: ap0, stations, clock, log: silentLogger, peerLog: new PeerLog(silentLogger, clock),
      // The AP MLD's frames on link 0 carry its Basic Multi-Link element (the route adds it).
      send: async (frame) => { event('AUTHENTICATE', { FRAME: frame }); return 'acked'; },
      forgetStation: async () => undefined, emit: () => undefined,
    }, { ssid: SSID, password: new TextEncoder().encode(KEY), pwe: 1, tokens: new AntiCloggingTokens(new Uint8Array(32).fill(3)) });
    const route = { peer: STA_MLD, ownAddr: macFromString(AP_MLD), peerAddr: macFromString(STA_MLD), da: staLink, bssid: ap0, linkId: 0, elements: buildAuthMultiLink(macFromString(AP_MLD)), mld: { linkId: 0, linkAddr: STA_LINK0 } };
    const nl: Nl80211Requester = {
      request: async (cmd, attrs = {}) => {
        sent.push([cmd, attrs]);
        if (cmd === 'AUTHENTICATE') {
          // mac80211 makes the frame: algorithm 3, then AUTH_DATA (and its own ML element, which the route stands for).
          const d = Buffer.from(attrs.AUTH_DATA!);
          const frame = buildAuth({ da: ap0, sa: staLink, bssid: ap0, algorithm: AuthAlgorithm.SAE, transaction: d.readUInt16LE(0), status: d.readUInt16LE(2), body: attrs.AUTH_DATA!.subarray(4) });
          queueMicrotask(() => responder.onAuth(parseAuth(frame), route));
        } else if (cmd === 'ASSOCIATE') {
          event('ASSOCIATE', { FRAME: buildAssocResponse({ da: staLink, sa: ap0, bssid: ap0, reassoc: false, capabilityInfo: 0x11, status: 0, aid: 1, rates: [0x82, 0x84] }) });
          event('CONNECT', { STATUS_CODE: 0, MLD_ADDR: AP_MLD, MLO_LINKS: [{ MLO_LINK_ID: 0, BSSID: LINK[0]! }, { MLO_LINK_ID: 1, BSSID: LINK[1]!, ...(o.refuseLink1 ? { STATUS_CODE: 1 } : {}) }] });
          const links = o.refuseLink1 ? [0] : [0, 1];
          auth = new FourWayAuthenticator({
            aa: macFromString(AP_MLD), spa: macFromString(STA_MLD), akm: AKM_SAE, pairwiseCipher: CIPHER_CCMP, pmk: stations.get(STA_MLD)!.pmk!, apRsne: rsne, apRsnxe: rsnxe,
            staRsne: attrs.IE!.subarray(0, attrs.IE![1]! + 2), staRsnxe: encodeRsnxe({ h2e: true }), clock,
            groupKeys: () => { throw new Error('MLO'); },
            mlo: {
              apLinks: LINK.map((a, linkId) => ({ linkId, addr: macFromString(a), rsne, rsnxe })),
              groupKeys: () => links.map((linkId) => ({ linkId, keys: { gtk: key(0x10 * (linkId + 1)), gtkId: 1, igtk: key(0x40 + linkId), igtkId: 4, bigtk: key(0x80 + linkId), bigtkId: 6 } })),
            },
            send: async (pdu) => event('CONTROL_PORT_FRAME', { FRAME: pdu, MAC: AP_MLD }),
            installPtk: async () => undefined,
            events: { authorized: () => undefined, failed: () => undefined },
          });
          queueMicrotask(() => auth!.start());
        }
        return [];
      },
    };
    conn = new StaConnection(
      { ifindex: 7, ownAddr: STA_MLD, nl, clock, log: silentLogger, sendEapol: async (dest, pdu) => { expect(dest).toBe(AP_MLD); queueMicrotask(() => auth?.receive(pdu)); } },
      { ssid: SSID, bssid: LINK[0]!, freq: 2412, rsne, rsnxe, mld: { apMldAddr: AP_MLD, assocLinkId: 0, links: [{ linkId: 1, bssid: LINK[1]!, freq: 2437, rsne, rsnxe }] } },
      { encryption: 'sae', key: KEY, ieee80211w: 2 },
    );
    const removed: number[] = [];
    const settle = async () => {
      let out: { ok: true } | { err: unknown } | undefined;
      conn.connect(() => undefined, (_c, id) => removed.push(id)).then(() => { out = { ok: true }; }, (err: unknown) => { out = { err }; });
      for (let i = 0; i < 5000 && !out; i++) await flush();
      return out;
    };
    return { conn, sent, settle, removed };
  }

  it('SAE over link 0 with the MLD addresses, ASSOCIATE with MLO_LINKS, the PTK and AUTHORIZED on the AP MLD, each link\'s group keys with its link id', async () => {
    const w = mloWorld();
    const out = await w.settle();
    expect(out, JSON.stringify([w.sent.map(([c]) => c), w.conn.state, String((out as { err?: unknown } | undefined)?.err)])).toEqual({ ok: true });
    const cmds = w.sent.map(([c]) => c);
    expect(cmds.filter((c) => c === 'AUTHENTICATE')).toHaveLength(2); // commit, confirm
    for (const [c, a] of w.sent.filter(([c]) => c === 'AUTHENTICATE')) expect([c, a.MAC, a.MLO_LINK_ID, a.MLD_ADDR]).toEqual(['AUTHENTICATE', LINK[0], 0, AP_MLD]);
    const assoc = w.sent.find(([c]) => c === 'ASSOCIATE')![1];
    expect(assoc.MLD_ADDR).toBe(AP_MLD);
    expect(assoc.MLO_LINK_ID).toBe(0);
    expect(assoc.MLO_LINKS!.map((l) => [l.MLO_LINK_ID, l.MAC, l.WIPHY_FREQ])).toEqual([[0, LINK[0], 2412], [1, LINK[1], 2437]]);
    const keys = w.sent.filter(([c]) => c === 'NEW_KEY').map(([, a]) => [a.KEY!.IDX, a.MAC, a.MLO_LINK_ID]);
    expect(keys).toEqual([[0, AP_MLD, undefined], [1, undefined, 0], [1, undefined, 1], [4, undefined, 0], [4, undefined, 1], [6, undefined, 0], [6, undefined, 1]]);
    expect(w.sent.at(-1)).toEqual(['SET_STATION', expect.objectContaining({ MAC: AP_MLD })]);
    expect(w.conn.links.map((l) => l.linkId)).toEqual([0, 1]);
    // The AP MLD removes link 1: the association goes on over link 0.
    w.conn.onEvent('LINKS_REMOVED', { MLO_LINKS: [{ MLO_LINK_ID: 1 }] });
    expect(w.conn.links.map((l) => l.linkId)).toEqual([0]);
    expect(w.removed).toEqual([1]);
    expect(w.conn.state).toBe('connected');
  });

  it('a link the AP refuses (CONNECT\'s per-link status) leaves the association: its keys are not expected', async () => {
    const w = mloWorld({ refuseLink1: true });
    expect(await w.settle()).toEqual({ ok: true });
    expect(w.conn.links.map((l) => l.linkId)).toEqual([0]);
    expect(w.sent.filter(([c, a]) => c === 'NEW_KEY' && a.MLO_LINK_ID === 1)).toEqual([]);
  });
});
