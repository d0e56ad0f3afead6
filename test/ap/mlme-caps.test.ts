// The capability part of the MLME's association handling, driven through Mlme.onFrame with
// real frames and a recording ApContext (frames sent, nl80211 requests made): NEW_STATION
// carries the station's HT/HE Capabilities and WMM, the response the BSS's operation
// elements and WMM Parameter element; a malformed HT Capabilities element is answered with
// status 40 and counted.
import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { AuthAlgorithm, buildAuth } from '../../core/ieee80211/auth.js';
import { ElementExtId, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { Wiphy } from '../../core/nl80211/inventory.js';
import type { ApContext, SendOutcome } from '../../plugins/mld-ap/ap-context.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { Mlme } from '../../plugins/mld-ap/mlme.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { StationTable, type ApStation } from '../../plugins/mld-ap/station-table.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { CAPTURE_STA, capturedMgmt } from '../ieee80211/open-assoc-capture.js';
import { hex, toHex } from '../ieee80211/hex.js';
import { apSettings, assocRequestFrame } from './rsn-fixture.js';

const BSSID = '02:00:00:00:00:00';
const STA = '02:00:00:00:01:00';
const probe = capturedMgmt(MgmtSubtype.PROBE_REQ, CAPTURE_STA);
const probeEl = (pred: (e: { id: number; extId?: number }) => boolean) => {
  const e = parseElements(probe.subarray(24)).find(pred)!;
  return probe.subarray(24 + e.offset, 24 + e.offset + 2 + e.data.length);
};
const HT = probeEl((e) => e.id === ElementId.HT_CAPABILITIES);
const HE = probeEl((e) => e.extId === ElementExtId.HE_CAPABILITIES);
const WMM_INFO = hex('dd070050f20200010f');

function world() {
  const clock = { now: () => 0, setTimer: () => 0 as never, clearTimer: () => undefined };
  const log = new StderrLogger('error', 'test', { write: () => {} });
  const settings = apSettings({ htmode: 'HE40', ssid: 'wifid-caps' });
  const r = checkRadio({ ...HWSIM_WIPHY, name: 'phy0' } as Wiphy, { ...settings, channel: settings.channel! });
  if (!r.ok) throw new Error(r.problem);
  const link = new ApLink({ phy: 'phy0', wiphy: 0, bssid: BSSID, plan: r.plan, ssid: 'wifid-caps', hidden: false, beaconIntTu: 100, dtimPeriod: 2 });
  const sent: Uint8Array[] = [];
  const requests: { cmd: string; attrs: Attrs_nl80211_attrs }[] = [];
  const stations = new StationTable(10);
  const ap: ApContext = {
    name: 'caps', ifindex: 7, link, links: [link], mldAddrBytes: undefined, stations, clock, log, peerLog: new PeerLog(log, clock),
    nl: { request: async (cmd, attrs = {}) => { requests.push({ cmd, attrs }); return []; } },
    acceptsOpenSystem: true, sae: undefined,
    send: async (frame): Promise<SendOutcome> => { sent.push(frame); return 'acked'; },
    isBanned: () => false,
    checkSecurity: () => undefined,
    onAssociated: async () => undefined,
    removeFromKernel: async (sta: ApStation) => { sta.inKernel = false; },
    forgetStation: async (sta: ApStation) => { stations.remove(sta.addr); },
    emit: () => undefined,
    onAction: () => undefined,
  };
  const mlme = new Mlme(ap);
  mlme.onFrame(buildAuth({ da: macFromString(BSSID), sa: macFromString(STA), bssid: macFromString(BSSID), algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0 }));
  return { mlme, sent, requests, stations };
}

async function settle(until: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !until(); i++) await new Promise((r) => setImmediate(r));
}

/** Status and elements of an association response (header 24, capability, status, AID). */
function response(frame: Uint8Array) {
  return { status: frame[26]! | (frame[27]! << 8), elements: parseElements(frame.subarray(30)) };
}

describe('MLME association: capabilities', () => {
  it('an HE station with WMM: NEW_STATION with its HT and HE Capabilities, WME flag and U-APSD; the response with HT/HE operation and WMM', async () => {
    const w = world();
    w.mlme.onFrame(assocRequestFrame({ sa: STA, bssid: BSSID, ssid: 'wifid-caps', elements: [HT, HE, WMM_INFO] }));
    await settle(() => w.sent.length >= 2);
    const add = w.requests.find((r) => r.cmd === 'NEW_STATION')!;
    expect(toHex(add.attrs.HT_CAPABILITY!)).toBe(toHex(HT.subarray(2)));
    expect(toHex(add.attrs.HE_CAPABILITY!)).toBe(toHex(HE.subarray(3)));
    expect(add.attrs.STA_WME).toEqual({ UAPSD_QUEUES: 0x0f, MAX_SP: 0 });
    // struct nl80211_sta_flag_update: mask, then set; WME is bit 3 (NL80211_STA_FLAG_WME).
    const set = new DataView(add.attrs.STA_FLAGS2!.buffer, add.attrs.STA_FLAGS2!.byteOffset).getUint32(4, true);
    expect(set & (1 << 3)).toBe(1 << 3);
    const r = response(w.sent[1]!);
    expect(r.status).toBe(StatusCode.SUCCESS);
    const ids = r.elements.map((e) => (e.extId !== undefined ? `255/${e.extId}` : String(e.id)));
    expect(ids).toEqual(expect.arrayContaining(['45', '61', '127', '255/35', '255/36', '221']));
  });

  it('a station without WMM: no capabilities passed, no WMM Parameter element in the response', async () => {
    const w = world();
    w.mlme.onFrame(assocRequestFrame({ sa: STA, bssid: BSSID, ssid: 'wifid-caps', elements: [HT, HE] }));
    await settle(() => w.sent.length >= 2);
    const add = w.requests.find((r) => r.cmd === 'NEW_STATION')!;
    expect([add.attrs.HT_CAPABILITY, add.attrs.HE_CAPABILITY, add.attrs.STA_WME]).toEqual([undefined, undefined, undefined]);
    expect(response(w.sent[1]!).elements.some((e) => e.id === ElementId.VENDOR_SPECIFIC)).toBe(false);
  });

  it('an HT Capabilities element of 25 octets: status 40, counted, no NEW_STATION', async () => {
    const w = world();
    const shortHt = HT.slice(0, 27);
    shortHt[1] = 25;
    w.mlme.onFrame(assocRequestFrame({ sa: STA, bssid: BSSID, ssid: 'wifid-caps', elements: [shortHt, WMM_INFO] }));
    await settle(() => w.sent.length >= 2);
    expect(response(w.sent[1]!)).toMatchObject({ status: StatusCode.STATUS_INVALID_ELEMENT });
    expect(w.mlme.counters.assocRefused).toBe(1);
    expect(w.mlme.counters.bad.assoc).toBe(1);
    expect(w.requests.some((r) => r.cmd === 'NEW_STATION')).toBe(false);
    expect(w.stations.get(STA)?.aid).toBeUndefined();
  });

  it('a malformed request from a station that never authenticated is only counted', async () => {
    const w = world();
    const shortHt = HT.slice(0, 27);
    shortHt[1] = 25;
    w.mlme.onFrame(assocRequestFrame({ sa: '02:00:00:00:02:00', bssid: BSSID, ssid: 'wifid-caps', elements: [shortHt] }));
    await settle(() => w.mlme.counters.bad.assoc > 0);
    expect(w.mlme.counters.bad.assoc).toBe(1);
    expect(w.sent).toHaveLength(1); // the authentication reply of world()'s station only
  });
});
