// A non-AP MLD's new (re)association while the kernel holds it, through Mlme.onFrame with real
// frames, against a stand-in of cfg80211/mac80211's multi-link station rules at the nl80211
// request level: NEW_STATION of a held station is EEXIST; SET_STATION of a missing one ENOENT,
// with rates or capabilities while ASSOCIATED EINVAL, on a link the station lacks EINVAL;
// ADD_LINK_STA on a link it has EINVAL; REMOVE_LINK_STA of a link it lacks or of its last link
// EINVAL (ieee80211_del_link_station); MODIFY_LINK_STA of a link it lacks or with another
// address EINVAL (sta_link_apply_parameters). The entry is updated in place: the links it keeps
// updated, those it drops removed, new ones added, the AID kept, the old PTK deleted.
import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { AuthAlgorithm, buildAuth } from '../../core/ieee80211/auth.js';
import { buildAuthMultiLink } from '../../core/ieee80211/auth-multi-link.js';
import { ElementId } from '../../core/ieee80211/elements.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { buildBasicMultiLink, type PerStaProfile } from '../../core/ieee80211/multi-link.js';
import { buildStaProfileFields } from '../../core/ieee80211/sta-profile.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import type { Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { Wiphy } from '../../core/nl80211/inventory.js';
import type { ApContext, SendOutcome } from '../../plugins/mld-ap/ap-context.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { Mlme } from '../../plugins/mld-ap/mlme.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { StationTable, type ApStation } from '../../plugins/mld-ap/station-table.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { ManualClock } from '../txq/fakes.js';
import { apSettings, assocRequestFrame } from './rsn-fixture.js';

const AP_MLD = '06:4d:4c:44:00:00';
const LINK0 = linkAddress(AP_MLD, 0);
const LINK1 = linkAddress(AP_MLD, 1);
const STA_MLD = '02:00:00:00:10:00';
const STA_L0 = '02:00:00:00:10:01';
const STA_L1 = '02:00:00:00:10:02';
const STA_L1_NEW = '02:00:00:00:10:03';
const STA_L0_NEW = '02:00:00:00:10:04';
const SSID = 'wifid-mlo';
const ENOENT = 2;
const EEXIST = 17;
const EINVAL = 22;
const EOPNOTSUPP = 95;
const FLAG_ASSOCIATED = 1 << 7;

interface KernelSta { associated: boolean; aid: number; links: Map<number, string> }

/** cfg80211/mac80211's multi-link station entries, as far as the AP's commands touch them. */
class FakeMldKernel implements Nl80211Requester {
  readonly commands: string[] = [];
  readonly stations = new Map<string, KernelSta>();
  /** Commands the kernel refuses with EOPNOTSUPP (a driver without them). */
  readonly unsupported = new Set<string>();

  async request(cmd: string, attrs: Attrs_nl80211_attrs = {}): Promise<Attrs_nl80211_attrs[]> {
    const linkId = attrs.MLO_LINK_ID;
    this.commands.push(`${cmd}${linkId !== undefined ? ` ${linkId}` : ''}`);
    if (this.unsupported.has(cmd)) throw new Nl80211Error(cmd, -EOPNOTSUPP);
    const fail = (errno: number): never => { throw new Nl80211Error(cmd, -errno); };
    const flags = attrs.STA_FLAGS2 ? Buffer.from(attrs.STA_FLAGS2 as Uint8Array) : undefined;
    const applyAssociated = (s: KernelSta) => {
      if (flags && flags.readUInt32LE(0) & FLAG_ASSOCIATED) s.associated = (flags.readUInt32LE(4) & FLAG_ASSOCIATED) !== 0;
    };
    switch (cmd) {
      case 'NEW_STATION': {
        // A multi-link station: NL80211_ATTR_MLD_ADDR is its key, NL80211_ATTR_MAC its address on the link.
        const key = attrs.MLD_ADDR ?? attrs.MAC!;
        if (this.stations.has(key)) fail(EEXIST);
        const s: KernelSta = { associated: false, aid: attrs.STA_AID!, links: new Map([[linkId!, attrs.MAC!]]) };
        applyAssociated(s);
        this.stations.set(key, s);
        break;
      }
      case 'SET_STATION': {
        const s = this.stations.get(attrs.MAC!) ?? fail(ENOENT);
        if (linkId !== undefined && !s.links.has(linkId)) fail(EINVAL);
        // cfg80211_check_station_change: rates and capabilities only while not associated.
        if (s.associated && attrs.STA_SUPPORTED_RATES) fail(EINVAL);
        applyAssociated(s);
        if (attrs.STA_AID !== undefined) s.aid = attrs.STA_AID;
        break;
      }
      case 'ADD_LINK_STA': {
        const s = this.stations.get(attrs.MLD_ADDR!) ?? fail(ENOENT);
        if (s.links.has(linkId!) || !attrs.STA_SUPPORTED_RATES) fail(EINVAL);
        s.links.set(linkId!, attrs.MAC!);
        break;
      }
      case 'MODIFY_LINK_STA': {
        const s = this.stations.get(attrs.MLD_ADDR!) ?? fail(ENOENT);
        if (s.links.get(linkId!) !== attrs.MAC) fail(EINVAL);
        break;
      }
      case 'REMOVE_LINK_STA': {
        const s = this.stations.get(attrs.MLD_ADDR!) ?? fail(ENOENT);
        if (!s.links.has(linkId!) || s.links.size === 1) fail(EINVAL);
        s.links.delete(linkId!);
        break;
      }
      case 'DEL_STATION':
        if (!this.stations.delete(attrs.MAC!)) fail(ENOENT);
        break;
      case 'DEL_KEY':
        break;
      default:
        break;
    }
    return [];
  }

  links(addr: string): [number, string][] {
    return [...(this.stations.get(addr)?.links ?? new Map<number, string>())].sort((a, b) => a[0] - b[0]);
  }
}

/** Lets the MLME's promise chains run until `until` holds (a bounded number of turns). */
async function settle(until: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !until(); i++) await new Promise((r) => setImmediate(r));
}

function world() {
  const clock = new ManualClock();
  const logLines: string[] = [];
  const log = new StderrLogger('info', 'test', { write: (line: string) => { logLines.push(line); } });
  const links = [1, 6].map((channel, linkId) => {
    const settings = apSettings({ htmode: 'HT20', ssid: SSID, channel: String(channel) });
    const r = checkRadio({ ...HWSIM_WIPHY, name: 'phy0' } as Wiphy, { ...settings, channel: settings.channel! });
    if (!r.ok) throw new Error(r.problem);
    return new ApLink({ linkId, phy: 'phy0', wiphy: 0, bssid: linkAddress(AP_MLD, linkId), plan: r.plan, ssid: SSID, hidden: false, beaconIntTu: 100, dtimPeriod: 2 });
  });
  const kernel = new FakeMldKernel();
  const stations = new StationTable(10);
  const sent: Uint8Array[] = [];
  const ap: ApContext = {
    name: 'mld', ifindex: 7, link: links[0]!, links, mldAddrBytes: macFromString(AP_MLD), stations, clock, log, peerLog: new PeerLog(log, clock),
    nl: kernel, acceptsOpenSystem: true, sae: undefined,
    send: async (frame): Promise<SendOutcome> => { sent.push(frame); return 'acked'; },
    isBanned: () => false,
    checkSecurity: () => undefined,
    onAssociated: async () => undefined,
    removeFromKernel: async (sta: ApStation) => {
      if (sta.inKernel) await kernel.request('DEL_STATION', { IFINDEX: 7, MAC: sta.addr });
      sta.inKernel = false;
    },
    forgetStation: async (sta: ApStation) => { stations.remove(sta.addr); },
    emit: () => undefined,
    onAction: () => undefined,
  };
  return { mlme: new Mlme(ap), kernel, stations, sent, logLines };
}

const RATES = new Uint8Array([ElementId.SUPPORTED_RATES, 4, 0x82, 0x84, 0x8b, 0x96]);

function profile(linkId: number, staAddr: string): PerStaProfile {
  return { linkId, completeProfile: true, staAddr: macFromString(staAddr), profile: buildStaProfileFields({ capabilityInfo: 0x0431, elements: RATES }, 'assoc-request') };
}

/** A (re)association request from the station's address on `link` (0 or 1), asking also for `more`. */
function request(link: 0 | 1, sa: string, more: PerStaProfile[], reassoc: boolean): Uint8Array {
  const ml = buildBasicMultiLink({ mldAddr: macFromString(STA_MLD), mldCapabilities: 1, profiles: more });
  return assocRequestFrame({ sa, bssid: link === 0 ? LINK0 : LINK1, ssid: SSID, reassoc, elements: [ml] });
}

/** Open System authentication as the non-AP MLD on link 0, then association over links 0 and 1. */
async function associatedOverBoth(w: ReturnType<typeof world>): Promise<ApStation> {
  w.mlme.onFrame(buildAuth({ da: macFromString(LINK0), sa: macFromString(STA_L0), bssid: macFromString(LINK0), algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0, body: buildAuthMultiLink(macFromString(STA_MLD)) }));
  w.mlme.onFrame(request(0, STA_L0, [profile(1, STA_L1)], false));
  await settle(() => w.stations.get(STA_MLD)?.state === 'associated');
  expect(w.kernel.links(STA_MLD)).toEqual([[0, STA_L0], [1, STA_L1]]);
  w.kernel.commands.length = 0;
  return w.stations.get(STA_MLD)!;
}

async function reassociate(w: ReturnType<typeof world>, frame: Uint8Array): Promise<void> {
  const before = w.sent.length;
  w.mlme.onFrame(frame);
  await settle(() => w.sent.length > before);
}

describe('reassociation of a non-AP MLD the kernel holds: updated in place', () => {
  it('drops link 0 (reassociating on link 1 alone), then takes it back: REMOVE_LINK_STA, then ADD_LINK_STA; never DEL_STATION or NEW_STATION; AID kept', async () => {
    const w = world();
    const sta = await associatedOverBoth(w);
    const aid = sta.aid;
    await reassociate(w, request(1, STA_L1, [], true));
    // Port closed and ASSOCIATED cleared, old PTK gone, link 0 removed, SET_STATION on link 1 (ASSOCIATED again).
    expect(w.kernel.commands).toEqual(['SET_STATION', 'DEL_KEY', 'REMOVE_LINK_STA 0', 'SET_STATION 1']);
    expect(w.kernel.links(STA_MLD)).toEqual([[1, STA_L1]]);
    expect(w.kernel.stations.get(STA_MLD)).toMatchObject({ associated: true, aid });
    expect({ links: sta.mld!.links, aid: sta.aid, updated: w.mlme.counters.assocUpdated }).toEqual({ links: [{ linkId: 1, addr: STA_L1 }], aid, updated: 1 });

    w.kernel.commands.length = 0;
    await reassociate(w, request(1, STA_L1, [profile(0, STA_L0)], true));
    expect(w.kernel.commands).toEqual(['SET_STATION', 'DEL_KEY', 'ADD_LINK_STA 0', 'SET_STATION 1']);
    expect(w.kernel.links(STA_MLD)).toEqual([[0, STA_L0], [1, STA_L1]]);
    expect(sta.mld!.links).toEqual([{ linkId: 1, addr: STA_L1 }, { linkId: 0, addr: STA_L0 }]);
    expect(w.mlme.counters.assocUpdated).toBe(2);
    expect(w.stations.get(STA_MLD)?.state).toBe('associated');
  });

  it('keeps both links: MODIFY_LINK_STA for the other link, SET_STATION on the association link', async () => {
    const w = world();
    await associatedOverBoth(w);
    await reassociate(w, request(0, STA_L0, [profile(1, STA_L1)], true));
    expect(w.kernel.commands).toEqual(['SET_STATION', 'DEL_KEY', 'MODIFY_LINK_STA 1', 'SET_STATION 0']);
    expect(w.kernel.links(STA_MLD)).toEqual([[0, STA_L0], [1, STA_L1]]);
  });

  it('a link whose station address changed is removed and added with the new address', async () => {
    const w = world();
    const sta = await associatedOverBoth(w);
    await reassociate(w, request(0, STA_L0, [profile(1, STA_L1_NEW)], true));
    expect(w.kernel.commands).toEqual(['SET_STATION', 'DEL_KEY', 'REMOVE_LINK_STA 1', 'ADD_LINK_STA 1', 'SET_STATION 0']);
    expect(w.kernel.links(STA_MLD)).toEqual([[0, STA_L0], [1, STA_L1_NEW]]);
    expect(sta.mld!.links).toEqual([{ linkId: 0, addr: STA_L0 }, { linkId: 1, addr: STA_L1_NEW }]);
  });

  it('every link on a new address (mac80211 picks new random link addresses for each connection): each link removed and added again in turn, never the last one alone', async () => {
    const w = world();
    const sta = await associatedOverBoth(w);
    // The station authenticates again from its new link 0 address while the kernel holds it.
    sta.state = 'authorized';
    sta.pmf = true;
    w.mlme.onFrame(buildAuth({ da: macFromString(LINK0), sa: macFromString(STA_L0_NEW), bssid: macFromString(LINK0), algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0, body: buildAuthMultiLink(macFromString(STA_MLD)) }));
    await settle(() => w.sent.length >= 3);
    expect(sta.mld!.reauthAddr).toBe(STA_L0_NEW);
    w.kernel.commands.length = 0;
    await reassociate(w, request(0, STA_L0_NEW, [profile(1, STA_L1_NEW)], false));
    expect(w.kernel.commands).toEqual(['SET_STATION', 'DEL_KEY', 'REMOVE_LINK_STA 0', 'ADD_LINK_STA 0', 'REMOVE_LINK_STA 1', 'ADD_LINK_STA 1', 'SET_STATION 0']);
    expect(w.kernel.links(STA_MLD)).toEqual([[0, STA_L0_NEW], [1, STA_L1_NEW]]);
    expect({ links: sta.mld!.links, linkAddr: sta.mld!.linkAddr, reauthAddr: sta.mld!.reauthAddr }).toEqual({ links: [{ linkId: 0, addr: STA_L0_NEW }, { linkId: 1, addr: STA_L1_NEW }], linkAddr: STA_L0_NEW, reauthAddr: undefined });
  });

  it('reassociates on link 1 alone from a new address (every link changed): link 1 replaced first, link 0 removed last, never the last link alone', async () => {
    const w = world();
    const sta = await associatedOverBoth(w);
    sta.state = 'authorized';
    sta.pmf = true;
    w.mlme.onFrame(buildAuth({ da: macFromString(LINK1), sa: macFromString(STA_L1_NEW), bssid: macFromString(LINK1), algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0, body: buildAuthMultiLink(macFromString(STA_MLD)) }));
    await settle(() => w.sent.length >= 3);
    w.kernel.commands.length = 0;
    await reassociate(w, request(1, STA_L1_NEW, [], false));
    expect(w.kernel.commands).toEqual(['SET_STATION', 'DEL_KEY', 'REMOVE_LINK_STA 1', 'ADD_LINK_STA 1', 'REMOVE_LINK_STA 0', 'SET_STATION 1']);
    expect(w.kernel.links(STA_MLD)).toEqual([[1, STA_L1_NEW]]);
    expect(w.mlme.counters.assocUpdated).toBe(1);
  });

  it('moves the association to link 1 while keeping link 0: ADD nothing, MODIFY link 0, SET_STATION on link 1', async () => {
    const w = world();
    await associatedOverBoth(w);
    await reassociate(w, request(1, STA_L1, [profile(0, STA_L0)], true));
    expect(w.kernel.commands).toEqual(['SET_STATION', 'DEL_KEY', 'MODIFY_LINK_STA 0', 'SET_STATION 1']);
    expect(w.kernel.links(STA_MLD)).toEqual([[0, STA_L0], [1, STA_L1]]);
  });

  it('a kernel refusing a step (no MODIFY_LINK_STA): the entry is removed and added anew with its links', async () => {
    const w = world();
    const sta = await associatedOverBoth(w);
    w.kernel.unsupported.add('MODIFY_LINK_STA');
    await reassociate(w, request(0, STA_L0, [profile(1, STA_L1)], true));
    expect(w.kernel.commands).toEqual(['SET_STATION', 'DEL_KEY', 'MODIFY_LINK_STA 1', 'DEL_STATION', 'NEW_STATION 0', 'ADD_LINK_STA 1']);
    expect(w.kernel.links(STA_MLD)).toEqual([[0, STA_L0], [1, STA_L1]]);
    expect({ links: sta.mld!.links, inKernel: sta.inKernel, updated: w.mlme.counters.assocUpdated }).toEqual({ links: [{ linkId: 0, addr: STA_L0 }, { linkId: 1, addr: STA_L1 }], inKernel: true, updated: 0 });
    expect(w.logLines.join('\n')).toMatch(/updating the non-AP MLD's entry refused/);
  });
});
