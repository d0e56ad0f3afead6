// The AP's RSN authenticator (plugins/mld-ap/ap-rsn.ts) against core/rsn's FourWaySupplicant
// acting as the station: EAPOL PDUs carried both ways, a fake kernel that keeps the keys
// the AP installs (NEW_KEY / SET_KEY) and the station flags, a manual clock. The outcome
// checked is the protocol's: the station ends with the PTK and group keys the AP put in
// the kernel, the port opens only after message 4, a wrong passphrase never opens it.
import { describe, expect, it } from 'vitest';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { ReasonCode } from '../../core/ieee80211/reason-codes.js';
import { AKM_PSK, AKM_PSK_SHA256, CIPHER_CCMP, encodeRsne, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import type { Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { FourWaySupplicant, type InstalledGroupKey } from '../../core/rsn/supplicant.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { ApRsn, bssPsk } from '../../plugins/mld-ap/ap-rsn.js';
import { bssRsnConfig } from '../../plugins/mld-ap/bss-rsn.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { StationTable, type ApStation } from '../../plugins/mld-ap/station-table.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { ManualClock, settle, silentLogger } from '../txq/fakes.js';
import { apSettings } from './rsn-fixture.js';

const BSSID = '02:00:00:00:00:00';
const PASSPHRASE = 'correct horse battery';
const SSID = 'wifid-rsn';
const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : undefined);

/** What the AP put in the kernel: keys by slot, the default keys, station flags. */
class FakeKernel implements Nl80211Requester {
  readonly commands: string[] = [];
  readonly pairwise = new Map<string, Uint8Array>();
  readonly group = new Map<number, Uint8Array>();
  readonly defaults: { gtk?: number; mgmt?: number; beacon?: number } = {};
  readonly authorized = new Set<string>();
  /** The transmit counter GET_KEY reports per group key ID (6 octets little-endian; 0 if unset). */
  readonly txSeq = new Map<number, Uint8Array>();
  readonly getKeys: Attrs_nl80211_attrs[] = [];

  async request(cmd: string, attrs: Attrs_nl80211_attrs = {}): Promise<Attrs_nl80211_attrs[]> {
    this.commands.push(cmd);
    const key = attrs.KEY as { DATA?: Uint8Array; IDX?: number; DEFAULT?: boolean; DEFAULT_MGMT?: boolean; DEFAULT_BEACON?: boolean } | undefined;
    if (cmd === 'NEW_KEY') {
      if (attrs.MAC) this.pairwise.set(attrs.MAC, key!.DATA!);
      else this.group.set(key!.IDX!, key!.DATA!);
    } else if (cmd === 'SET_KEY') {
      if (!this.group.has(key!.IDX!)) throw new Error(`SET_KEY of key ${key!.IDX} that was never installed`);
      if (key!.DEFAULT) this.defaults.gtk = key!.IDX;
      if (key!.DEFAULT_MGMT) this.defaults.mgmt = key!.IDX;
      if (key!.DEFAULT_BEACON) this.defaults.beacon = key!.IDX;
    } else if (cmd === 'GET_KEY') {
      this.getKeys.push(attrs);
      if (!this.group.has(attrs.KEY_IDX!)) throw new Error(`GET_KEY of key ${attrs.KEY_IDX} that was never installed`);
      return [{ KEY_IDX: attrs.KEY_IDX, KEY_SEQ: this.txSeq.get(attrs.KEY_IDX!) ?? new Uint8Array(6) }];
    } else if (cmd === 'SET_STATION') {
      const flags = Buffer.from(attrs.STA_FLAGS2 as Uint8Array);
      if (flags.readUInt32LE(4) & (1 << 1)) this.authorized.add(attrs.MAC!);
    }
    return [];
  }

  /** The keys a station must hold to read what the AP transmits. */
  transmitKeys(): { gtk?: string; igtk?: string; bigtk?: string; ids: number[] } {
    const d = this.defaults;
    return {
      gtk: hex(d.gtk !== undefined ? this.group.get(d.gtk) : undefined),
      igtk: hex(d.mgmt !== undefined ? this.group.get(d.mgmt) : undefined),
      bigtk: hex(d.beacon !== undefined ? this.group.get(d.beacon) : undefined),
      ids: [d.gtk, d.mgmt, d.beacon].filter((x): x is number => x !== undefined),
    };
  }
}

interface Sta {
  sta: ApStation;
  supplicant: FourWaySupplicant;
  ptk?: Uint8Array;
  groupKeys: Map<string, InstalledGroupKey>;
  completed: number;
  rekeyed: number;
  /** Drops everything the AP sends to it (a station gone silent). */
  deaf: boolean;
}

async function world(options: Record<string, string>, rekeyS = 0) {
  const settings = apSettings({ key: PASSPHRASE, ...options });
  const cfg = bssRsnConfig(settings)!;
  const radio = checkRadio(HWSIM_WIPHY, { ...settings, channel: settings.channel! });
  if (!radio.ok) throw new Error(radio.problem);
  const clock = new ManualClock();
  const kernel = new FakeKernel();
  const stations = new StationTable(16);
  const link = new ApLink({ phy: 'phy0', wiphy: 0, bssid: BSSID, plan: radio.plan, ssid: SSID, hidden: false, beaconIntTu: 100, dtimPeriod: 2, rsne: cfg.rsne });
  const events: Array<{ event: string; data: Record<string, unknown> }> = [];
  const forgotten: Array<{ addr: string; reason: number; why: string }> = [];
  const toStations: Array<{ addr: string; pdu: Uint8Array; noEncrypt: boolean }> = [];
  /** Every EAPOL PDU the AP sent, in order. */
  const sentLog: Array<{ addr: string; noEncrypt: boolean }> = [];
  const toAp: Array<{ addr: string; pdu: Uint8Array }> = [];
  const stas = new Map<string, Sta>();
  const rsn = new ApRsn({
    ifindex: 3, link, links: [link], mldAddr: undefined, stations, nl: kernel, clock, log: silentLogger, peerLog: new PeerLog(silentLogger, clock),
    sendEapol: async (addr, pdu, noEncrypt) => {
      toStations.push({ addr, pdu, noEncrypt });
      sentLog.push({ addr, noEncrypt });
    },
    forgetStation: async (sta, reason, why) => {
      if (stations.get(sta.addr) !== sta) return;
      stations.remove(sta.addr);
      sta.authenticator?.stop();
      forgotten.push({ addr: sta.addr, reason, why });
    },
    emit: (event, data) => events.push({ event, data }),
  }, cfg, bssPsk(settings), rekeyS);
  await rsn.start();

  /** A station associates (as Mlme leaves it) and the handshake starts. */
  function join(addr: string, passphrase = PASSPHRASE, pmf = cfg.pmf > 0): Sta {
    const akm = cfg.akms[0]!;
    const staRsne = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [akm], capabilities: pmf ? RsnCapability.MFPC : 0, pmkids: [] });
    const sta = stations.authenticate(addr);
    Object.assign(sta, { aid: stations.allocateAid(), akm, pmf, pairwiseCipher: CIPHER_CCMP, rsne: staRsne, state: 'associated' });
    const s: Sta = { sta, groupKeys: new Map(), completed: 0, rekeyed: 0, deaf: false, supplicant: undefined as unknown as FourWaySupplicant };
    s.supplicant = new FourWaySupplicant({
      aa: macFromString(BSSID), spa: macFromString(addr), akm, pairwiseCipher: CIPHER_CCMP, pmk: pskFromPassphrase(passphrase, SSID),
      staRsne, apRsne: cfg.rsne,
      send: async (pdu) => { toAp.push({ addr, pdu }); },
      installPtk: async (tk) => { s.ptk = tk; },
      installGroupKey: async (k) => { s.groupKeys.set(k.kind, k); },
      events: { completed: () => s.completed++, groupRekeyed: () => s.rekeyed++, failed: (r) => { throw new Error(`supplicant failed: ${r}`); } },
    });
    stas.set(addr, s);
    rsn.startHandshake(sta);
    return s;
  }

  /** Carries EAPOL both ways until nothing is in flight. */
  async function pump(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      await settle();
      if (toStations.length === 0 && toAp.length === 0) return;
      for (const m of toStations.splice(0)) {
        const s = stas.get(m.addr);
        if (s && !s.deaf) s.supplicant.receive(m.pdu);
      }
      await settle();
      for (const m of toAp.splice(0)) rsn.onEapol(m.addr, m.pdu);
    }
    throw new Error('EAPOL still flowing after 50 rounds');
  }

  /** What the station holds, in the shape of FakeKernel.transmitKeys(). */
  const held = (s: Sta) => ({
    gtk: hex(s.groupKeys.get('gtk')?.key), igtk: hex(s.groupKeys.get('igtk')?.key), bigtk: hex(s.groupKeys.get('bigtk')?.key),
    ids: ['gtk', 'igtk', 'bigtk'].map((k) => s.groupKeys.get(k)?.keyId).filter((x): x is number => x !== undefined),
  });

  /** The station leaves as ApInstance.forgetStation takes it away. */
  function leave(s: Sta): void {
    stations.remove(s.sta.addr);
    s.sta.authenticator?.stop();
  }

  /** One step by hand: what the AP sent to `addr` reaches it, then its answers reach the AP. */
  async function exchange(addr: string): Promise<void> {
    await settle();
    const s = stas.get(addr)!;
    for (const m of toStations.filter((x) => x.addr === addr)) s.supplicant.receive(m.pdu);
    toStations.splice(0, toStations.length, ...toStations.filter((x) => x.addr !== addr));
    await settle();
    for (const m of toAp.filter((x) => x.addr === addr)) rsn.onEapol(m.addr, m.pdu);
    toAp.splice(0, toAp.length, ...toAp.filter((x) => x.addr !== addr));
    await settle();
  }

  return { cfg, clock, kernel, link, stations, rsn, events, forgotten, toStations, toAp, sentLog, join, pump, held, leave, exchange };
}

const STA1 = '02:00:00:00:01:00';
const STA2 = '02:00:00:00:02:00';

describe('ApRsn: the 4-way handshake with a real supplicant', () => {
  it('psk2: the station ends with the PTK and GTK the AP installed; the port opens after message 4 only', async () => {
    const w = await world({ encryption: 'psk2' });
    expect(w.kernel.transmitKeys().ids).toEqual([1]);
    const s = w.join(STA1);
    expect(w.kernel.authorized.size).toBe(0);
    await w.pump();
    expect(s.completed).toBe(1);
    expect(hex(s.ptk)).toBe(hex(w.kernel.pairwise.get(STA1)));
    expect(s.ptk).toHaveLength(16);
    const { ids, ...keys } = w.kernel.transmitKeys();
    expect(w.held(s)).toEqual({ ...keys, ids });
    expect(keys.igtk).toBeUndefined();
    expect(w.kernel.authorized).toEqual(new Set([STA1]));
    expect(s.sta.state).toBe('authorized');
    expect(w.events).toEqual([{ event: 'authorized', data: { addr: STA1, aid: 1 } }]);
    // The PTK is installed before the port opens, and after message 4.
    expect(w.kernel.commands.slice(-2)).toEqual(['NEW_KEY', 'SET_STATION']);
    expect(w.rsn.counters).toMatchObject({ handshakesCompleted: 1, handshakesFailed: 0, micFailures: 0 });
  });

  it('messages 1 and 3 leave unencrypted (no PTK yet), a group rekey\'s message encrypted', async () => {
    const w = await world({ encryption: 'psk2' });
    w.join(STA1);
    await w.pump();
    w.rsn.rekey('test');
    await w.pump();
    expect(w.sentLog.map((m) => m.noEncrypt)).toEqual([true, true, false]);
  });

  it('psk2-sha256 with PMF: AKM 6 (AES-CMAC MIC, KDF-SHA256), the station also holds the IGTK and BIGTK in use', async () => {
    const w = await world({ encryption: 'psk2-sha256' });
    expect(w.cfg.akms).toEqual([AKM_PSK_SHA256]);
    const s = w.join(STA1);
    await w.pump();
    expect(s.completed).toBe(1);
    expect(hex(s.ptk)).toBe(hex(w.kernel.pairwise.get(STA1)));
    const { ids, ...keys } = w.kernel.transmitKeys();
    expect(ids).toEqual([1, 4, 6]);
    expect(keys.igtk).toHaveLength(32);
    expect(keys.bigtk).toHaveLength(32);
    expect(w.held(s)).toEqual({ ...keys, ids });
  });

  it('a wrong passphrase: every message 2 fails its MIC, the port never opens, auth_failed and a deauthentication with reason 15', async () => {
    const w = await world({ encryption: 'psk2' });
    const s = w.join(STA1, 'not the passphrase');
    for (let i = 0; i < 4; i++) {
      await w.pump();
      w.clock.advance(1000);
    }
    await w.pump();
    expect(s.completed).toBe(0);
    expect(w.kernel.pairwise.size).toBe(0);
    expect(w.kernel.authorized.size).toBe(0);
    expect(w.events).toEqual([{ event: 'auth_failed', data: { addr: STA1, reason: 'mic_failure' } }]);
    expect(w.forgotten).toEqual([{ addr: STA1, reason: ReasonCode.FOURWAY_HANDSHAKE_TIMEOUT, why: '4-way handshake: mic_failure' }]);
    expect(w.rsn.counters).toMatchObject({ micFailures: 4, retransmissions: 3, handshakesFailed: 1, handshakesCompleted: 0 });
    // Another station with the right passphrase still joins.
    const good = w.join(STA2);
    await w.pump();
    expect(good.completed).toBe(1);
    expect(w.kernel.authorized).toEqual(new Set([STA2]));
  });

  it('EAPOL from a station without a handshake is counted, not acted on', async () => {
    const w = await world({ encryption: 'psk2' });
    w.rsn.onEapol(STA1, new Uint8Array([2, 3, 0, 0]));
    expect(w.rsn.counters.eapolUnexpected).toBe(1);
    const s = w.join(STA1);
    w.rsn.onEapol(STA1, new Uint8Array([2, 3, 0, 1, 2]));
    await w.pump();
    expect(s.completed).toBe(1);
    expect(w.rsn.counters.malformed).toBe(1);
  });
});

describe('ApRsn: group rekeys', () => {
  it('a station leaves: the others get a new GTK (the other key ID), and the AP switches to it once they answered', async () => {
    const w = await world({ encryption: 'psk2', ieee80211w: '1' });
    const a = w.join(STA1);
    const b = w.join(STA2);
    await w.pump();
    const before = w.kernel.transmitKeys();
    expect(w.held(a)).toEqual(before);
    w.leave(a);
    await settle();
    // The new keys are in the kernel, not yet transmitting: B has not answered.
    expect(w.kernel.transmitKeys()).toEqual(before);
    await w.pump();
    const after = w.kernel.transmitKeys();
    expect(after.ids).toEqual([2, 5, 7]);
    expect(after.gtk).not.toBe(before.gtk);
    expect(after.igtk).not.toBe(before.igtk);
    expect(b.rekeyed).toBe(1);
    expect(w.held(b)).toEqual(after);
    // A, gone, got nothing after it left.
    expect(w.held(a)).toEqual(before);
    expect(w.rsn.counters.groupRekeys).toBe(1);
  });

  it('every wpa_group_rekey seconds, with the key IDs alternating', async () => {
    const w = await world({ encryption: 'psk2' }, 600);
    const s = w.join(STA1);
    await w.pump();
    for (const id of [2, 1, 2]) {
      w.clock.advance(600_000);
      await w.pump();
      expect(w.kernel.transmitKeys().ids).toEqual([id]);
      expect(w.held(s)).toEqual(w.kernel.transmitKeys());
    }
    expect(s.rekeyed).toBe(3);
    expect(w.rsn.counters.groupRekeys).toBe(3);
  });

  it('wpa_group_rekey 0: no timer; a station that does not answer a rekey is deauthenticated with reason 16, and having held the GTK it costs another rekey', async () => {
    const w = await world({ encryption: 'psk2' });
    const a = w.join(STA1);
    const b = w.join(STA2);
    await w.pump();
    w.clock.advance(86_400_000);
    await w.pump();
    expect(w.kernel.transmitKeys().ids).toEqual([1]);
    b.deaf = true;
    w.rsn.rekey('test');
    for (let i = 0; i < 5; i++) {
      await w.pump();
      w.clock.advance(1000);
    }
    await w.pump();
    expect(w.forgotten).toEqual([{ addr: STA2, reason: ReasonCode.GK_HANDSHAKE_TIMEOUT, why: 'group key handshake timeout' }]);
    expect(w.rsn.counters.groupRekeys).toBe(2);
    expect(a.rekeyed).toBe(2);
    expect(w.kernel.transmitKeys().ids).toEqual([1]);
    expect(w.kernel.transmitKeys().gtk).not.toBe(hex(b.groupKeys.get('gtk')?.key));
    expect(w.held(a)).toEqual(w.kernel.transmitKeys());
  });

  it('a station joining during a rekey gets the new keys in message 3', async () => {
    const w = await world({ encryption: 'psk2' });
    const a = w.join(STA1);
    await w.pump();
    a.deaf = true;
    w.rsn.rekey('test');
    await settle();
    const b = w.join(STA2);
    await w.pump();
    expect(b.completed).toBe(1);
    expect(w.held(b).ids).toEqual([2]);
    a.deaf = false;
    w.clock.advance(1000);
    await w.pump();
    expect(w.kernel.transmitKeys().ids).toEqual([2]);
    expect(w.held(b)).toEqual(w.kernel.transmitKeys());
    expect(w.held(a)).toEqual(w.kernel.transmitKeys());
  });

  it('leaving twice during a rekey rekeys again after it', async () => {
    const w = await world({ encryption: 'psk2' });
    const a = w.join(STA1);
    const b = w.join(STA2);
    const c = w.join('02:00:00:00:03:00');
    await w.pump();
    w.leave(a);
    w.leave(b);
    await w.pump();
    expect(w.rsn.counters.groupRekeys).toBe(2);
    expect(w.kernel.transmitKeys().ids).toEqual([1]);
    expect(w.held(c)).toEqual(w.kernel.transmitKeys());
    expect(c.rekeyed).toBe(2);
  });
});

describe('ApRsn: the group keys\' transmit counters (GET_KEY)', () => {
  it('message 3 carries the GTK\'s transmit counter from the kernel as Key RSC (8 octets, little-endian), the IGTK\'s and BIGTK\'s as IPN/BIPN', async () => {
    const w = await world({ encryption: 'psk2-sha256' });
    w.kernel.txSeq.set(1, new Uint8Array([0x05, 0x04, 0x03, 0x02, 0x01, 0x00]));
    w.kernel.txSeq.set(4, new Uint8Array([0x2a, 0, 0, 0, 0, 0]));
    w.kernel.txSeq.set(6, new Uint8Array([0x10, 0x27, 0, 0, 0, 0]));
    const s = w.join(STA1);
    await w.pump();
    expect(s.completed).toBe(1);
    expect(hex(s.groupKeys.get('gtk')?.rsc)).toBe('0504030201000000');
    expect(hex(s.groupKeys.get('igtk')?.rsc)).toBe('2a0000000000');
    expect(hex(s.groupKeys.get('bigtk')?.rsc)).toBe('102700000000');
    expect(w.kernel.getKeys.map((a) => [a.KEY_IDX, a.KEY_TYPE])).toEqual([[1, 0], [4, 0], [6, 0]]);
    expect(w.rsn.counters.keySeqReadFailures).toBe(0);
  });

  it('a group rekey\'s message 1 carries the new GTK\'s counter (0: it has not transmitted yet)', async () => {
    const w = await world({ encryption: 'psk2' });
    w.kernel.txSeq.set(1, new Uint8Array([9, 0, 0, 0, 0, 0]));
    const s = w.join(STA1);
    await w.pump();
    w.rsn.rekey('test');
    await w.pump();
    expect(s.rekeyed).toBe(1);
    expect(hex(s.groupKeys.get('gtk')?.rsc)).toBe('0000000000000000');
    expect(w.kernel.getKeys.map((a) => a.KEY_IDX)).toEqual([1, 2]);
  });
});

describe('ApRsn: a station whose message 3 predates a group rekey', () => {
  /** A holds the keys; B's message 3 is built with them and held back while a rekey runs. */
  async function msg3BeforeRekey() {
    const w = await world({ encryption: 'psk2' });
    const a = w.join(STA1);
    await w.pump();
    const b = w.join(STA2);
    await w.exchange(STA2);
    // B's message 3 (GTK 1) is waiting for it; the rekey starts without B (no PTKSA yet).
    expect(w.toStations.filter((m) => m.addr === STA2)).toHaveLength(1);
    w.rsn.rekey('test');
    await settle();
    return { w, a, b };
  }

  it('the rekey ended before its message 4: a group key handshake of its own gives it the new GTK', async () => {
    const { w, a, b } = await msg3BeforeRekey();
    await w.exchange(STA1);
    await settle();
    expect(w.kernel.transmitKeys().ids).toEqual([2]);
    await w.pump();
    expect(b.completed).toBe(1);
    expect(b.rekeyed).toBe(1);
    expect(w.held(b)).toEqual(w.kernel.transmitKeys());
    expect(w.held(a)).toEqual(w.kernel.transmitKeys());
    expect(w.rsn.counters).toMatchObject({ groupKeyUpdates: 1, groupRekeys: 1 });
  });

  it('the rekey still waits for another station: the round takes it too, and switches only when both answered', async () => {
    const { w, a, b } = await msg3BeforeRekey();
    a.deaf = true;
    await w.pump();
    expect(b.completed).toBe(1);
    expect(b.rekeyed).toBe(1);
    expect(w.kernel.transmitKeys().ids).toEqual([1]);
    a.deaf = false;
    w.clock.advance(1000);
    await w.pump();
    expect(w.kernel.transmitKeys().ids).toEqual([2]);
    expect(w.held(a)).toEqual(w.kernel.transmitKeys());
    expect(w.held(b)).toEqual(w.kernel.transmitKeys());
    expect(w.rsn.counters).toMatchObject({ groupKeyUpdates: 1, groupRekeys: 1 });
  });
});

describe('ApRsn: AKM 2 without PMF keeps the RSNE exact', () => {
  it('uses AKM 2 and the BSS RSNE in message 3', async () => {
    const w = await world({ encryption: 'psk2' });
    expect(w.cfg.akms).toEqual([AKM_PSK]);
    const s = w.join(STA1);
    await w.pump();
    expect(s.completed).toBe(1);
  });
});
