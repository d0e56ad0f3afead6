// Repeated (re)association requests through Mlme.onFrame, with the RSN authenticator and
// core/rsn's FourWaySupplicant as the station, and the kernel faked at the nl80211 request
// level with cfg80211's station rules: NEW_STATION of a station it holds is EEXIST,
// SET_STATION of one it lacks ENOENT, new rates/capabilities for an associated station
// EINVAL. A retransmission (Retry bit, same sequence control) is discarded; a second
// request with a new sequence number updates the station (never a second NEW_STATION) and
// the first association's 4-way handshake gives way to the second's.
import { describe, expect, it } from 'vitest';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import { AuthAlgorithm, buildAuth } from '../../core/ieee80211/auth.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { AKM_PSK, CIPHER_CCMP, encodeRsne } from '../../core/ieee80211/rsn-element.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import { delStation, type Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { FourWaySupplicant } from '../../core/rsn/supplicant.js';
import type { ApContext, SendOutcome } from '../../plugins/mld-ap/ap-context.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { ApRsn, bssPsk } from '../../plugins/mld-ap/ap-rsn.js';
import { bssRsnConfig } from '../../plugins/mld-ap/bss-rsn.js';
import { Mlme } from '../../plugins/mld-ap/mlme.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { checkStationRsn } from '../../plugins/mld-ap/sta-rsn-check.js';
import { StationTable, type ApStation } from '../../plugins/mld-ap/station-table.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { ManualClock, settle, silentLogger } from '../txq/fakes.js';
import { apSettings, assocRequestFrame } from './rsn-fixture.js';

const BSSID = '02:00:00:00:00:00';
const STA = '02:00:00:00:01:00';
const SSID = 'wifid-rsn';
const PASSPHRASE = 'correct horse battery';
const EEXIST = 17;
const ENOENT = 2;
const EINVAL = 22;
const FLAG_AUTHORIZED = 1 << 1;
const FLAG_ASSOCIATED = 1 << 7;

/** cfg80211/mac80211's station entries and pairwise keys, as far as the AP's commands touch them. */
class FakeKernel implements Nl80211Requester {
  readonly commands: string[] = [];
  readonly stations = new Map<string, { associated: boolean; authorized: boolean; aid: number }>();
  readonly pairwise = new Map<string, Uint8Array>();

  async request(cmd: string, attrs: Attrs_nl80211_attrs = {}): Promise<Attrs_nl80211_attrs[]> {
    this.commands.push(cmd);
    const mac = attrs.MAC;
    const flags = attrs.STA_FLAGS2 ? Buffer.from(attrs.STA_FLAGS2 as Uint8Array) : undefined;
    const apply = (s: { associated: boolean; authorized: boolean }) => {
      if (!flags) return;
      const mask = flags.readUInt32LE(0);
      const set = flags.readUInt32LE(4);
      if (mask & FLAG_ASSOCIATED) s.associated = (set & FLAG_ASSOCIATED) !== 0;
      if (mask & FLAG_AUTHORIZED) s.authorized = (set & FLAG_AUTHORIZED) !== 0;
    };
    switch (cmd) {
      case 'NEW_STATION': {
        if (this.stations.has(mac!)) throw new Nl80211Error(cmd, -EEXIST);
        const s = { associated: false, authorized: false, aid: attrs.STA_AID! };
        apply(s);
        this.stations.set(mac!, s);
        break;
      }
      case 'SET_STATION': {
        const s = this.stations.get(mac!);
        if (!s) throw new Nl80211Error(cmd, -ENOENT);
        // cfg80211_check_station_change: rates and capabilities only while not associated.
        if (s.associated && (attrs.STA_SUPPORTED_RATES || attrs.HT_CAPABILITY)) throw new Nl80211Error(cmd, -EINVAL);
        apply(s);
        if (attrs.STA_AID !== undefined) s.aid = attrs.STA_AID;
        break;
      }
      case 'DEL_STATION':
        if (!this.stations.delete(mac!)) throw new Nl80211Error(cmd, -ENOENT);
        this.pairwise.delete(mac!);
        break;
      case 'NEW_KEY':
        if (mac) this.pairwise.set(mac, (attrs.KEY as { DATA: Uint8Array }).DATA);
        break;
      case 'GET_KEY':
        return [{ KEY_IDX: attrs.KEY_IDX, KEY_SEQ: new Uint8Array(6) }];
      case 'DEL_KEY':
        if (mac && !this.pairwise.delete(mac)) throw new Nl80211Error(cmd, -ENOENT);
        break;
      default:
        break;
    }
    return [];
  }
}

async function world() {
  const settings = apSettings({ key: PASSPHRASE, encryption: 'psk2' });
  const cfg = bssRsnConfig(settings)!;
  const radio = checkRadio(HWSIM_WIPHY, { ...settings, channel: settings.channel! });
  if (!radio.ok) throw new Error(radio.problem);
  const clock = new ManualClock();
  const kernel = new FakeKernel();
  const stations = new StationTable(16);
  const link = new ApLink({ phy: 'phy0', wiphy: 0, bssid: BSSID, plan: radio.plan, ssid: SSID, hidden: false, beaconIntTu: 100, dtimPeriod: 2, rsne: cfg.rsne });
  /** Management frames sent; each waits for its TX status until `ackAll` (or `autoAck`). */
  const sent: Array<{ frame: Uint8Array; ack: (o: SendOutcome) => void }> = [];
  let autoAck = true;
  const toStation: Uint8Array[] = [];
  const events: string[] = [];
  const removeFromKernel = async (sta: ApStation): Promise<void> => {
    if (!sta.inKernel) return;
    sta.inKernel = false;
    await delStation(kernel, 3, sta.addr).catch(() => undefined);
  };
  const forgetStation = async (sta: ApStation): Promise<void> => {
    if (stations.get(sta.addr) !== sta) return;
    stations.remove(sta.addr);
    sta.authenticator?.stop();
    await removeFromKernel(sta);
  };
  const rsn = new ApRsn({
    ifindex: 3, link, links: [link], mldAddr: undefined, stations, nl: kernel, clock, log: silentLogger, peerLog: new PeerLog(silentLogger, clock),
    sendEapol: async (_addr, pdu) => { toStation.push(pdu); },
    forgetStation,
    emit: (event) => events.push(event),
  }, cfg, bssPsk(settings), 0);
  await rsn.start();
  const ap: ApContext = {
    name: 'reassoc', ifindex: 3, link, links: [link], mldAddrBytes: undefined, stations, clock, log: silentLogger, peerLog: new PeerLog(silentLogger, clock),
    nl: kernel, acceptsOpenSystem: true, sae: undefined,
    send: (frame) => new Promise<SendOutcome>((resolve) => {
      sent.push({ frame, ack: resolve });
      if (autoAck) resolve('acked');
    }),
    isBanned: () => false,
    // What ApInstance.checkSecurity does for a PSK BSS.
    checkSecurity: (req, sta) => {
      const check = checkStationRsn(cfg, req);
      if (!check.ok) return { status: check.status, why: check.why };
      Object.assign(sta, { akm: check.agreed.akm, pmf: check.agreed.pmf, pairwiseCipher: check.agreed.pairwiseCipher, rsnxe: req.rsnxeElement });
      return undefined;
    },
    onAssociated: async (sta) => { rsn.startHandshake(sta); },
    removeFromKernel,
    forgetStation,
    emit: () => undefined,
    onAction: () => undefined,
  };
  const mlme = new Mlme(ap);
  const staRsne = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_PSK], capabilities: 0, pmkids: [] });
  const toAp: Uint8Array[] = [];
  const station = { completed: 0, ptk: undefined as Uint8Array | undefined };
  const supplicant = new FourWaySupplicant({
    aa: macFromString(BSSID), spa: macFromString(STA), akm: AKM_PSK, pairwiseCipher: CIPHER_CCMP, pmk: pskFromPassphrase(PASSPHRASE, SSID),
    staRsne, apRsne: cfg.rsne,
    send: async (pdu) => { toAp.push(pdu); },
    installPtk: async (tk) => { station.ptk = tk; },
    installGroupKey: async () => undefined,
    events: { completed: () => station.completed++, groupRekeyed: () => undefined, failed: (r) => { throw new Error(`supplicant failed: ${r}`); } },
  });

  /** An association request with sequence number `seq`, the Retry bit set if `retry`. */
  function assocRequest(seq: number, retry = false): Uint8Array {
    const f = assocRequestFrame({ sa: STA, bssid: BSSID, ssid: SSID, elements: [staRsne] });
    if (retry) f[1]! |= 0x08;
    f[22] = (seq << 4) & 0xff;
    f[23] = seq >> 4;
    return f;
  }
  function authenticate(): void {
    mlme.onFrame(buildAuth({ da: macFromString(BSSID), sa: macFromString(STA), bssid: macFromString(BSSID), algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0 }));
  }
  /** Carries EAPOL both ways until nothing is in flight. */
  async function pump(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      await settle();
      if (toStation.length === 0 && toAp.length === 0) return;
      for (const pdu of toStation.splice(0)) supplicant.receive(pdu);
      await settle();
      for (const pdu of toAp.splice(0)) rsn.onEapol(STA, pdu);
    }
    throw new Error('EAPOL still flowing after 50 rounds');
  }
  const responses = () => sent.map((s) => s.frame).filter((f) => f[0] === 0x10).map((f) => ({ status: f[26]! | (f[27]! << 8), aid: (f[28]! | (f[29]! << 8)) & 0x3fff }));
  return {
    mlme, kernel, stations, rsn, sent, toStation, toAp, station, supplicant, events, clock, assocRequest, authenticate, pump, responses,
    holdAcks: () => { autoAck = false; },
    ackAll: () => { autoAck = true; for (const s of sent) s.ack('acked'); },
  };
}

describe('MLME: repeated (re)association requests', () => {
  it('a retransmission (Retry bit, same sequence control) is discarded: one NEW_STATION, one response, one 4-way handshake', async () => {
    const w = await world();
    w.authenticate();
    w.mlme.onFrame(w.assocRequest(7));
    w.mlme.onFrame(w.assocRequest(7, true));
    await w.pump();
    expect(w.mlme.counters.duplicates).toBe(1);
    expect(w.kernel.commands.filter((c) => c === 'NEW_STATION')).toHaveLength(1);
    expect(w.responses()).toEqual([{ status: StatusCode.SUCCESS, aid: 1 }]);
    expect(w.station.completed).toBe(1);
    expect(w.kernel.stations.get(STA)).toMatchObject({ associated: true, authorized: true });
  });

  it('the Retry bit with a new sequence number, or the same number without it, is a new request', async () => {
    const w = await world();
    w.authenticate();
    w.mlme.onFrame(w.assocRequest(7));
    await w.pump();
    w.mlme.onFrame(w.assocRequest(8, true));
    await w.pump();
    w.mlme.onFrame(w.assocRequest(8));
    await w.pump();
    expect(w.mlme.counters.duplicates).toBe(0);
    expect(w.responses()).toHaveLength(3);
    expect(w.mlme.counters.assocUpdated).toBe(2);
  });

  it('a second request with a new sequence number while the first awaits its TX status: the entry is updated with SET_STATION (never NEW_STATION twice), the AID kept, the first 4-way gives way to the second', async () => {
    const w = await world();
    w.authenticate();
    w.holdAcks();
    w.mlme.onFrame(w.assocRequest(7));
    await settle();
    // The station's retry timer fires before the response's TX status came back.
    w.mlme.onFrame(w.assocRequest(8));
    await settle();
    expect(w.responses()).toHaveLength(1);
    w.ackAll();
    await settle();
    // The first association's message 1 went out, then the second association replaced it.
    await w.pump();
    expect(w.kernel.commands.filter((c) => c === 'NEW_STATION')).toHaveLength(1);
    const second = w.kernel.commands.slice(w.kernel.commands.indexOf('NEW_STATION') + 1);
    expect(second.slice(0, 3)).toEqual(['SET_STATION', 'DEL_KEY', 'SET_STATION']);
    expect(w.responses()).toEqual([{ status: StatusCode.SUCCESS, aid: 1 }, { status: StatusCode.SUCCESS, aid: 1 }]);
    expect(w.station.completed).toBe(1);
    expect(w.kernel.stations.get(STA)).toEqual({ associated: true, authorized: true, aid: 1 });
    expect(Buffer.from(w.kernel.pairwise.get(STA)!).equals(Buffer.from(w.station.ptk!))).toBe(true);
    expect(w.events).toEqual(['authorized']);
    expect(w.mlme.counters.assocUpdated).toBe(1);
    // Nothing of the first handshake is left to retransmit.
    w.clock.advance(10_000);
    await w.pump();
    expect(w.toStation).toHaveLength(0);
    expect(w.stations.get(STA)?.state).toBe('authorized');
  });

  it('a second request in the middle of the 4-way handshake: the first handshake stops, its late message 2 fails the new MIC and is dropped, the new one completes', async () => {
    const w = await world();
    w.authenticate();
    w.mlme.onFrame(w.assocRequest(7));
    await settle();
    // Message 1 of the first handshake reaches the station; its message 2 is held back.
    expect(w.toStation).toHaveLength(1);
    for (const pdu of w.toStation.splice(0)) w.supplicant.receive(pdu);
    await settle();
    const lateMsg2 = w.toAp.splice(0);
    expect(lateMsg2).toHaveLength(1);
    w.mlme.onFrame(w.assocRequest(8));
    await settle();
    // The new handshake's message 1 is out; the old message 2 arrives now: its MIC is of the old ANonce's PTK.
    expect(w.toStation).toHaveLength(1);
    w.rsn.onEapol(STA, lateMsg2[0]!);
    await w.pump();
    expect(w.station.completed).toBe(1);
    expect(w.kernel.commands.filter((c) => c === 'NEW_STATION')).toHaveLength(1);
    expect(w.kernel.stations.get(STA)).toMatchObject({ associated: true, authorized: true });
    expect(w.rsn.counters).toMatchObject({ handshakesCompleted: 1, handshakesFailed: 0, micFailures: 1 });
  });

  it('requests arriving while one is handled: only the newest waits, the others are counted as superseded', async () => {
    const w = await world();
    w.authenticate();
    w.holdAcks();
    w.mlme.onFrame(w.assocRequest(1));
    await settle();
    for (const seq of [2, 3, 4]) w.mlme.onFrame(w.assocRequest(seq));
    w.ackAll();
    await w.pump();
    w.ackAll();
    await w.pump();
    expect(w.mlme.counters.assocSuperseded).toBe(2);
    expect(w.responses()).toHaveLength(2);
    expect(w.station.completed).toBe(1);
  });

  it('an authorized station that associates again and then leaves still costs a group rekey (it held the GTK)', async () => {
    const w = await world();
    w.authenticate();
    w.mlme.onFrame(w.assocRequest(1));
    await w.pump();
    w.toAp.length = 0;
    w.mlme.onFrame(w.assocRequest(2));
    await settle();
    w.toStation.length = 0;
    const sta = w.stations.get(STA)!;
    w.stations.remove(STA);
    sta.authenticator?.stop();
    await w.pump();
    expect(w.rsn.counters.groupRekeys).toBe(1);
  });
});
