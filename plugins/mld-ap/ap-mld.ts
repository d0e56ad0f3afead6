// An AP MLD (issue 17): one AP netdev whose address is the MLD address, one link per
// `list link` (ADD_LINK with a derived link address), each link beaconing on its channel
// (START_AP with the link id) with the Basic Multi-Link element and the Reduced Neighbor
// Report of the other links (mld-elements.ts). The kernel side is core/nl80211/mld-commands.ts.
// This version brings the MLD up, reports it per link and takes it down; clients (MLME
// per link, multi-link association, RSN over the MLD) come next: no frames are registered,
// so the MLD beacons but answers no authentication.
import { textEncoder } from '../../core/ieee80211/byte-writer.js';
import { AuthType, startAp } from '../../core/nl80211/ap-commands.js';
import { addLink, apMldRefusal, newApMldInterface } from '../../core/nl80211/mld-commands.js';
import { setLinkUp } from '../../core/netdev/link-up.js';
import { ApError } from './errors.js';
import { ApInstance } from './ap-instance.js';
import { ApLink } from './ap-link.js';
import { apLinks } from './config.js';
import { mldLinkElements, type MldLinkInfo } from './mld-elements.js';
import { formatLinkSpec, linkAddress, mldAddress } from './mld-config.js';
import { checkRadio } from './radio-checks.js';

export class ApMld extends ApInstance {
  /** The MLD address while the MLD is up. */
  mldAddr: string | undefined;
  /** The links by link id (0.. in `list link` order) while the MLD is up. */
  private mldLinks: ApLink[] = [];

  get links(): readonly ApLink[] {
    return this.mldLinks;
  }

  /** The first link: what the single-link views (status's bssid/freq) show of the MLD. */
  override get link(): ApLink {
    const first = this.mldLinks[0];
    if (!first) throw new ApError('NOT_FOUND', `AP ${this.name} is not running`);
    return first;
  }

  override get hasLink(): boolean {
    return this.mldLinks.length > 0;
  }

  override async start(): Promise<void> {
    await super.start();
    if (this.state === 'failed') this.forgetLinks();
  }

  override async stop(): Promise<void> {
    await super.stop();
    this.forgetLinks();
  }

  override gone(why: string): void {
    super.gone(why);
    this.forgetLinks();
  }

  private forgetLinks(): void {
    this.mldLinks = [];
    this.mldAddr = undefined;
  }

  protected override async bringUp(): Promise<void> {
    const s = this.settings;
    const nl = this.nl;
    if (s.encryption !== 'none') throw new Error(`encryption ${s.encryption} on an AP MLD is not available yet (open AP MLDs only in this version)`);
    const specs = apLinks(s);
    const phys = [...new Set(specs.map((l) => l.phy))];
    // One netdev per MLD, and a netdev belongs to one wiphy: the links of an MLD share it.
    if (phys.length > 1) throw new Error(`the links of an AP MLD must be on one wiphy (Linux makes one netdev per MLD), got ${phys.join(', ')}`);
    const wiphy = nl.wiphy(phys[0]!);
    if (!wiphy) throw new Error(`unknown phy '${phys[0]}' (known: ${nl.wiphys().map((w) => w.name).join(', ') || 'none'})`);
    const refusal = apMldRefusal(wiphy);
    if (refusal) throw new Error(refusal);
    const plans = specs.map((spec) => {
      const r = checkRadio(wiphy, { band: s.band, ...spec });
      if (!r.ok) throw new Error(`link ${formatLinkSpec(spec)}: ${r.problem}`);
      return r.plan;
    });
    const freqs = plans.map((p) => p.freq);
    const twice = freqs.find((f, i) => freqs.indexOf(f) !== i);
    if (twice !== undefined) throw new Error(`two links on ${twice} MHz: the links of an AP MLD need different channels`);
    if (nl.iface({ ifname: this.ifname })) throw new Error(`an interface named ${this.ifname} exists already`);

    const mldAddr = mldAddress(this.name, s.mld_addr);
    const created = await newApMldInterface(nl, wiphy.index, this.ifname, mldAddr);
    this.ifindex = created.ifindex;
    this.wdev = created.wdev;
    this.mldAddr = created.addr;
    const links = plans.map((plan, linkId) => new ApLink({
      linkId, phy: wiphy.name, wiphy: wiphy.index, bssid: linkAddress(mldAddr, linkId), plan, ssid: s.ssid, hidden: s.hidden,
      beaconIntTu: s.beacon_int, dtimPeriod: s.dtim_period,
    }));
    const info: MldLinkInfo[] = links.map((l) => ({ linkId: l.linkId!, bssid: l.bssid, band: l.setup.plan.band, channel: l.setup.plan.channel, changeCount: 0 }));
    const ssid = textEncoder.encode(s.ssid);
    for (const [i, l] of links.entries()) l.template.extraTail = mldLinkElements(mldAddr, ssid, info[i]!, info);
    this.mldLinks = links;
    // ADD_LINK wants the netdev up (ENETDOWN otherwise).
    await setLinkUp(created.ifindex);
    for (const l of links) await addLink(nl, created.ifindex, l.linkId!, l.bssid);
    for (const l of links) {
      await startAp(nl, {
        ifindex: created.ifindex,
        beacon: l.beacon(),
        beaconIntTu: s.beacon_int,
        dtimPeriod: s.dtim_period,
        ssid,
        hidden: s.hidden ? 'ZERO_LEN' : 'NOT_IN_USE',
        channel: l.channel,
        authType: AuthType.OPEN_SYSTEM,
        crypto: { privacy: false },
      });
      l.beaconUpdates++;
    }
    this.log.notice(`AP MLD ${this.ifname} (${mldAddr}): ${links.map((l) => `link ${l.linkId} ${l.bssid} on ${l.setup.phy} channel ${l.setup.plan.channel}`).join(', ')}`);
  }
}
