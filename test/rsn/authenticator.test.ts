// The 4-way handshake: the authenticator and the supplicant each against hostapd's and iwd's
// recorded frames (byte for byte), then against each other for AKM 2, 6 and 8, with bad
// passphrases, replays, garbage, lost frames and RSNE downgrades.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FourWayAuthenticator } from '../../core/rsn/authenticator.js';
import { ReasonCode } from '../../core/ieee80211/reason-codes.js';
import { FourWaySupplicant, type InstalledGroupKey } from '../../core/rsn/supplicant.js';
import { parseEapolKey } from '../../core/ieee80211/eapol-key.js';
import { derivePtk } from '../../core/crypto/ptk.js';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import {
  AKM_PSK, AKM_PSK_SHA256, AKM_SAE, AKM_SAE_EXT_KEY, CIPHER_BIP_CMAC128, CIPHER_BIP_GMAC256, CIPHER_CCMP, CIPHER_GCMP256, encodeRsne,
  RsnCapability,
} from '../../core/ieee80211/rsn-element.js';
import type { PtkSession } from '../../core/rsn/types.js';
import { ManualClock } from '../txq/fakes.js';
import { hex, toHex } from '../ieee80211/hex.js';
import { CAPTURE } from './captured-handshake.js';
import { flush, makePair, type PairConfig } from './harness.js';

const anonceOf = (f: Uint8Array) => parseEapolKey(f, 16).nonce;

describe('FourWayAuthenticator against the recorded hostapd frames', () => {
  it('sends message 1 and message 3 byte for byte as hostapd did, then authorizes on message 4', async () => {
    const clock = new ManualClock();
    const sent: Uint8Array[] = [];
    const installed: Uint8Array[] = [];
    let session: PtkSession | undefined;
    const auth = new FourWayAuthenticator({
      aa: CAPTURE.aa, spa: CAPTURE.spa, akm: AKM_PSK, pairwiseCipher: CIPHER_CCMP, pmk: CAPTURE.psk,
      apRsne: CAPTURE.apRsne, staRsne: CAPTURE.staRsne, groupKeys: () => ({ gtk: CAPTURE.gtk1, gtkId: 1 }), clock,
      send: async (f) => { sent.push(f); },
      installPtk: async (tk) => { installed.push(tk); },
      events: { authorized: (s) => { session = s; }, failed: () => { throw new Error('failed'); } },
      randomNonce: () => anonceOf(CAPTURE.msg1),
    });
    auth.start();
    expect(toHex(sent[0])).toBe(toHex(CAPTURE.msg1));
    auth.receive(CAPTURE.msg2);
    expect(toHex(sent[1])).toBe(toHex(CAPTURE.msg3));
    auth.receive(CAPTURE.msg4);
    await flush();
    const ptk = derivePtk({ akm: AKM_PSK, pmk: CAPTURE.psk, aa: CAPTURE.aa, spa: CAPTURE.spa, anonce: anonceOf(CAPTURE.msg1), snonce: anonceOf(CAPTURE.msg2), cipher: CIPHER_CCMP });
    expect(installed.map(toHex)).toEqual([toHex(ptk.tk)]);
    expect(session?.replayCounter).toBe(2n);
    expect(auth.counters).toMatchObject({ malformed: 0, micFailures: 0, replays: 0, retransmissions: 0 });
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('FourWaySupplicant against the recorded hostapd frames', () => {
  it('answers with iwd\'s message 2, message 4 and group message 2 byte for byte and installs the keys', async () => {
    const sent: Uint8Array[] = [];
    const groupKeys: InstalledGroupKey[] = [];
    let completed = 0;
    let rekeyed = 0;
    const supp = new FourWaySupplicant({
      aa: CAPTURE.aa, spa: CAPTURE.spa, akm: AKM_PSK, pairwiseCipher: CIPHER_CCMP, pmk: CAPTURE.psk,
      staRsne: CAPTURE.staRsne, apRsne: CAPTURE.apRsne,
      send: async (f) => { sent.push(f); },
      installPtk: async () => {},
      installGroupKey: async (k) => { groupKeys.push(k); },
      events: { completed: () => completed++, groupRekeyed: () => rekeyed++, failed: (r) => { throw new Error(r); } },
      randomNonce: () => anonceOf(CAPTURE.msg2),
    });
    supp.receive(CAPTURE.msg1);
    await flush();
    expect(toHex(sent[0])).toBe(toHex(CAPTURE.msg2));
    supp.receive(CAPTURE.msg3);
    await flush();
    expect(toHex(sent[1])).toBe(toHex(CAPTURE.msg4));
    expect(completed).toBe(1);
    supp.receive(CAPTURE.group1);
    await flush();
    expect(toHex(sent[2])).toBe(toHex(CAPTURE.group2));
    expect(rekeyed).toBe(1);
    expect(groupKeys.map((k) => [k.kind, k.keyId, toHex(k.key)])).toEqual([['gtk', 1, toHex(CAPTURE.gtk1)], ['gtk', 2, toHex(CAPTURE.gtk2)]]);
  });

  it('drops a replayed message 3 and group message 1 (counter not above the last verified one)', async () => {
    const sent: Uint8Array[] = [];
    const supp = new FourWaySupplicant({
      aa: CAPTURE.aa, spa: CAPTURE.spa, akm: AKM_PSK, pairwiseCipher: CIPHER_CCMP, pmk: CAPTURE.psk,
      staRsne: CAPTURE.staRsne, apRsne: CAPTURE.apRsne, send: async (f) => { sent.push(f); },
      installPtk: async () => {}, installGroupKey: async () => {},
      events: { completed: () => {}, groupRekeyed: () => {}, failed: () => {} },
      randomNonce: () => anonceOf(CAPTURE.msg2),
    });
    supp.receive(CAPTURE.msg1);
    supp.receive(CAPTURE.msg3);
    await flush();
    supp.receive(CAPTURE.msg3);
    supp.receive(CAPTURE.msg1);
    await flush();
    expect(supp.counters.replays).toBe(2);
    expect(sent.length).toBe(2);
  });
});

// A second address pair and keys for the end-to-end runs (any values; the two sides agree or not).
const AA = hex('020000000a00');
const SPA = hex('020000000b00');
const GTK = hex('101112131415161718191a1b1c1d1e1f');
const IGTK = hex('202122232425262728292a2b2c2d2e2f');
const BIGTK = hex('303132333435363738393a3b3c3d3e3f');
const PSK = pskFromPassphrase('correct horse battery', 'wifid-test');
const rsne = (akm: number, capabilities: number, groupMgmtCipher?: number) =>
  encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [akm], capabilities, pmkids: [], groupMgmtCipher });

function config(akm: number, overrides: Partial<PairConfig> = {}): PairConfig {
  return {
    akm, cipher: CIPHER_CCMP, apPmk: PSK, staPmk: PSK, aa: AA, spa: SPA,
    apRsne: rsne(akm, 0), assocStaRsne: rsne(akm, 0), groupKeys: { gtk: GTK, gtkId: 1 }, ...overrides,
  };
}

describe('authenticator and supplicant end to end', () => {
  it.each([
    ['AKM 2 (PSK, HMAC-SHA1 MIC, version 2)', AKM_PSK, 2],
    ['AKM 6 (PSK-SHA256, KDF-SHA256, AES-CMAC MIC, version 3)', AKM_PSK_SHA256, 3],
    ['AKM 8 (SAE PMK given, KDF-SHA256, AES-CMAC, AKM-defined version 0)', AKM_SAE, 0],
  ])('%s: both install the same TK and the STA gets the GTK', async (_name, akm, version) => {
    const p = makePair(config(akm));
    p.auth.start();
    expect(parseEapolKey(p.toSta[0], 16).descriptorVersion).toBe(version);
    await p.pump();
    expect(p.rec.authorized.length).toBe(1);
    expect(p.rec.staCompleted).toBe(1);
    expect(toHex(p.rec.apInstalled[0].tk)).toBe(toHex(p.rec.staInstalledPtk[0]));
    expect(p.rec.staGroupKeys).toEqual([{ kind: 'gtk', keyId: 1, key: GTK, rsc: new Uint8Array(8) }]);
    expect(p.clock.pendingTimers).toBe(0);
  });

  it('a 32-octet TK for GCMP-256', async () => {
    const p = makePair(config(AKM_SAE, { cipher: CIPHER_GCMP256 }));
    p.auth.start();
    await p.pump();
    expect(p.rec.apInstalled[0]).toMatchObject({ cipher: CIPHER_GCMP256 });
    expect(p.rec.apInstalled[0].tk.length).toBe(32);
  });

  it('AKM 24 (SAE-EXT-KEY, group 19): KDF-SHA256, MIC = HMAC-SHA-256(KCK) truncated to 16 octets, version 0; GCMP-256 and 32-octet GTK, IGTK, BIGTK', async () => {
    const pmk = hex('7aead86fba4c3221fc437f5f14d70d854ea5d5aac1690116793081eda4d557c5');
    const groupKeys = { gtk: new Uint8Array(32).fill(0x11), gtkId: 1, igtk: new Uint8Array(32).fill(0x22), igtkId: 4, bigtk: new Uint8Array(32).fill(0x33), bigtkId: 6 };
    const extRsne = encodeRsne({
      version: 1, groupCipher: CIPHER_GCMP256, pairwiseCiphers: [CIPHER_GCMP256], akms: [AKM_SAE_EXT_KEY],
      capabilities: RsnCapability.MFPR | RsnCapability.MFPC, pmkids: [], groupMgmtCipher: CIPHER_BIP_GMAC256,
    });
    const p = makePair(config(AKM_SAE_EXT_KEY, { cipher: CIPHER_GCMP256, apPmk: pmk, staPmk: pmk, apRsne: extRsne, assocStaRsne: extRsne, groupKeys }));
    p.auth.start();
    // One exchange at a time, so the frames can be checked on the way.
    const msg1 = p.toSta.shift()!;
    p.supp.receive(msg1);
    await flush();
    const msg2 = p.toAp.shift()!;
    p.auth.receive(msg2);
    await flush();
    const msg3 = p.toSta[0]!;
    const m3 = parseEapolKey(msg3, 16);
    expect(m3.descriptorVersion).toBe(0);
    expect(m3.keyLength).toBe(32);
    // The MIC recomputed here from the PTK's KCK with node's HMAC, not with core/crypto's eapolMic.
    const ptk = derivePtk({ akm: AKM_SAE_EXT_KEY, pmk, aa: AA, spa: SPA, anonce: parseEapolKey(msg1, 16).nonce, snonce: parseEapolKey(msg2, 16).nonce, cipher: CIPHER_GCMP256 });
    expect([ptk.kck.length, ptk.kek.length, ptk.tk.length]).toEqual([16, 16, 32]);
    const MIC_OFFSET = 4 + 1 + 2 + 2 + 8 + 32 + 16 + 8 + 8;
    const zeroed = msg3.slice();
    zeroed.fill(0, MIC_OFFSET, MIC_OFFSET + 16);
    expect(toHex(m3.micValue)).toBe(createHmac('sha256', ptk.kck).update(zeroed).digest('hex').slice(0, 32));
    await p.pump();
    expect(p.rec.authorized.length).toBe(1);
    expect(p.rec.apInstalled[0]).toMatchObject({ cipher: CIPHER_GCMP256 });
    expect(toHex(p.rec.apInstalled[0].tk)).toBe(toHex(ptk.tk));
    expect(toHex(p.rec.staInstalledPtk[0])).toBe(toHex(ptk.tk));
    expect(p.rec.staGroupKeys.map((k) => [k.kind, k.keyId, toHex(k.key)])).toEqual([
      ['gtk', 1, toHex(groupKeys.gtk)], ['igtk', 4, toHex(groupKeys.igtk)], ['bigtk', 6, toHex(groupKeys.bigtk)],
    ]);
  });

  it('PMF and beacon protection: message 3 carries the IGTK and BIGTK with their packet numbers, and the GTK RSC', async () => {
    const groupKeys = {
      gtk: GTK, gtkId: 2, gtkRsc: hex('0500000000'), igtk: IGTK, igtkId: 5, igtkPn: hex('090000000000'), bigtk: BIGTK, bigtkId: 7,
    };
    const pmfRsne = rsne(AKM_PSK_SHA256, RsnCapability.MFPR | RsnCapability.MFPC, CIPHER_BIP_CMAC128);
    const p = makePair(config(AKM_PSK_SHA256, { apRsne: pmfRsne, assocStaRsne: pmfRsne, groupKeys }));
    p.auth.start();
    await p.pump();
    expect(p.rec.staGroupKeys.map((k) => [k.kind, k.keyId, toHex(k.key), toHex(k.rsc)])).toEqual([
      ['gtk', 2, toHex(GTK), '0500000000000000'],
      ['igtk', 5, toHex(IGTK), '090000000000'],
      ['bigtk', 7, toHex(BIGTK), '000000000000'],
    ]);
  });

  it('wrong passphrase: every message 2 fails its MIC, message 1 goes out 4 times, then failed(mic_failure), nothing installed', async () => {
    const p = makePair(config(AKM_PSK, { staPmk: pskFromPassphrase('wrong horse battery', 'wifid-test') }));
    p.auth.start();
    for (let i = 0; i < 4; i++) {
      await p.pump();
      p.clock.advance(1000);
    }
    expect(p.rec.apFailed).toEqual([['mic_failure', ReasonCode.FOURWAY_HANDSHAKE_TIMEOUT]]);
    expect(p.auth.counters.micFailures).toBe(4);
    expect(p.auth.counters.retransmissions).toBe(3);
    expect(p.rec.apInstalled).toEqual([]);
    expect(p.rec.staInstalledPtk).toEqual([]);
    expect(p.rec.authorized).toEqual([]);
    expect(p.clock.pendingTimers).toBe(0);
  });

  it('a silent STA: message 1 at 0, 1, 2 and 3 s, failed(timeout) with reason 15 at 4 s', async () => {
    const p = makePair(config(AKM_PSK));
    p.auth.start();
    const sentAt: number[] = [];
    for (let t = 0; t <= 4000; t += 500) {
      await flush();
      while (p.toSta.length) { p.toSta.shift(); sentAt.push(p.clock.now()); }
      p.clock.advance(500);
    }
    expect(sentAt).toEqual([0, 1000, 2000, 3000]);
    expect(p.rec.apFailed).toEqual([['timeout', ReasonCode.FOURWAY_HANDSHAKE_TIMEOUT]]);
  });

  it('each retransmission carries the next replay counter, and a late answer to an earlier message 1 is still taken', async () => {
    const p = makePair(config(AKM_PSK));
    p.auth.start();
    await flush();
    const first = p.toSta.shift()!;
    p.clock.advance(1000);
    await flush();
    const second = p.toSta.shift()!;
    expect(parseEapolKey(second, 16).replayCounter).toBe(parseEapolKey(first, 16).replayCounter + 1n);
    p.supp.receive(first);
    await p.pump();
    expect(p.rec.authorized.length).toBe(1);
  });

  it('a lost message 4: message 3 is retransmitted, the STA answers again without reinstalling, the AP authorizes once', async () => {
    const p = makePair(config(AKM_PSK));
    p.auth.start();
    await flush();
    p.supp.receive(p.toSta.shift()!); // msg 1
    await flush();
    p.auth.receive(p.toAp.shift()!); // msg 2
    await flush();
    p.supp.receive(p.toSta.shift()!); // msg 3
    await flush();
    p.toAp.shift(); // msg 4 lost
    p.clock.advance(1000);
    await p.pump();
    expect(p.rec.authorized.length).toBe(1);
    expect(p.rec.staInstalledPtk.length).toBe(1);
    expect(p.auth.counters.retransmissions).toBe(1);
  });

  it('replayed, garbled and forged frames are counted and dropped, and the handshake still completes', async () => {
    const p = makePair(config(AKM_PSK));
    p.auth.start();
    await flush();
    p.supp.receive(p.toSta.shift()!);
    await flush();
    const msg2 = p.toAp.shift()!;
    p.auth.receive(msg2);
    await flush();
    p.auth.receive(msg2); // replay: its counter belongs to message 1, now answered
    p.auth.receive(msg2.subarray(0, 50)); // truncated
    p.auth.receive(Uint8Array.of(1, 0, 0, 0)); // EAP, not EAPOL-Key
    p.supp.receive(p.toSta.shift()!); // msg 3
    await flush();
    const msg4 = p.toAp.shift()!;
    const forged = msg4.slice();
    forged[forged.length - 3] ^= 0xff; // inside the MIC
    p.auth.receive(forged);
    expect(p.rec.authorized.length).toBe(0);
    p.auth.receive(msg4);
    await flush();
    expect(p.rec.authorized.length).toBe(1);
    expect(p.auth.counters).toMatchObject({ replays: 1, malformed: 2, micFailures: 1 });
  });

  it('message 2 with an RSNE other than the association request\'s: failed(rsne_mismatch), reason 17, nothing installed', async () => {
    // The STA associated offering PMF capable but sends an RSNE without it in message 2 (a downgrade).
    const p = makePair(config(AKM_PSK, { assocStaRsne: rsne(AKM_PSK, RsnCapability.MFPC), staRsne: rsne(AKM_PSK, 0) }));
    p.auth.start();
    await p.pump();
    expect(p.rec.apFailed).toEqual([['rsne_mismatch', ReasonCode.HANDSHAKE_ELEMENT_MISMATCH]]);
    expect(p.rec.apInstalled).toEqual([]);
    expect(p.toSta.length).toBe(0);
    expect(p.clock.pendingTimers).toBe(0);
  });

  it('the supplicant refuses a message 3 whose RSNE differs from the beacon\'s', async () => {
    const p = makePair(config(AKM_PSK, { suppOverrides: { apRsne: rsne(AKM_PSK, RsnCapability.MFPC) } }));
    p.auth.start();
    await p.pump();
    expect(p.rec.staFailed).toEqual(['rsne_mismatch']);
    expect(p.rec.staInstalledPtk).toEqual([]);
  });

  it('a failed PTK install ends the handshake with install_failed', async () => {
    const p = makePair(config(AKM_PSK, { authOverrides: { installPtk: async () => { throw new Error('EINVAL'); } } }));
    p.auth.start();
    await p.pump();
    expect(p.rec.apFailed.map(([r]) => r)).toEqual(['install_failed']);
    expect(p.rec.authorized).toEqual([]);
  });

  it('stop() ends everything quietly', async () => {
    const p = makePair(config(AKM_PSK));
    p.auth.start();
    p.auth.stop();
    p.clock.advance(10_000);
    await p.pump();
    expect(p.rec.apFailed).toEqual([]);
    expect(p.clock.pendingTimers).toBe(0);
  });
});
