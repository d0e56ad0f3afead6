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
