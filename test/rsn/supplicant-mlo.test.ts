// The supplicant of a multi-link association (802.11be 12.7.6) against the AP's
// FourWayAuthenticator and GroupKeyHandshake with MLO (core/rsn), end to end through the
// harness's frame queues: message 2 names the STA MLD, message 3's MLO Link KDEs are checked
// against each link's beacon RSNE/RSNXE, each link's GTK/IGTK/BIGTK is installed with its
// link id, a group rekey of the AP MLD installs every link's new keys.
import { describe, expect, it } from 'vitest';
import { parseEapolKey } from '../../core/ieee80211/eapol-key.js';
import { KeyDataWriter, parseKeyData } from '../../core/ieee80211/kde.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { AKM_SAE, CIPHER_BIP_CMAC128, CIPHER_CCMP, encodeRsne, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import type { MloGroupKeys, MloHandshake } from '../../core/rsn/authenticator.js';
import { GroupKeyHandshake } from '../../core/rsn/group-key.js';
import { buildKeyFrame } from '../../core/rsn/key-frames.js';
import type { SupplicantMlo } from '../../core/rsn/supplicant-mlo.js';
import { hex, toHex } from '../ieee80211/hex.js';
import { flush, makePair } from './harness.js';
import { mulberry32, mutate } from '../helpers/prng.js';

const AP_MLD = macFromString('06:4d:4c:44:00:00');
const STA_MLD = macFromString('02:00:00:00:10:00');
const LINKS = [macFromString('06:4d:4c:44:00:10'), macFromString('06:4d:4c:44:00:11')];
const PMK = hex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
const RSNE = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_SAE], capabilities: RsnCapability.MFPR | RsnCapability.MFPC, pmkids: [], groupMgmtCipher: CIPHER_BIP_CMAC128 });
const RSNXE = Uint8Array.from([0xf4, 1, 0x20]);
const key = (b: number) => Uint8Array.from({ length: 16 }, (_, i) => b + i);

const keysOf = (base: number, gtkId = 1): MloGroupKeys => [0, 1].map((linkId) => ({
  linkId,
  keys: { gtk: key(base + 0x10 * linkId), gtkId, gtkRsc: hex('0700000000'), igtk: key(base + 0x40 + 0x10 * linkId), igtkId: 4, igtkPn: hex('030000000000'), bigtk: key(base + 0x80 + 0x10 * linkId), bigtkId: 6 },
}));

/** The AP MLD announces `apLinks`; the station associated on `staLinks`, knowing their beacons' RSNEs. */
function mloPair(o: { apLinks?: MloHandshake['apLinks']; staLinks?: SupplicantMlo['links']; groupKeys?: MloGroupKeys } = {}) {
  const apLinks = o.apLinks ?? LINKS.map((addr, linkId) => ({ linkId, addr, rsne: RSNE, rsnxe: RSNXE }));
  const staLinks = o.staLinks ?? LINKS.map((apAddr, linkId) => ({ linkId, apAddr, rsne: RSNE, rsnxe: RSNXE }));
  const notes: string[] = [];
  const p = makePair({
    akm: AKM_SAE, cipher: CIPHER_CCMP, apPmk: PMK, staPmk: PMK, aa: AP_MLD, spa: STA_MLD, apRsne: RSNE, assocStaRsne: RSNE, groupKeys: { gtk: key(0), gtkId: 1 },
    authOverrides: { apRsnxe: RSNXE, staRsnxe: RSNXE, mlo: { apLinks, groupKeys: () => o.groupKeys ?? keysOf(0) }, groupKeys: () => { throw new Error('MLO uses per-link keys'); } },
    suppOverrides: { apRsnxe: RSNXE, staRsnxe: RSNXE, mlo: { links: staLinks }, note: (t) => notes.push(t), randomNonce: () => new Uint8Array(32).fill(0x42) },
  });
  return { ...p, notes };
}

describe('FourWaySupplicant for a multi-link association', () => {
  it('completes with the AP MLD: message 2 names the STA MLD, each link\'s GTK/IGTK/BIGTK installed with its link id and its PN', async () => {
    const p = mloPair();
    p.auth.start();
    await flush();
    const m2Seen: Uint8Array[] = [];
    const origReceive = p.auth.receive.bind(p.auth);
    p.auth.receive = (pdu: Uint8Array) => { m2Seen.push(pdu); origReceive(pdu); };
    await p.pump();
    expect(p.rec.authorized).toHaveLength(1);
    expect(p.rec.staCompleted).toBe(1);
    expect(p.rec.staFailed).toEqual([]);
    expect(toHex(p.rec.apInstalled[0]!.tk)).toBe(toHex(p.rec.staInstalledPtk[0]!));
    // Message 2's Key Data (not encrypted): the RSNE, RSNXE and the MAC Address KDE of the STA MLD.
    const kd2 = parseKeyData(parseEapolKey(m2Seen[0]!, 16).keyData);
    expect(toHex(kd2.macAddress!)).toBe(toHex(STA_MLD));
    expect(p.rec.staGroupKeys.map((k) => [k.kind, k.linkId, k.keyId, toHex(k.key), toHex(k.rsc)])).toEqual([
      ['gtk', 0, 1, toHex(key(0x00)), '070000000000'], ['gtk', 1, 1, toHex(key(0x10)), '070000000000'],
      ['igtk', 0, 4, toHex(key(0x40)), '030000000000'], ['igtk', 1, 4, toHex(key(0x50)), '030000000000'],
      ['bigtk', 0, 6, toHex(key(0x80)), '000000000000'], ['bigtk', 1, 6, toHex(key(0x90)), '000000000000'],
    ]);
    expect(p.notes).toEqual([]);
  });

  it('one link: the AP MLD still lists both affiliated APs; the station checks and installs only its link', async () => {
    const p = mloPair({ staLinks: [{ linkId: 1, apAddr: LINKS[1]!, rsne: RSNE, rsnxe: RSNXE }], groupKeys: keysOf(0).filter((l) => l.linkId === 1) });
    p.auth.start();
    await p.pump();
    expect(p.rec.staCompleted).toBe(1);
    expect(p.rec.staGroupKeys.map((k) => k.linkId)).toEqual([1, 1, 1]);
  });

  it('a link whose RSNE in message 3 differs from its beacon\'s: rsne_mismatch, nothing installed', async () => {
    const downgraded = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_SAE], capabilities: RsnCapability.MFPC, pmkids: [], groupMgmtCipher: CIPHER_BIP_CMAC128 });
    const p = mloPair({ apLinks: [{ linkId: 0, addr: LINKS[0]!, rsne: RSNE, rsnxe: RSNXE }, { linkId: 1, addr: LINKS[1]!, rsne: downgraded, rsnxe: RSNXE }] });
    p.auth.start();
    await p.pump();
    expect(p.rec.staFailed).toEqual(['rsne_mismatch']);
    expect(p.notes).toEqual(['message 3: link 1\'s RSNE differs from its beacon\'s']);
    expect(p.rec.staInstalledPtk).toEqual([]);
    expect(p.rec.staGroupKeys).toEqual([]);
  });

  it('message 3 without a link\'s MLO Link KDE, or naming another AP on it, or without its MLO GTK: bad_key_data', async () => {
    for (const [apLinks, groupKeys, note] of [
      [[{ linkId: 0, addr: LINKS[0]!, rsne: RSNE, rsnxe: RSNXE }], keysOf(0), 'no MLO Link KDE for link 1'],
      [[{ linkId: 0, addr: LINKS[0]!, rsne: RSNE, rsnxe: RSNXE }, { linkId: 1, addr: LINKS[0]!, rsne: RSNE, rsnxe: RSNXE }], keysOf(0), 'link 1\'s MLO Link KDE names another AP'],
      [undefined, keysOf(0).slice(0, 1), 'no MLO GTK KDE for link 1'],
    ] as const) {
      const p = mloPair({ ...(apLinks ? { apLinks: [...apLinks] } : {}), groupKeys: [...groupKeys] });
      p.auth.start();
      await p.pump();
      expect(p.rec.staFailed).toEqual(['bad_key_data']);
      expect(p.notes).toEqual([`message 3: ${note}`]);
      expect(p.rec.staGroupKeys).toEqual([]);
    }
  });

  it('a message 1 that does not name the AP MLD is dropped (counted), no message 2', async () => {
    const p = mloPair();
    const m1 = buildKeyFrame({ protocolVersion: 2, descriptorVersion: 0, replayCounter: 1n, pairwise: true, ack: true, keyLength: 16, nonce: new Uint8Array(32).fill(1), keyData: new KeyDataWriter().macAddress(LINKS[0]!).finish() }, 16);
    p.supp.receive(m1);
    await flush();
    expect(p.toAp).toEqual([]);
    expect(p.supp.counters.unexpected).toBe(1);
  });

  it('a group rekey of the AP MLD: every link\'s new keys installed with its link id; a removed link is no longer expected', async () => {
    const p = mloPair();
    p.auth.start();
    await p.pump();
    const session = p.rec.authorized[0]!;
    const toSta: Uint8Array[] = [];
    let done = 0;
    const gk = new GroupKeyHandshake({ session, groupKeys: keysOf(0xa0, 2), clock: p.clock, send: async (f) => { toSta.push(f); }, events: { done: () => done++, failed: () => undefined } });
    p.rec.staGroupKeys.length = 0;
    gk.start();
    await flush();
    p.supp.receive(toSta.shift()!);
    await flush();
    while (p.toAp.length) gk.receive(p.toAp.shift()!);
    expect(done).toBe(1);
    expect(p.rec.staRekeyed).toBe(1);
    expect(p.rec.staGroupKeys.filter((k) => k.kind === 'gtk').map((k) => [k.linkId, k.keyId, toHex(k.key)])).toEqual([[0, 2, toHex(key(0xa0))], [1, 2, toHex(key(0xb0))]]);

    // Link 1 removed: a rekey with link 0's keys only is taken; one that still carries link 1 is not answered.
    p.supp.removeLink(1);
    p.rec.staGroupKeys.length = 0;
    const only0 = new GroupKeyHandshake({ session, groupKeys: keysOf(0xc0, 1).filter((l) => l.linkId === 0), clock: p.clock, send: async (f) => { toSta.push(f); }, events: { done: () => done++, failed: () => undefined } });
    only0.start();
    await flush();
    p.supp.receive(toSta.shift()!);
    await flush();
    while (p.toAp.length) only0.receive(p.toAp.shift()!);
    expect(done).toBe(2);
    expect(p.rec.staGroupKeys.map((k) => k.linkId)).toEqual([0, 0, 0]);
    const both = new GroupKeyHandshake({ session, groupKeys: keysOf(0xd0, 2), clock: p.clock, send: async (f) => { toSta.push(f); }, events: { done: () => done++, failed: () => undefined } });
    both.start();
    await flush();
    p.supp.receive(toSta.shift()!);
    await flush();
    expect(p.toAp).toEqual([]);
    expect(p.notes.at(-1)).toBe('group message 1: an MLO group key KDE for link 1, not a link of this association');
    both.stop();
  });

  it('fuzz: 300 mutations each of messages 1 and 3 (seeded) never throw; a mutated message 3 installs nothing it did not verify', async () => {
    const rnd = mulberry32(0x4a7);
    const base = mloPair();
    base.auth.start();
    await flush();
    const m1 = base.toSta.shift()!;
    base.supp.receive(m1);
    await flush();
    base.auth.receive(base.toAp.shift()!);
    await flush();
    const m3 = base.toSta.shift()!;
    base.auth.stop();
    for (let i = 0; i < 600; i++) {
      const p = mloPair();
      const first = i % 2 === 0;
      if (!first) {
        p.supp.receive(m1);
        await flush();
      }
      const bad = mutate(Buffer.from(first ? m1 : m3), rnd);
      expect(() => p.supp.receive(bad)).not.toThrow();
      await flush();
      if (p.rec.staCompleted) expect(toHex(bad)).toBe(toHex(m3)); // only an unchanged message 3 completes
      const c = p.supp.counters;
      expect(c.malformed + c.unexpected + c.micFailures + c.replays + p.toAp.length - (first ? 0 : 1) + p.rec.staFailed.length + p.rec.staCompleted).toBeGreaterThanOrEqual(1);
    }
  });
});
