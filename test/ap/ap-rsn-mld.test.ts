// The RSN authenticator of an AP MLD (plugins/mld-ap/ap-rsn.ts with two links): group keys
// of its own per link installed with the link id, the 4-way handshake of a non-AP MLD run
// between the MLD addresses (message 1 names the AP MLD), PTK on the MLD; group rekeys per
// link (802.11be 12.7.7): the non-AP MLD gets both links' new keys in MLO GTK/IGTK/BIGTK KDEs
// of one group message 1, a legacy station on link 1 the plain GTK/IGTK/BIGTK KDEs of link 1,
// and each link switches to its new keys once both answered. The non-AP MLD is played with the
// real key derivation and frame builder (core/rsn's supplicant has no MLO), the legacy station
// by core/rsn's FourWaySupplicant; the kernel stand-in keeps the keys per link.
import { describe, expect, it } from 'vitest';
import { akmKeyParams } from '../../core/crypto/akm.js';
import { derivePtk, type Ptk } from '../../core/crypto/ptk.js';
import { parseEapolKey } from '../../core/ieee80211/eapol-key.js';
import { KeyDataWriter, parseKeyData } from '../../core/ieee80211/kde.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { AKM_SAE, CIPHER_CCMP, encodeRsne, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { buildKeyFrame, unwrapKeyData } from '../../core/rsn/key-frames.js';
import { FourWaySupplicant, type InstalledGroupKey } from '../../core/rsn/supplicant.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { ApRsn } from '../../plugins/mld-ap/ap-rsn.js';
import { bssRsnConfig } from '../../plugins/mld-ap/bss-rsn.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { StationTable } from '../../plugins/mld-ap/station-table.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { toHex } from '../ieee80211/hex.js';
import { ManualClock, settle, silentLogger } from '../txq/fakes.js';
import { apSettings } from './rsn-fixture.js';

const AP_MLD = '06:4d:4c:44:00:00';
const STA_MLD = '02:00:00:00:10:00';
const LEGACY = '02:00:00:00:20:00';
const PMK = new Uint8Array(32).fill(5);
const SNONCE = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
const { micLen, descriptorVersion } = akmKeyParams(AKM_SAE, 32);
const STA_RSNE = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_SAE], capabilities: RsnCapability.MFPC | RsnCapability.MFPR, pmkids: [] });

/** The keys the AP put in the kernel, per link (NEW_KEY / SET_KEY with MLO_LINK_ID), and every request. */
class LinkKernel {
  readonly requests: { cmd: string; attrs: Attrs_nl80211_attrs }[] = [];
  readonly group = new Map<string, Uint8Array>();
  readonly defaults = new Map<string, number>();

  async request(cmd: string, attrs: Attrs_nl80211_attrs = {}): Promise<Attrs_nl80211_attrs[]> {
    this.requests.push({ cmd, attrs });
    const key = attrs.KEY as { DATA?: Uint8Array; IDX?: number; DEFAULT?: boolean; DEFAULT_MGMT?: boolean; DEFAULT_BEACON?: boolean } | undefined;
    const link = attrs.MLO_LINK_ID;
    if (cmd === 'NEW_KEY' && !attrs.MAC) this.group.set(`${link}/${key!.IDX}`, key!.DATA!);
    else if (cmd === 'SET_KEY') {
      if (!this.group.has(`${link}/${key!.IDX}`)) throw new Error(`SET_KEY of key ${key!.IDX} on link ${link} that was never installed`);
      for (const [flag, kind] of [[key!.DEFAULT, 'gtk'], [key!.DEFAULT_MGMT, 'igtk'], [key!.DEFAULT_BEACON, 'bigtk']] as const) if (flag) this.defaults.set(`${link}/${kind}`, key!.IDX!);
    } else if (cmd === 'GET_KEY') {
      if (!this.group.has(`${link}/${attrs.KEY_IDX}`)) throw new Error(`GET_KEY of key ${attrs.KEY_IDX} on link ${link} that was never installed`);
      return [{ KEY_IDX: attrs.KEY_IDX, KEY_SEQ: new Uint8Array(6) }];
    }
    return [];
  }

  /** The keys link `link` transmits with, as hex, by kind. */
  transmitKeys(link: number): Record<string, string | undefined> {
    return Object.fromEntries(['gtk', 'igtk', 'bigtk'].map((k) => {
      const id = this.defaults.get(`${link}/${k}`);
      const key = id !== undefined ? this.group.get(`${link}/${id}`) : undefined;
      return [k, key ? `${id}:${toHex(key)}` : undefined];
    }));
  }
}

async function world() {
  const settings = apSettings({ encryption: 'sae', key: 'wifid mlo password', sae_pwe: '1', ieee80211w: '2' });
  const cfg = bssRsnConfig(settings)!;
  const links = [1, 6].map((channel, linkId) => {
    const r = checkRadio(HWSIM_WIPHY, { ...settings, channel });
    if (!r.ok) throw new Error(r.problem);
    return new ApLink({ linkId, phy: 'phy0', wiphy: 0, bssid: linkAddress(AP_MLD, linkId), plan: r.plan, ssid: 'wifid-rsn', hidden: false, beaconIntTu: 100, dtimPeriod: 2, rsne: cfg.rsne });
  });
  const kernel = new LinkKernel();
  const sent: { addr: string; pdu: Uint8Array }[] = [];
  const forgotten: string[] = [];
  const clock = new ManualClock();
  const stations = new StationTable(8);
  const rsn = new ApRsn({
    ifindex: 9, link: links[0]!, links, mldAddr: macFromString(AP_MLD), stations, clock, log: silentLogger, peerLog: new PeerLog(silentLogger, clock),
    nl: kernel,
    sendEapol: async (addr, pdu) => { sent.push({ addr, pdu }); },
    forgetStation: async (sta) => { forgotten.push(sta.addr); },
    emit: () => undefined,
  }, cfg, undefined, 600);
  await rsn.start();
  const take = (addr: string) => {
    const i = sent.findIndex((s) => s.addr === addr);
    if (i < 0) throw new Error(`nothing sent to ${addr}`);
    return sent.splice(i, 1)[0]!.pdu;
  };
  return { cfg, links, kernel, sent, forgotten, clock, stations, rsn, take };
}

type World = Awaited<ReturnType<typeof world>>;

/** The non-AP MLD on links 0 and 1 completes its 4-way handshake, played by hand (`beforeMsg4` runs between messages 3 and 4); returns its PTK and message 3's replay counter. */
async function joinMld(w: World, beforeMsg4?: () => Promise<void>): Promise<{ ptk: Ptk; replay: () => bigint }> {
  const sta = w.stations.authenticate(STA_MLD);
  Object.assign(sta, {
    aid: w.stations.allocateAid(), akm: AKM_SAE, pmf: true, pairwiseCipher: CIPHER_CCMP, rsne: STA_RSNE, state: 'associated', linkId: 0,
    pmk: PMK, pmkid: new Uint8Array(16).fill(6),
    mld: { linkAddr: '02:00:00:00:10:01', links: [{ linkId: 0, addr: '02:00:00:00:10:01' }, { linkId: 1, addr: '02:00:00:00:10:02' }] },
  });
  w.rsn.startHandshake(sta);
  await settle();
  const m1 = parseEapolKey(w.take(STA_MLD), micLen);
  expect(macToString(parseKeyData(m1.keyData).macAddress!)).toBe(AP_MLD);
  const ptk = derivePtk({ akm: AKM_SAE, pmk: PMK, aa: macFromString(AP_MLD), spa: macFromString(STA_MLD), anonce: m1.nonce, snonce: SNONCE, cipher: CIPHER_CCMP });
  const keys = { akm: AKM_SAE, kck: ptk.kck, kek: ptk.kek, micLen };
  w.rsn.onEapol(STA_MLD, buildKeyFrame({ protocolVersion: 2, descriptorVersion, replayCounter: m1.replayCounter, pairwise: true, mic: true, nonce: SNONCE, keyData: new KeyDataWriter().element(STA_RSNE).macAddress(macFromString(STA_MLD)).finish() }, micLen, keys));
  await settle();
  const m3 = parseEapolKey(w.take(STA_MLD), micLen);
  const kd = parseKeyData(unwrapKeyData(ptk.kek, m3.keyData)!);
  expect(kd.mloGtks.map((g) => `${g.linkId}:${g.keyId}:${toHex(g.key)}`)).toEqual([0, 1].map((l) => w.kernel.transmitKeys(l).gtk?.replace(/^/, `${l}:`)));
  await beforeMsg4?.();
  w.rsn.onEapol(STA_MLD, buildKeyFrame({ protocolVersion: 2, descriptorVersion, replayCounter: m3.replayCounter, pairwise: true, mic: true, secure: true }, micLen, keys));
  await settle();
  expect(sta.state).toBe('authorized');
  return { ptk, replay: () => m3.replayCounter };
}

/** bookworm-like legacy station on link 1 (core/rsn's FourWaySupplicant, AA = link 1's BSSID). */
async function joinLegacy(w: World) {
  const sta = w.stations.authenticate(LEGACY);
  Object.assign(sta, { aid: w.stations.allocateAid(), akm: AKM_SAE, pmf: true, pairwiseCipher: CIPHER_CCMP, rsne: STA_RSNE, state: 'associated', linkId: 1, pmk: PMK, pmkid: new Uint8Array(16).fill(7) });
  const held = new Map<string, InstalledGroupKey>();
  let rekeyed = 0;
  const toAp: Uint8Array[] = [];
  const supplicant = new FourWaySupplicant({
    aa: macFromString(linkAddress(AP_MLD, 1)), spa: macFromString(LEGACY), akm: AKM_SAE, pairwiseCipher: CIPHER_CCMP, pmk: PMK, staRsne: STA_RSNE, apRsne: w.cfg.rsne, ...(w.cfg.rsnxe ? { apRsnxe: w.cfg.rsnxe } : {}),
    send: async (pdu) => { toAp.push(pdu); }, installPtk: async () => undefined, installGroupKey: async (k) => { held.set(k.kind, k); },
    events: { completed: () => undefined, groupRekeyed: () => rekeyed++, failed: (r) => { throw new Error(`supplicant failed: ${r}`); } },
  });
  w.rsn.startHandshake(sta);
  const pump = async () => {
    for (let i = 0; i < 10; i++) {
      await settle();
      const out = w.sent.filter((s) => s.addr === LEGACY);
      if (out.length === 0 && toAp.length === 0) return;
      for (const s of out) { w.sent.splice(w.sent.indexOf(s), 1); supplicant.receive(s.pdu); }
      await settle();
      for (const pdu of toAp.splice(0)) w.rsn.onEapol(LEGACY, pdu);
    }
  };
  await pump();
  expect(sta.state).toBe('authorized');
  const holds = () => Object.fromEntries(['gtk', 'igtk', 'bigtk'].map((k) => { const g = held.get(k); return [k, g ? `${g.keyId}:${toHex(g.key)}` : undefined]; }));
  return { pump, holds, rekeyed: () => rekeyed };
}

describe('ApRsn of an AP MLD', () => {
  it('keys per link installed with the link id; a non-AP MLD\'s handshake between the MLD addresses with both links\' keys', async () => {
    const w = await world();
    const newKeys = w.kernel.requests.filter((r) => r.cmd === 'NEW_KEY');
    expect(newKeys.map((r) => [r.attrs.MLO_LINK_ID, (r.attrs.KEY as { IDX: number }).IDX])).toEqual([[0, 1], [0, 4], [0, 6], [1, 1], [1, 4], [1, 6]]);
    expect(w.kernel.transmitKeys(0).gtk, 'each link its own GTK').not.toBe(w.kernel.transmitKeys(1).gtk);
    await joinMld(w);
    w.rsn.stop();
  });

  it('wpa_group_rekey: new keys on both links; the non-AP MLD gets them in MLO KDEs (Key RSC 0), the legacy station on link 1 link 1\'s in plain KDEs; each link switches once both answered', async () => {
    const w = await world();
    const mld = await joinMld(w);
    const legacy = await joinLegacy(w);
    const before = [0, 1].map((l) => w.kernel.transmitKeys(l));
    expect(legacy.holds(), 'the legacy station holds link 1\'s keys').toEqual(before[1]);

    w.clock.advance(600_000);
    await settle();
    const installed = w.kernel.requests.filter((r) => r.cmd === 'NEW_KEY' && !r.attrs.MAC).slice(6);
    expect(installed.map((r) => [r.attrs.MLO_LINK_ID, (r.attrs.KEY as { IDX: number }).IDX]), 'the new keys, the other key IDs, per link').toEqual([[0, 2], [0, 5], [0, 7], [1, 2], [1, 5], [1, 7]]);
    const next = (link: number, id: number) => `${id}:${toHex(w.kernel.group.get(`${link}/${id}`)!)}`;
    // Group message 1 to the non-AP MLD: both links' new keys, no plain GTK KDE.
    const g1 = parseEapolKey(w.take(STA_MLD), micLen);
    expect({ ack: g1.ack, secure: g1.secure, pairwise: g1.pairwise, rsc: toHex(g1.rsc) }).toEqual({ ack: true, secure: true, pairwise: false, rsc: '0000000000000000' });
    expect(g1.replayCounter).toBe(mld.replay() + 1n);
    const kd = parseKeyData(unwrapKeyData(mld.ptk.kek, g1.keyData)!);
    expect(kd.gtk).toBeUndefined();
    expect(kd.mloGtks.map((g) => `${g.linkId}/${g.keyId}:${toHex(g.key)}`)).toEqual([`0/${next(0, 2)}`, `1/${next(1, 2)}`]);
    expect(kd.mloIgtks.map((g) => `${g.linkId}/${g.keyId}:${toHex(g.key)}`)).toEqual([`0/${next(0, 5)}`, `1/${next(1, 5)}`]);
    expect(kd.mloBigtks.map((g) => `${g.linkId}/${g.keyId}:${toHex(g.key)}`)).toEqual([`0/${next(0, 7)}`, `1/${next(1, 7)}`]);
    // Not yet transmitting with them: neither station has answered.
    expect([0, 1].map((l) => w.kernel.transmitKeys(l))).toEqual(before);

    await legacy.pump();
    expect(legacy.rekeyed()).toBe(1);
    expect(legacy.holds(), 'the legacy station: link 1\'s new keys').toEqual({ gtk: next(1, 2), igtk: next(1, 5), bigtk: next(1, 7) });
    expect([0, 1].map((l) => w.kernel.transmitKeys(l)), 'still waiting for the non-AP MLD').toEqual(before);

    const keys = { akm: AKM_SAE, kck: mld.ptk.kck, kek: mld.ptk.kek, micLen };
    w.rsn.onEapol(STA_MLD, buildKeyFrame({ protocolVersion: 2, descriptorVersion, replayCounter: g1.replayCounter, mic: true, secure: true }, micLen, keys));
    await settle();
    expect([0, 1].map((l) => w.kernel.transmitKeys(l))).toEqual([0, 1].map((l) => ({ gtk: next(l, 2), igtk: next(l, 5), bigtk: next(l, 7) })));
    expect(w.kernel.requests.filter((r) => r.cmd === 'SET_KEY').slice(6).map((r) => r.attrs.MLO_LINK_ID)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(w.rsn.counters).toMatchObject({ groupRekeys: 1, groupRekeyFailures: 0 });
    expect(w.forgotten).toEqual([]);
    w.rsn.stop();
  });

  it('a departure rekeys: the legacy station leaves, the non-AP MLD gets new keys of both links', async () => {
    const w = await world();
    const mld = await joinMld(w);
    await joinLegacy(w);
    const legacy = w.stations.get(LEGACY)!;
    w.stations.remove(LEGACY);
    legacy.authenticator?.stop();
    await settle();
    const g1 = parseEapolKey(w.take(STA_MLD), micLen);
    const kd = parseKeyData(unwrapKeyData(mld.ptk.kek, g1.keyData)!);
    expect(kd.mloGtks.map((g) => [g.linkId, g.keyId])).toEqual([[0, 2], [1, 2]]);
    expect(w.sent.filter((s) => s.addr === LEGACY), 'nothing to the station that left').toEqual([]);
    w.rsn.onEapol(STA_MLD, buildKeyFrame({ protocolVersion: 2, descriptorVersion, replayCounter: g1.replayCounter, mic: true, secure: true }, micLen, { akm: AKM_SAE, kck: mld.ptk.kck, kek: mld.ptk.kek, micLen }));
    await settle();
    expect([0, 1].map((l) => w.kernel.transmitKeys(l).gtk?.split(':')[0])).toEqual(['2', '2']);
    expect(w.rsn.counters.groupRekeys).toBe(1);
    w.rsn.stop();
  });

  it('a departure from the link remove_link takes away costs no rekey: the legacy station held only link 1\'s keys, which go with the link', async () => {
    const w = await world();
    await joinMld(w);
    await joinLegacy(w);
    const before = [0, 1].map((l) => w.kernel.transmitKeys(l).gtk);
    // ApMld.finishRemoval marks the link going (0 TBTTs left) before it disassociates the link's stations.
    w.links[1]!.removalTbtt = 0;
    const legacy = w.stations.get(LEGACY)!;
    w.stations.remove(LEGACY);
    legacy.authenticator?.stop();
    await settle();
    w.clock.advance(60_000);
    await settle();
    expect(w.sent, 'no group key handshake').toEqual([]);
    expect([0, 1].map((l) => w.kernel.transmitKeys(l).gtk), 'the links\' keys as they were').toEqual(before);
    expect(w.rsn.counters).toMatchObject({ groupRekeys: 0, groupRekeyFailures: 0 });
    w.rsn.stop();
  });

  it('a rekey begun between the non-AP MLD\'s messages 3 and 4: the round takes it once authorized, with both links\' new keys', async () => {
    const w = await world();
    await joinLegacy(w);
    const mld = await joinMld(w, async () => {
      w.rsn.rekey('test');
      await settle();
    });
    const g1 = parseEapolKey(w.take(STA_MLD), micLen);
    const kd = parseKeyData(unwrapKeyData(mld.ptk.kek, g1.keyData)!);
    expect(kd.mloGtks.map((g) => `${g.linkId}/${g.keyId}:${toHex(g.key)}`)).toEqual([0, 1].map((l) => `${l}/2:${toHex(w.kernel.group.get(`${l}/2`)!)}`));
    expect(w.rsn.counters.groupKeyUpdates).toBe(1);
    w.rsn.stop();
  });
});
