// The 4-way handshake of a multi-link association (802.11be 12.7.6), authenticator side:
// message 1 names the AP MLD (MAC Address KDE), message 2 must name the non-AP MLD, and
// message 3 carries the MAC Address KDE, one MLO Link KDE per affiliated AP (with its RSNE)
// and the MLO GTK/IGTK/BIGTK KDEs of each link of the association, no GTK KDE. The STA side
// is played here with the real key derivation and frame builder (the supplicant of
// core/rsn has no MLO).
import { describe, expect, it } from 'vitest';
import { FourWayAuthenticator, type MloHandshake } from '../../core/rsn/authenticator.js';
import { parseEapolKey } from '../../core/ieee80211/eapol-key.js';
import { derivePtk } from '../../core/crypto/ptk.js';
import { akmKeyParams } from '../../core/crypto/akm.js';
import { KeyDataWriter, parseKeyData } from '../../core/ieee80211/kde.js';
import { buildKeyFrame, unwrapKeyData } from '../../core/rsn/key-frames.js';
import { AKM_SAE, CIPHER_BIP_CMAC128, CIPHER_CCMP, encodeRsne, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import { ReasonCode } from '../../core/ieee80211/reason-codes.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import type { HandshakeFailure } from '../../core/rsn/types.js';
import { ManualClock } from '../txq/fakes.js';
import { hex, toHex } from '../ieee80211/hex.js';
import { flush } from './harness.js';

const AP_MLD = macFromString('06:4d:4c:44:00:00');
const STA_MLD = macFromString('02:00:00:00:10:00');
const LINKS = [macFromString('06:4d:4c:44:00:01'), macFromString('06:4d:4c:44:00:02')];
const PMK = hex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
const RSNE = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_SAE], capabilities: RsnCapability.MFPR | RsnCapability.MFPC, pmkids: [], groupMgmtCipher: CIPHER_BIP_CMAC128 });
const key = (b: number) => Uint8Array.from({ length: 16 }, (_, i) => b + i);
const SNONCE = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);

function setup(mlo: MloHandshake) {
  const toSta: Uint8Array[] = [];
  const installed: Uint8Array[] = [];
  const failed: [HandshakeFailure, number][] = [];
  let authorized = 0;
  const auth = new FourWayAuthenticator({
    aa: AP_MLD, spa: STA_MLD, akm: AKM_SAE, pairwiseCipher: CIPHER_CCMP, pmk: PMK, apRsne: RSNE, staRsne: RSNE,
    groupKeys: () => { throw new Error('an MLO message 3 uses the per-link keys'); }, mlo, clock: new ManualClock(),
    send: async (f) => { toSta.push(f); }, installPtk: async (tk) => { installed.push(tk); },
    events: { authorized: () => authorized++, failed: (r, d) => failed.push([r, d]) },
  });
  const { micLen, descriptorVersion } = akmKeyParams(AKM_SAE, 32);
  /** Message 2 answering message 1 `m1`, its Key Data as `keyData` says. */
  const msg2 = (m1: Uint8Array, keyData: Uint8Array) => {
    const f = parseEapolKey(m1, micLen);
    const ptk = derivePtk({ akm: AKM_SAE, pmk: PMK, aa: AP_MLD, spa: STA_MLD, anonce: f.nonce, snonce: SNONCE, cipher: CIPHER_CCMP });
    const pdu = buildKeyFrame({ protocolVersion: 2, descriptorVersion, replayCounter: f.replayCounter, pairwise: true, mic: true, nonce: SNONCE, keyData }, micLen, { akm: AKM_SAE, kck: ptk.kck, kek: ptk.kek, micLen });
    return { pdu, ptk };
  };
  return { auth, toSta, installed, failed, authorized: () => authorized, msg2, micLen };
}

const mlo: MloHandshake = {
  apLinks: LINKS.map((addr, linkId) => ({ linkId, addr, rsne: RSNE })),
  groupKeys: () => [0, 1].map((linkId) => ({
    linkId,
    keys: { gtk: key(0x10 * (linkId + 1)), gtkId: 1, igtk: key(0x20 * (linkId + 1)), igtkId: 4, igtkPn: hex('030000000000'), bigtk: key(0x30 * (linkId + 1)), bigtkId: 6 },
  })),
};

describe('FourWayAuthenticator for a non-AP MLD', () => {
  it('message 1 and 3 name the AP MLD; message 3 has an MLO Link KDE per link and the MLO GTK/IGTK/BIGTK of both links', async () => {
    const s = setup(mlo);
    s.auth.start();
    await flush();
    const m1 = s.toSta.shift()!;
    expect(macToString(parseKeyData(parseEapolKey(m1, s.micLen).keyData).macAddress!)).toBe(macToString(AP_MLD));
    const { pdu, ptk } = s.msg2(m1, new KeyDataWriter().element(RSNE).macAddress(STA_MLD).finish());
    s.auth.receive(pdu);
    await flush();
    const m3 = parseEapolKey(s.toSta.shift()!, s.micLen);
    expect(toHex(m3.rsc)).toBe('0000000000000000');
    const kd = parseKeyData(unwrapKeyData(ptk.kek, m3.keyData)!);
    expect(macToString(kd.macAddress!)).toBe(macToString(AP_MLD));
    expect(kd.gtk).toBeUndefined();
    expect(kd.mloLinks.map((l) => [l.linkId, macToString(l.mac), toHex(l.rsne!)])).toEqual(LINKS.map((a, i) => [i, macToString(a), toHex(RSNE)]));
    expect(kd.mloGtks.map((g) => [g.linkId, g.keyId, toHex(g.key)])).toEqual([[0, 1, toHex(key(0x10))], [1, 1, toHex(key(0x20))]]);
    expect(kd.mloIgtks.map((g) => [g.linkId, g.keyId, toHex(g.pn), toHex(g.key)])).toEqual([[0, 4, '030000000000', toHex(key(0x20))], [1, 4, '030000000000', toHex(key(0x40))]]);
    expect(kd.mloBigtks.map((g) => [g.linkId, g.keyId])).toEqual([[0, 6], [1, 6]]);
    s.auth.stop();
  });

  it('a message 2 without the MAC Address KDE of the non-AP MLD fails the handshake (reason 17), nothing installed', async () => {
    for (const keyData of [new KeyDataWriter().element(RSNE).finish(), new KeyDataWriter().element(RSNE).macAddress(LINKS[0]!).finish()]) {
      const s = setup(mlo);
      s.auth.start();
      await flush();
      s.auth.receive(s.msg2(s.toSta.shift()!, keyData).pdu);
      await flush();
      expect(s.failed).toEqual([['rsne_mismatch', ReasonCode.HANDSHAKE_ELEMENT_MISMATCH]]);
      expect(s.installed).toHaveLength(0);
    }
  });
});
