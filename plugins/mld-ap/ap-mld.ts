// An AP MLD (issue 17): one AP netdev whose address is the MLD address, one link per
// `list link` (ADD_LINK with a derived link address), each link beaconing on its channel
// (START_AP with the link id) with the Basic Multi-Link element and the Reduced Neighbor
// Report of the other links (mld-elements.ts). The kernel side is core/nl80211/mld-commands.ts.
// This version brings the MLD up, reports it per link, adds and removes links while it
// runs (wifid.ap add_link / remove_link: the removal announced with the Reconfiguration
// Multi-Link element's AP Removal Timer, counted down each beacon interval with
// SET_BEACON) and takes it down. Clients: the MLME (mlme.ts) answers on the link a frame
// came in on; non-AP MLDs authenticate (SAE between the MLD addresses) and associate over
// several links (mlo-association.ts), legacy stations on any one link; RSN keeps group
// keys per link.
import { textEncoder } from '../../core/ieee80211/byte-writer.js';
import { AuthType, registerApFrames, startAp } from '../../core/nl80211/ap-commands.js';
import { setBeacon, stopAp } from '../../core/nl80211/ap-commands.js';
import { addLink, apMldRefusal, newApMldInterface, removeLink, removeLinkStation } from '../../core/nl80211/mld-commands.js';
import { buildDisassoc } from '../../core/ieee80211/deauth.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { ReasonCode } from '../../core/ieee80211/reason-codes.js';
import type { TimerHandle } from '../../core/txq/clock.js';
import { setLinkUp } from '../../core/netdev/link-up.js';
import { ApError } from './errors.js';
import { EXT_CAP_BEACON_PROTECTION, withExtendedCapability } from './bss-rsn.js';
import { ApInstance, type ApServices } from './ap-instance.js';
import { ApLink } from './ap-link.js';
import { apLinks, usesSae, type ApSettings, type HtMode } from './config.js';
import { mldLinkElements, type MldLinkInfo } from './mld-elements.js';
import { formatLinkSpec, linkAddress, mldAddress, type LinkSpec } from './mld-config.js';
import { planAddedLink, planLink, type HeldLink } from './link-plan.js';
import type { RadioPlan } from './radio-checks.js';
import type { ApStation } from './station-table.js';

/** remove_link's default announcement: the AP Removal Timer starts at 10 TBTTs (about 1 s at 100 TU). */
export const DEFAULT_ANNOUNCE_TBTT = 10;
/** Longest announcement remove_link takes, TBTTs (the timer field holds 65535; a minute and more at 100 TU is plenty). */
export const MAX_ANNOUNCE_TBTT = 600;
/** 1 TU = 1024 µs. */
const TU_MS = 1.024;

export class ApMld extends ApInstance {
  /** The MLD address while the MLD is up. */
  mldAddr: string | undefined;
  /** The links by link id while the MLD is up (0.. in `list link` order at start, then as added). */
  private mldLinks: ApLink[] = [];
  /** The wiphy of the MLD's links while it is up. */
  private wiphyName: string | undefined;
  private wiphyIndex = 0;
  /** The AP Removal Timer's beacon-interval timer of each link being removed. */
  private readonly removalTimers = new Map<number, TimerHandle>();
  /** Serialises add_link, remove_link and the countdown ticks: one change of the link set at a time. */
  private linkOps: Promise<unknown> = Promise.resolve();

  constructor(name: string, settings: ApSettings, ifname: string, private readonly services: ApServices) {
    super(name, settings, ifname, services);
  }

  override get links(): readonly ApLink[] {
    return this.mldLinks;
  }

  override get mldAddrBytes(): Uint8Array | undefined {
    return this.mldAddr ? macFromString(this.mldAddr) : undefined;
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
    this.clearRemovalTimers();
    await super.stop();
    this.forgetLinks();
  }

  override gone(why: string): void {
    super.gone(why);
    this.forgetLinks();
  }

  private forgetLinks(): void {
    this.clearRemovalTimers();
    this.mldLinks = [];
    this.mldAddr = undefined;
    this.wiphyName = undefined;
  }

  private clearRemovalTimers(): void {
    for (const t of this.removalTimers.values()) this.clock.clearTimer(t);
    this.removalTimers.clear();
  }

  protected override async bringUp(): Promise<void> {
    const s = this.settings;
    const nl = this.nl;
    const specs = apLinks(s).map(withEhtDefault);
    const phys = [...new Set(specs.map((l) => l.phy))];
    // One netdev per MLD, and a netdev belongs to one wiphy: the links of an MLD share it.
    if (phys.length > 1) throw new Error(`the links of an AP MLD must be on one wiphy (Linux makes one netdev per MLD), got ${phys.join(', ')}`);
    const wiphy = nl.wiphy(phys[0]!);
    if (!wiphy) throw new Error(`unknown phy '${phys[0]}' (known: ${nl.wiphys().map((w) => w.name).join(', ') || 'none'})`);
    const refusal = apMldRefusal(wiphy);
    if (refusal) throw new Error(refusal);
    const held: HeldLink[] = [];
    const plans = specs.map((spec, linkId) => {
      const r = planLink(wiphy, s.band, spec, held);
      if (!r.ok) throw new Error(r.problem);
      held.push({ linkId, channel: r.plan.channelPlan.chandef });
      return r.plan;
    });
    if (nl.iface({ ifname: this.ifname })) throw new Error(`an interface named ${this.ifname} exists already`);

    const mldAddr = mldAddress(this.name, s.mld_addr);
    const created = await newApMldInterface(nl, wiphy.index, this.ifname, mldAddr);
    this.ifindex = created.ifindex;
    this.wdev = created.wdev;
    this.mldAddr = created.addr;
    this.wiphyName = wiphy.name;
    this.wiphyIndex = wiphy.index;
    this.mldLinks = plans.map((plan, linkId) => this.newLink(linkId, plan));
    this.refreshElements();
    if (usesSae(s.encryption)) this.saeNow = await this.newSaeResponder(this.mldLinks[0]!);
    this.listen(created.ifindex);
    // ADD_LINK wants the netdev up (ENETDOWN otherwise).
    await setLinkUp(created.ifindex);
    for (const l of this.mldLinks) await addLink(nl, created.ifindex, l.linkId!, l.bssid);
    await registerApFrames(nl, created.ifindex);
    // Group keys per link (NEW_KEY with the link id) before the first beacon.
    if (this.rsn) await this.startRsn(this.rsn);
    for (const l of this.mldLinks) await this.startLink(l);
    this.startInactivityChecks();
    this.log.notice(`AP MLD ${this.ifname} (${mldAddr}): ${this.mldLinks.map((l) => `link ${l.linkId} ${l.bssid} on ${l.setup.phy} channel ${l.setup.plan.channel}`).join(', ')}`);
  }

  private newLink(linkId: number, plan: RadioPlan): ApLink {
    const s = this.settings;
    return new ApLink({
      linkId, phy: this.wiphyName!, wiphy: this.wiphyIndex, bssid: linkAddress(this.mldAddr!, linkId), plan,
      ssid: s.ssid, hidden: s.hidden, beaconIntTu: s.beacon_int, dtimPeriod: s.dtim_period,
      ...(this.rsn ? { rsne: this.rsn.rsne, ...(this.rsn.rsnxe ? { rsnxe: this.rsn.rsnxe } : {}) } : {}),
    });
  }

  /** Each link's Basic Multi-Link element, RNR of the others and (while links are being removed) Reconfiguration Multi-Link element. */
  private refreshElements(): void {
    const info: MldLinkInfo[] = this.mldLinks.map((l) => ({
      linkId: l.linkId!, bssid: l.bssid, band: l.setup.plan.band, channel: l.setup.plan.channel, changeCount: l.changeCount,
      ...(l.removalTbtt !== undefined ? { removalTbtt: l.removalTbtt } : {}),
    }));
    const ssid = textEncoder.encode(this.settings.ssid);
    for (const [i, l] of this.mldLinks.entries()) l.template.extraTail = mldLinkElements(this.mldAddr!, ssid, info[i]!, info);
  }

  /** A link added while the MLD runs gets group keys of its own before its first beacon. */
  private async startLinkRsn(l: ApLink): Promise<void> {
    if (!this.rsnNow) return;
    await this.rsnNow.addLink(l);
    if (l.groupKeys.bigtk) l.template.extCapabilities = withExtendedCapability(l.template.extCapabilities, EXT_CAP_BEACON_PROTECTION);
  }

  private async startLink(l: ApLink): Promise<void> {
    const s = this.settings;
    await startAp(this.nl, {
      ifindex: this.ifindex,
      beacon: l.beacon(),
      beaconIntTu: s.beacon_int,
      dtimPeriod: s.dtim_period,
      ssid: textEncoder.encode(s.ssid),
      hidden: s.hidden ? 'ZERO_LEN' : 'NOT_IN_USE',
      channel: l.channel,
      authType: this.rsn?.authType ?? AuthType.OPEN_SYSTEM,
      crypto: this.rsn?.startAp ?? { privacy: false },
    });
    l.beaconUpdates++;
  }

  /** SET_BEACON on each of `links` with its current template; a refusal is logged and the others still go. */
  private async updateBeacons(links: readonly ApLink[]): Promise<void> {
    for (const l of links) {
      try {
        await setBeacon(this.nl, this.ifindex, l.beacon());
        l.beaconUpdates++;
      } catch (err) {
        this.log.warn(`SET_BEACON on link ${l.linkId}: ${(err as Error).message}`);
      }
    }
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.linkOps.then(op);
    this.linkOps = run.catch(() => undefined);
    return run;
  }

  private requireRunning(): void {
    if (this.state !== 'running' || !this.ifindex || this.mldAddr === undefined) throw new ApError('NOT_FOUND', `AP MLD ${this.name} is not running (${this.state}${this.error ? `: ${this.error}` : ''})`);
  }

  /**
   * add_link: a new link on a free link id, checked as a UCI link is; ADD_LINK with its
   * address, START_AP with its beacon, then the other links' beacons with the new link
   * in their RNR and their BSS Parameters Change Count one higher. A refusal or a kernel
   * error leaves the MLD as it was.
   */
  addLink(spec: LinkSpec<HtMode>): Promise<ApLink> {
    return this.serial(async () => {
      this.requireRunning();
      const wiphy = this.nl.wiphy(this.wiphyName!);
      if (!wiphy) throw new ApError('NOT_FOUND', `the MLD's wiphy ${this.wiphyName} is gone`);
      const held = this.mldLinks.map((l) => ({ linkId: l.linkId!, channel: l.channel }));
      const r = planAddedLink(wiphy, this.settings.band, withEhtDefault(spec), held);
      if (!r.ok) throw new ApError('INVALID_ARGUMENT', r.problem);
      const before = this.mldLinks;
      const counts = before.map((l) => l.changeCount);
      const link = this.newLink(r.linkId, r.plan);
      // The others' change counts go up first, so the new link's RNR carries the counts their beacons will.
      for (const l of before) l.changeCount = (l.changeCount + 1) & 0xff;
      this.mldLinks = [...before, link].sort((a, b) => a.linkId! - b.linkId!);
      this.refreshElements();
      let added = false;
      try {
        await addLink(this.nl, this.ifindex, link.linkId!, link.bssid);
        added = true;
        await this.startLinkRsn(link);
        await this.startLink(link);
      } catch (err) {
        if (added) await removeLink(this.nl, this.ifindex, link.linkId!).catch((e: unknown) => this.log.warn(`REMOVE_LINK ${link.linkId} after a failed add: ${(e as Error).message}`));
        before.forEach((l, i) => { l.changeCount = counts[i]!; });
        this.mldLinks = before;
        this.refreshElements();
        throw new ApError('UNKNOWN_ERROR', `adding link ${formatLinkSpec(spec)} as link ${link.linkId}: ${(err as Error).message}`);
      }
      await this.updateBeacons(before);
      this.log.notice(`AP MLD ${this.ifname}: link ${link.linkId} ${link.bssid} added on ${link.setup.phy} channel ${link.setup.plan.channel}`);
      this.emit('link_added', { link_id: link.linkId, addr: link.bssid, freq: link.channel.freq, channel: link.setup.plan.channel });
      return link;
    });
  }

  /**
   * remove_link: announces the removal of link `linkId` for `announceTbtt` TBTTs (the
   * Reconfiguration Multi-Link element in every link's beacons, its AP Removal Timer one
   * lower each beacon interval), then removes it. 0 removes it at once, unannounced.
   * An unknown link, a link being removed already or the last link is refused.
   */
  removeLink(linkId: number, announceTbtt: number): Promise<{ link: ApLink; tbtt: number }> {
    return this.serial(async () => {
      this.requireRunning();
      const link = this.mldLinks.find((l) => l.linkId === linkId);
      if (!link) throw new ApError('NOT_FOUND', `AP MLD ${this.name} has no link ${linkId} (links: ${this.mldLinks.map((l) => l.linkId).join(', ')})`);
      if (link.removalTbtt !== undefined) throw new ApError('INVALID_ARGUMENT', `link ${linkId} of AP MLD ${this.name} is being removed already (${link.removalTbtt} TBTTs left)`);
      if (!this.mldLinks.some((l) => l !== link && l.removalTbtt === undefined)) {
        // REMOVE_LINK of the last link would leave an AP interface without links, no MLD any more.
        throw new ApError('INVALID_ARGUMENT', `link ${linkId} is the last link of AP MLD ${this.name} left running: an AP MLD keeps at least one link (stop the AP instead)`);
      }
      if (!Number.isInteger(announceTbtt) || announceTbtt < 0 || announceTbtt > MAX_ANNOUNCE_TBTT) throw new ApError('INVALID_ARGUMENT', `announce_tbtt must be 0..${MAX_ANNOUNCE_TBTT}, got ${announceTbtt}`);
      if (announceTbtt === 0) {
        await this.finishRemoval(link);
        return { link, tbtt: 0 };
      }
      link.removalTbtt = announceTbtt;
      this.refreshElements();
      await this.updateBeacons(this.mldLinks);
      this.log.notice(`AP MLD ${this.ifname}: link ${linkId} announced for removal in ${announceTbtt} TBTTs`);
      this.scheduleTick(link);
      return { link, tbtt: announceTbtt };
    });
  }

  /**
   * One beacon interval later the AP Removal Timer is one lower (802.11be 35.3.6.2.2: the
   * number of TBTTs until the AP is removed). The timer is the host's, not the TSF: the
   * beacons carry each value for about one interval, as hostapd's link removal does.
   */
  private scheduleTick(link: ApLink): void {
    const id = link.linkId!;
    this.removalTimers.set(id, this.clock.setTimer(() => {
      this.removalTimers.delete(id);
      void this.serial(() => this.tick(link)).catch((err: unknown) => this.log.error(`removing link ${id}: ${(err as Error).message}`));
    }, this.settings.beacon_int * TU_MS));
  }

  private async tick(link: ApLink): Promise<void> {
    if (!this.mldLinks.includes(link) || link.removalTbtt === undefined) return;
    link.removalTbtt--;
    if (link.removalTbtt > 0) {
      this.refreshElements();
      await this.updateBeacons(this.mldLinks);
      this.scheduleTick(link);
      return;
    }
    await this.finishRemoval(link);
  }

  /**
   * The link goes: the link stations of the non-AP MLDs that hold other links too are
   * removed (REMOVE_LINK_STA) and the MLDs stay associated on those; its non-MLO stations,
   * and non-AP MLDs with no other link, are disassociated (reason 8: the AP is leaving that
   * BSS, the ESS stays on the other links, so the station may join one of them); then
   * STOP_AP and REMOVE_LINK, the remaining links' beacons without it (RNR) and with their
   * BSS Parameters Change Count one higher.
   * The link stations go first because mac80211's STOP_AP of a link flushes every station
   * whose links include it, a non-AP MLD with its other links and all (__sta_info_flush with
   * the link id), and REMOVE_LINK of Linux 6.12 leaves station links alone; hostapd, too,
   * frees a link's per-link station with REMOVE_LINK_STA (hostapd_drv_link_sta_remove).
   * The departures cost no group rekey (ApRsn.stationGone): the stations that leave held
   * only this link's keys, which go with it. That matters beyond saving a rekey: Linux's
   * STOP_AP of one link (net/wireless/ap.c ___cfg80211_stop_ap, which REMOVE_LINK runs too)
   * clears the interface's control port owner (wdev->conn_owner_nlportid), so from then on
   * the kernel drops every EAPOL frame it would hand to wifid (__nl80211_rx_control_port
   * without an owner); only a START_AP with SOCKET_OWNER, add_link's, sets it again.
   * Unicast data, sent EAPOL and the kept MLDs' association are not affected, but a group
   * key handshake would go unanswered and deauthenticate the MLDs that stay (seen in the
   * hwsim VM: sid wpa_supplicant's message 2 on the air, no CONTROL_PORT_FRAME), and a new
   * association's 4-way handshake cannot complete until the next add_link.
   */
  private async finishRemoval(link: ApLink): Promise<void> {
    const id = link.linkId!;
    // Going now: a group rekey that a departure below starts leaves this link out (its keys go with it).
    link.removalTbtt = 0;
    const holds = (sta: ApStation) => (sta.mld ? sta.mld.links.some((l) => l.linkId === id) : sta.linkId === id);
    let kept = 0;
    // The non-AP MLDs that stay first, so a rekey started by a departure gives them only the links they keep.
    for (const sta of this.stations.list()) {
      if (!sta.mld || !holds(sta) || sta.mld.links.length < 2) continue;
      await this.dropMldLink(sta, id);
      kept++;
    }
    let disassociated = 0;
    for (const sta of this.stations.list()) {
      if (!holds(sta) || sta.aid === undefined) continue;
      await this.disassociate(sta, link);
      disassociated++;
    }
    await stopAp(this.nl, this.ifindex, id).catch((err: unknown) => this.log.debug(`STOP_AP link ${id}: ${(err as Error).message}`));
    let reason = 'removed';
    try {
      await removeLink(this.nl, this.ifindex, id);
    } catch (err) {
      reason = `REMOVE_LINK failed: ${(err as Error).message}`;
      this.log.error(`AP MLD ${this.ifname}: link ${id}: ${reason}`);
    }
    link.removalTbtt = undefined;
    this.mldLinks = this.mldLinks.filter((l) => l !== link);
    for (const l of this.mldLinks) l.changeCount = (l.changeCount + 1) & 0xff;
    this.refreshElements();
    await this.updateBeacons(this.mldLinks);
    const stas = [disassociated ? `${disassociated} station(s) disassociated` : '', kept ? `${kept} non-AP MLD(s) kept on the other links` : ''].filter(Boolean);
    this.log.notice(`AP MLD ${this.ifname}: link ${id} ${link.bssid} ${reason}${stas.length ? `, ${stas.join(', ')}` : ''}`);
    this.log.warn(`AP MLD ${this.ifname}: the kernel cleared the control port's owner with link ${id}'s STOP_AP: no EAPOL frame reaches wifid (new 4-way and group key handshakes fail) until add_link starts a link again`);
    this.emit('link_removed', { link_id: id, addr: link.bssid, reason, disassociated, mlds_kept: kept });
  }

  /**
   * A non-AP MLD keeps its association on its other links: its link station goes
   * (REMOVE_LINK_STA), the link leaves its link list, and its association link moves to one
   * it keeps (EAPOL goes there). A refusal is logged (STOP_AP of the link may then take the
   * whole station from the kernel).
   */
  private async dropMldLink(sta: ApStation, linkId: number): Promise<void> {
    const mld = sta.mld!;
    if (sta.inKernel) {
      await removeLinkStation(this.nl, this.ifindex, sta.addr, linkId)
        .catch((err: unknown) => this.log.warn(`${sta.addr}: REMOVE_LINK_STA link ${linkId}: ${(err as Error).message}`));
    }
    mld.links = mld.links.filter((l) => l.linkId !== linkId);
    if (sta.linkId === linkId) sta.linkId = mld.links[0]!.linkId;
    this.log.info(`${sta.addr}: link ${linkId} removed, links ${mld.links.map((l) => `${l.linkId} (${l.addr})`).join(', ')} kept`);
  }

  private async disassociate(sta: ApStation, link: ApLink): Promise<void> {
    const reason = ReasonCode.LEAVING_NETWORK_DISASSOC;
    const frame = buildDisassoc({ da: macFromString(sta.addr), sa: link.bssidBytes, bssid: link.bssidBytes, reason });
    if (this.wdev !== undefined) {
      const out = await this.services.txq.submit({ lane: { wdev: this.wdev, linkId: link.linkId! }, class: 'critical', frame, seqKey: `mlme ${sta.addr}` });
      if (out.status === 'failed' || out.status === 'rejected') this.log.debug(`disassociation of ${sta.addr}: ${out.status}: ${out.message}`);
    }
    await this.forgetStation(sta, reason, `link ${link.linkId} removed`, false);
  }
}

/**
 * An AP affiliated with an AP MLD is an EHT AP (802.11be 35.3.1), and mac80211 clients use
 * MLO only over EHT links: a link without an htmode runs EHT20.
 */
function withEhtDefault(spec: LinkSpec<HtMode>): LinkSpec<HtMode> {
  return spec.htmode ? spec : { ...spec, htmode: 'EHT20' };
}
