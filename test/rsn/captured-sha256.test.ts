// AKM 6 (PSK-SHA256, key descriptor version 3) and AKM 8 (SAE, version 0) handshakes between
// Debian bookworm's hostapd 2.10 and wpa_supplicant 2.10, recorded in this project's hwsim VM
// (2026-12-02, `wpa_supplicant -dd -K` hexdumps: SSID "wifid-vec", passphrase "wifid vector pass",
// AP 02:00:00:00:00:00, STA 02:00:00:00:01:00, CCMP, ieee80211w=2). The PMKs and KCKs are the
// ones both daemons logged; the KDF-SHA256 PTK, the AES-CMAC MIC and the authenticator are
// checked against them.
import { describe, expect, it } from 'vitest';
import { FourWayAuthenticator } from '../../core/rsn/authenticator.js';
import { parseEapolKey, withZeroedMic } from '../../core/ieee80211/eapol-key.js';
import { parseKeyData } from '../../core/ieee80211/kde.js';
import { eapolMicMatches } from '../../core/crypto/eapol-mic.js';
import { aesKeyUnwrap } from '../../core/crypto/key-wrap.js';
import { derivePtk } from '../../core/crypto/ptk.js';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import { AKM_PSK_SHA256, AKM_SAE, CIPHER_CCMP } from '../../core/ieee80211/rsn-element.js';
import type { PtkSession } from '../../core/rsn/types.js';
import { ManualClock } from '../txq/fakes.js';
import { hex, toHex } from '../ieee80211/hex.js';
import { flush } from './harness.js';

const AA = hex('020000000000');
const SPA = hex('020000000100');

const PSK256 = {
  pmk: hex('51f484c1c3724c2715c1292aa680c2a283aa8c87aebe6ca8c703be5aad827b43'),
  kck: hex('0496767280f9c499995d995cba57520a'),
  msg1: hex('0203005f02008b00100000000000000001156f4985909c94416fa0aeb09cefac17bb09260135376aa5b3ab97481cfabc3a0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000'),
  msg2: hex('0103007b02010b00000000000000000001a38032dfcab8dd76a9797c279c981576b7c44aa0cad8091eb9bcdf2e017b8bfb00000000000000000000000000000000000000000000000000000000000000000741ba71d618d4f76112689dab30203c001c301a0100000fac040100000fac040100000fac06c0000000000fac06'),
  msg3: hex('020300b70213cb00100000000000000002156f4985909c94416fa0aeb09cefac17bb09260135376aa5b3ab97481cfabc3a0000000000000000000000000000000000000000000000000000000000000000433c81a88a904e7e011a1b9c5eb8f7a30058dd79cca549060ca50d47872607e965246e3906ff516b330725355a0ff9a6d5f89ffbe22999a80c810a8da3c58592eddd4c078acc191124843038aa10888ed55a9e619dcdda15e12f2dee9c9838be9ab01e9c587458d3d850'),
  msg4: hex('0103005f02030b0000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000886cca94213c8f333cc70cb5b10007ae0000'),
};

const SAE = {
  pmk: hex('e22a4fe0f889e2f70c651f4d9c39ef5f41503cc60d5124aa40e11d9c492faf8f'),
  kck: hex('7c256c0c17e10c0e8e323ed87463f674'),
  msg1: hex('0203007502008800100000000000000001c8f0881a0b6e1ee0fa3cb428599b67f405eb58a2f3949f3679e0d8e7c225a2580000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000016dd14000fac042fdecccdb42b6a489e046127a9abecfd'),
  msg2: hex('0103007b020108000000000000000000019acac855a3823d77905743fdfe69a46638f2e3d88b53804a5a82fafaf0e63c8400000000000000000000000000000000000000000000000000000000000000002a3c41a161eea5332cb1e00aa32d6d96001c301a0100000fac040100000fac040100000fac08c0000000000fac06'),
};

const nonce = (f: Uint8Array) => parseEapolKey(f, 16).nonce;
const micOk = (akm: number, kck: Uint8Array, f: Uint8Array) => {
  const p = parseEapolKey(f, 16);
  return eapolMicMatches(akm, kck, withZeroedMic(p.pdu, 16), p.micValue);
};

describe('AKM 6 (PSK-SHA256) recorded between hostapd 2.10 and wpa_supplicant 2.10', () => {
  const ptk = derivePtk({ akm: AKM_PSK_SHA256, pmk: PSK256.pmk, aa: AA, spa: SPA, anonce: nonce(PSK256.msg1), snonce: nonce(PSK256.msg2), cipher: CIPHER_CCMP });

  it('the PSK, the KDF-SHA256 KCK and the version 3 (AES-128-CMAC) MICs of messages 2, 3 and 4 agree with the daemons', () => {
    expect(toHex(pskFromPassphrase('wifid vector pass', 'wifid-vec'))).toBe(toHex(PSK256.pmk));
    expect(toHex(ptk.kck)).toBe(toHex(PSK256.kck));
    expect(parseEapolKey(PSK256.msg1, 16).descriptorVersion).toBe(3);
    for (const f of [PSK256.msg2, PSK256.msg3, PSK256.msg4]) expect(micOk(AKM_PSK_SHA256, ptk.kck, f)).toBe(true);
  });

  it('message 3 unwraps to hostapd\'s RSNE, a GTK and an IGTK (PMF)', () => {
    const kd = parseKeyData(aesKeyUnwrap(ptk.kek, parseEapolKey(PSK256.msg3, 16).keyData)!);
    expect(kd.elements[0].id).toBe(48);
    expect(kd.gtk?.key.length).toBe(16);
    expect(kd.igtk?.keyId).toBe(4);
  });

  it('FourWayAuthenticator takes wpa_supplicant\'s message 2 and message 4 and authorizes', async () => {
    const sent: Uint8Array[] = [];
    let session: PtkSession | undefined;
    const staRsne = hex('301a0100000fac040100000fac040100000fac06c0000000000fac06');
    const auth = new FourWayAuthenticator({
      aa: AA, spa: SPA, akm: AKM_PSK_SHA256, pairwiseCipher: CIPHER_CCMP, pmk: PSK256.pmk, apRsne: staRsne, staRsne,
      groupKeys: () => ({ gtk: new Uint8Array(16), gtkId: 1, igtk: new Uint8Array(16), igtkId: 4 }), clock: new ManualClock(),
      send: async (f) => { sent.push(f); }, installPtk: async () => {},
      events: { authorized: (s) => { session = s; }, failed: (r) => { throw new Error(r); } },
      randomNonce: () => nonce(PSK256.msg1),
    });
    auth.start();
    expect(toHex(sent[0])).toBe(toHex(PSK256.msg1)); // hostapd's message 1, byte for byte
    auth.receive(PSK256.msg2);
    expect(sent.length).toBe(2);
    auth.receive(PSK256.msg4);
    await flush();
    expect(session?.descriptorVersion).toBe(3);
  });
});

describe('AKM 8 (SAE) recorded between hostapd 2.10 and wpa_supplicant 2.10', () => {
  it('KDF-SHA256 from the SAE PMK gives wpa_supplicant\'s KCK, and its message 2 MIC (AKM-defined, version 0, AES-CMAC) verifies', () => {
    const ptk = derivePtk({ akm: AKM_SAE, pmk: SAE.pmk, aa: AA, spa: SPA, anonce: nonce(SAE.msg1), snonce: nonce(SAE.msg2), cipher: CIPHER_CCMP });
    expect(toHex(ptk.kck)).toBe(toHex(SAE.kck));
    expect(parseEapolKey(SAE.msg2, 16).descriptorVersion).toBe(0);
    expect(micOk(AKM_SAE, ptk.kck, SAE.msg2)).toBe(true);
  });
});
