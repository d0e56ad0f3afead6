// One access point: one `config ap` section, one AP netdev created with socket
// ownership (the kernel removes it when the daemon dies), its link(s), its stations.
// start() brings it up: interface, IFF_UP, frame registrations, START_AP with the
// beacon; stop() takes it down and removes the interface.
import type { Logger } from '../../core/log.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import type { TxOutcome, TxSubmit } from '../../core/txq/types.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import type { ScopedSubscription } from '../../core/plugin/index.js';
import type { Nl80211Event } from '../../core/nl80211/dispatch.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { AuthType, delInterface, delStation, getStations, newApInterface, probeClient, registerApFrames, startAp, stopAp } from '../../core/nl80211/ap-commands.js';
import { setLinkUp } from '../../core/netdev/link-up.js';
import { ReasonCode, reasonCodeName } from '../../core/ieee80211/reason-codes.js';
import { textEncoder } from '../../core/ieee80211/byte-writer.js';
import { decodeStation, type StationView } from '../../core/nl80211/mld-commands.js';
import type { ApSettings } from './config.js';
import { apLinks, pmfOf, usesSae } from './config.js';
import { ApLink } from './ap-link.js';
import type { ApContext, ApEventName, AssocRefusal, SendOptions, SendOutcome } from './ap-context.js';
import type { AssocRequest } from '../../core/ieee80211/assoc.js';
import { authorize, Mlme } from './mlme.js';
import { stationLinks } from './station-links.js';
import { PeerLog } from './peer-log.js';
import { checkRadio } from './radio-checks.js';
import { getRegulatoryCountry } from '../../core/nl80211/regulatory.js';
import { StationTable, type ApStation } from './station-table.js';
import { ApError } from './errors.js';
import type { SaeResponder } from './sae-responder.js';
import type { SaePweMode } from '../../core/rsn/sae/instance.js';
import { bssRsnConfig, EXT_CAP_BEACON_PROTECTION, withExtendedCapability, type BssRsnConfig } from './bss-rsn.js';
import type { ApRsn, ApRsnCounters } from './ap-rsn.js';
import { SaQueries, type SaQueryCounters } from './sa-query.js';
import { stationRoute } from './station-route.js';
import { isSaQuery } from '../../core/ieee80211/sa-query.js';
import { EAPOL_ETHERTYPE } from '../../core/nl80211/ap-commands.js';
import { checkStationRsn } from './sta-rsn-check.js';
import { selectSaePmksa } from './sae-association.js';
import { AKM_SAE, isSaeAkm } from '../../core/ieee80211/rsn-element.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';

export type ApState = 'starting' | 'running' | 'failed' | 'stopped';

export interface ApServices {
  /** The inventory (wiphys, interfaces) and requests. */
  nl: Nl80211Service;
  /** Event subscriptions, held by the plugin's scope (and released early when the AP stops). */
  subscribe(sub: ScopedSubscription): () => void;
  txq: { submit(s: TxSubmit): Promise<TxOutcome> };
  clock: MonotonicClock;
  log: Logger;
  emit(event: ApEventName, data: Record<string, unknown>): void;
}

/** How often the stations' inactivity is looked at, and after how long a silent station is probed. */
const INACTIVITY_CHECK_MS = 30_000;
const INACTIVE_PROBE_MS = 300_000;

export class ApInstance implements ApContext {
  state: ApState = 'stopped';
  /** Why the AP failed, for status. */
  error: string | undefined;
  ifindex = 0;
  wdev: bigint | undefined;
  private linkNow: ApLink | undefined;
  protected saeNow: SaeResponder | undefined;
  /** The RSN authenticator (keys, 4-way and group handshakes) while an RSN AP runs. */
  protected rsnNow: ApRsn | undefined;
  private saQueries: SaQueries | undefined;
  readonly stations: StationTable;
  readonly peerLog: PeerLog;
  readonly log: Logger;
  readonly mlme: Mlme;
  /** The BSS's RSN configuration (AKMs, ciphers, PMF, RSNE/RSNXE); undefined for an open BSS. */
  readonly rsn: BssRsnConfig | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly bans = new Map<string, number>();
  private inactivityTimer: TimerHandle | undefined;
  /** Stations with wifid's own DEL_STATION whose kernel event is still to come, by address. */
  private readonly ownDeletes = new Map<string, number>();

  constructor(readonly name: string, readonly settings: ApSettings, readonly ifname: string, private readonly s: ApServices) {
    this.log = s.log.child(`ap-${name}`);
    this.stations = new StationTable(settings.max_clients);
    this.peerLog = new PeerLog(this.log, s.clock);
    this.mlme = new Mlme(this);
    this.rsn = bssRsnConfig(settings);
  }

  get nl(): Nl80211Service { return this.s.nl; }
  get clock(): MonotonicClock { return this.s.clock; }

  get link(): ApLink {
    if (!this.linkNow) throw new ApError('NOT_FOUND', `AP ${this.name} is not running`);
    return this.linkNow;
  }

  get hasLink(): boolean { return this.linkNow !== undefined; }

  get links(): readonly ApLink[] {
    return this.linkNow ? [this.linkNow] : [];
  }

  /** The AP MLD address (ApMld); a single-link AP has none. */
  get mldAddrBytes(): Uint8Array | undefined {
    return undefined;
  }

  /** Every BSS takes Open System (see ApContext); an SAE AKM after it needs a cached PMKSA (sae-association.ts). */
  get acceptsOpenSystem(): boolean {
    return true;
  }

  /** The SAE parent process while an sae or sae-mixed AP runs. */
  get sae(): SaeResponder | undefined {
    return this.saeNow;
  }

  /** Brings the AP up; on failure everything acquired is released and `error` says why. */
  async start(): Promise<void> {
    this.state = 'starting';
    this.error = undefined;
    try {
      await this.bringUp();
      this.state = 'running';
      this.log.notice(`AP ${this.ifname} up: SSID "${this.settings.ssid}" on ${this.link.setup.phy} channel ${this.link.setup.plan.channel} (${this.link.channel.freq} MHz), BSSID ${this.link.bssid}, ${this.settings.encryption}`);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.error = msg;
      this.state = 'failed';
      await this.release();
      this.log.error(`AP ${this.name} not started: ${msg}`);
    }
  }

  protected async bringUp(): Promise<void> {
    const s = this.settings;
    const [where] = apLinks(s);
    const wiphy = this.s.nl.wiphy(where!.phy);
    if (!wiphy) throw new Error(`unknown phy '${where!.phy}' (known: ${this.s.nl.wiphys().map((w) => w.name).join(', ') || 'none'})`);
    const radio = checkRadio(wiphy, { band: s.band, ...where! });
    if (!radio.ok) throw new Error(radio.problem);
    if (this.s.nl.iface({ ifname: this.ifname })) throw new Error(`an interface named ${this.ifname} exists already`);
    const country = await this.countryCode();
    const created = await newApInterface(this.s.nl, wiphy.index, this.ifname);
    this.ifindex = created.ifindex;
    this.wdev = created.wdev;
    this.linkNow = new ApLink({
      phy: wiphy.name, wiphy: wiphy.index, bssid: created.addr, plan: radio.plan, ssid: s.ssid, hidden: s.hidden,
      beaconIntTu: s.beacon_int, dtimPeriod: s.dtim_period, ...(country ? { country } : {}),
      ...(this.rsn ? { rsne: this.rsn.rsne, ...(this.rsn.rsnxe ? { rsnxe: this.rsn.rsnxe } : {}) } : {}),
    });
    if (usesSae(s.encryption)) this.saeNow = await this.newSaeResponder(this.linkNow);
    const ifindex = created.ifindex;
    this.listen(ifindex);
    await setLinkUp(ifindex);
    await registerApFrames(this.s.nl, ifindex);
    const link = this.linkNow;
    if (this.rsn) await this.startRsn(this.rsn);
    await startAp(this.s.nl, {
      ifindex,
      beacon: link.beacon(),
      beaconIntTu: s.beacon_int,
      dtimPeriod: s.dtim_period,
      ssid: textEncoder.encode(s.ssid),
      hidden: s.hidden ? 'ZERO_LEN' : 'NOT_IN_USE',
      channel: link.channel,
      authType: this.rsn?.authType ?? AuthType.OPEN_SYSTEM,
      crypto: this.rsn?.startAp ?? { privacy: false },
    });
    link.beaconUpdates++;
    this.startInactivityChecks();
  }

  protected startInactivityChecks(): void {
    this.inactivityTimer = this.s.clock.setTimer(() => this.checkInactivity(), INACTIVITY_CHECK_MS);
  }

  /** The AP's events: frames, station removals, probe answers, EAPOL (CONTROL_PORT_OVER_NL80211, on the socket that sent START_AP). */
  protected listen(ifindex: number): void {
    this.unsubscribe.push(
      this.s.subscribe({ cmds: ['FRAME'], ifindex, priority: 'high', handler: (ev) => this.onFrameEvent(ev) }),
      this.s.subscribe({ cmds: ['DEL_STATION'], ifindex, priority: 'high', handler: (ev) => this.onStationGone(ev) }),
      this.s.subscribe({ cmds: ['PROBE_CLIENT'], ifindex, priority: 'low', handler: (ev) => this.onProbeClient(ev) }),
      this.s.subscribe({ cmds: ['CONTROL_PORT_FRAME'], ifindex, priority: 'high', handler: (ev) => this.onControlPortFrame(ev) }),
    );
  }

  /**
   * The PSK (once per start: 4096 PBKDF2 rounds), the group keys installed before the first
   * beacon, and beacon protection advertised once the kernel took the BIGTK.
   */
  protected async startRsn(rsn: BssRsnConfig): Promise<void> {
    // Loaded with the first RSN AP: its crypto stays off the start path otherwise.
    const { ApRsn, bssPsk } = await import('./ap-rsn.js');
    const psk = rsn.akms.some((a) => !isSaeAkm(a)) ? bssPsk(this.settings) : undefined;
    const ap = this;
    this.rsnNow = new ApRsn({
      get ifindex() { return ap.ifindex; },
      get link() { return ap.link; },
      get links() { return ap.links; },
      get mldAddr() { return ap.mldAddrBytes; },
      stations: this.stations,
      nl: this.s.nl,
      clock: this.s.clock,
      log: this.log,
      peerLog: this.peerLog,
      sendEapol: (addr, pdu, noEncrypt) => this.sendEapol(addr, pdu, noEncrypt),
      forgetStation: (sta, reason, why, sendDeauth) => this.forgetStation(sta, reason, why, sendDeauth),
      emit: (event, data) => this.emit(event, data),
    }, rsn, psk, this.settings.wpa_group_rekey);
    await this.rsnNow.start();
    for (const link of this.links) {
      if (link.groupKeys.bigtk) link.template.extCapabilities = withExtendedCapability(link.template.extCapabilities, EXT_CAP_BEACON_PROTECTION);
    }
    if (rsn.pmf > 0) {
      this.saQueries = new SaQueries({
        clock: this.s.clock,
        route: (addr) => stationRoute(this, addr, this.stations.get(addr)),
        send: (frame, addr, linkId) => this.send(frame, { seqKey: addr, ...(linkId !== undefined ? { linkId } : {}) }),
        log: (message) => this.log.info(message),
      });
    }
  }

  /** An EAPOL PDU to a station through the TX queue's control port; unencrypted until its PTK is in (hostapd does the same). */
  private async sendEapol(addr: string, pdu: Uint8Array, noEncrypt: boolean): Promise<void> {
    if (this.wdev === undefined) throw new Error('the AP is down');
    // On an AP MLD a station's EAPOL goes on its link (the kernel then sends from that
    // link's address); a non-AP MLD's, once authorized, on whichever link mac80211 picks
    // (hostapd_wpa_auth_send_eapol does the same).
    const sta = this.stations.get(addr);
    const linkId = sta?.linkId !== undefined && !(sta.mld && sta.state === 'authorized') ? sta.linkId : undefined;
    const out = await this.s.txq.submit({
      lane: linkId !== undefined ? { wdev: this.wdev, linkId } : { wdev: this.wdev },
      class: 'critical',
      frame: pdu,
      // One sequence with the station's management frames: an EAPOL frame never overtakes
      // the association response, nor a deauthentication the EAPOL frame before it.
      seqKey: `mlme ${addr}`,
      controlPort: { dest: addr, ethertype: EAPOL_ETHERTYPE, noEncrypt },
    });
    if (out.status === 'failed' || out.status === 'rejected') throw new Error(`EAPOL to ${addr}: ${out.status}: ${out.message}`);
  }

  protected async newSaeResponder(link: ApLink): Promise<SaeResponder> {
    // Loaded with the first SAE AP: P-256 and node:crypto cost ~4 MB of RSS otherwise.
    const { SaeResponder } = await import('./sae-responder.js');
    const s = this.settings;
    // The password is the key as written (a 64-hex-digit key of sae-mixed is SAE's password as text, as hostapd's sae_password would be).
    return new SaeResponder(
      {
        ownAddr: link.bssidBytes,
        stations: this.stations,
        clock: this.s.clock,
        log: this.log,
        peerLog: this.peerLog,
        send: (frame, opts) => this.send(frame, opts),
        forgetStation: (sta, reason, why, sendDeauth) => this.forgetStation(sta, reason, why, sendDeauth),
        emit: (event, data) => this.emit(event, data),
      },
      {
        ssid: textEncoder.encode(s.ssid), password: textEncoder.encode(s.key ?? ''), pwe: Number(s.sae_pwe) as SaePweMode,
        akm: this.rsn?.akms.find(isSaeAkm) ?? AKM_SAE,
      },
    );
  }

  /** The Country element's code: the section's `country`, else the kernel's regulatory domain (undefined: world). */
  private async countryCode(): Promise<string | undefined> {
    if (this.settings.country !== undefined) return this.settings.country === '00' ? undefined : this.settings.country;
    return getRegulatoryCountry(this.s.nl).catch((err: unknown) => {
      this.log.warn(`regulatory domain unknown (${(err as Error).message}): Country element for the world domain`);
      return undefined;
    });
  }

  /** Takes the AP down: deauthenticates its stations, STOP_AP, removes the interface. */
  async stop(): Promise<void> {
    if (this.state === 'running') {
      // No group rekey for stations leaving because the AP stops.
      this.rsnNow?.stop();
      for (const sta of this.stations.list()) await this.forgetStation(sta, ReasonCode.LEAVING_NETWORK_DEAUTH, 'AP stopping', true);
      await stopAp(this.s.nl, this.ifindex).catch((err: unknown) => this.log.debug(`STOP_AP: ${(err as Error).message}`));
    }
    await this.release();
    this.state = 'stopped';
    this.log.notice(`AP ${this.ifname} stopped`);
  }

  /** The interface went away behind wifid's back (radio removed). */
  gone(why: string): void {
    this.releaseListeners();
    this.linkNow = undefined;
    this.wdev = undefined;
    this.state = 'failed';
    this.error = `interface ${this.ifname} removed (${why})`;
    this.log.warn(this.error);
  }

  private releaseListeners(): void {
    this.saeNow?.stop();
    this.saeNow = undefined;
    this.rsnNow?.stop();
    this.rsnNow = undefined;
    this.saQueries?.stop();
    this.saQueries = undefined;
    for (const u of this.unsubscribe.splice(0)) u();
    if (this.inactivityTimer !== undefined) this.s.clock.clearTimer(this.inactivityTimer);
    this.inactivityTimer = undefined;
  }

  private async release(): Promise<void> {
    this.releaseListeners();
    for (const sta of this.stations.list()) this.stations.remove(sta.addr);
    if (this.ifindex) {
      await delInterface(this.s.nl, this.ifindex).catch((err: unknown) => {
        if (!(err instanceof Nl80211Error && err.code === 'ENODEV')) this.log.warn(`removing ${this.ifname}: ${(err as Error).message}`);
      });
    }
    this.ifindex = 0;
    this.wdev = undefined;
    this.linkNow = undefined;
  }

  // ---- ApContext ----

  async send(frame: Uint8Array, opts: SendOptions = {}): Promise<SendOutcome> {
    if (this.wdev === undefined) return 'rejected';
    const outcome = await this.s.txq.submit({
      lane: opts.linkId !== undefined ? { wdev: this.wdev, linkId: opts.linkId } : { wdev: this.wdev },
      class: opts.cls ?? 'critical',
      frame,
      ...(opts.seqKey !== undefined ? { seqKey: `mlme ${opts.seqKey}` } : {}),
      ...(opts.noAck ? { noAck: true } : {}),
    });
    if (outcome.status === 'failed' || outcome.status === 'rejected') this.log.debug(`TX ${outcome.status}: ${outcome.message}`);
    return outcome.status;
  }

  isBanned(addr: string): boolean {
    const until = this.bans.get(addr);
    if (until === undefined) return false;
    if (this.s.clock.now() < until) return true;
    this.bans.delete(addr);
    return false;
  }

  checkSecurity(req: AssocRequest, sta: ApStation): AssocRefusal | undefined {
    if (!this.rsn) return undefined;
    const check = checkStationRsn(this.rsn, req);
    if (!check.ok) return { status: check.status, why: check.why };
    if (isSaeAkm(check.agreed.akm)) {
      // The PMK of SAE's exchange or of a cached PMKSA named in the RSNE (sae-association.ts).
      const refusal = this.saeNow ? selectSaePmksa(sta, check.agreed.akm, check.agreed.pmkids, this.saeNow.pmksa) : { status: StatusCode.STATUS_INVALID_PMKID, why: 'no SAE on this BSS' };
      if (refusal) return refusal;
    }
    // A station holding a PMF association (its PTK installed, so the SA Query is protected):
    // the request may be forged; it is refused until an SA Query goes unanswered.
    if (sta.pmf && sta.state === 'authorized' && this.saQueries) {
      const refusal = this.saQueries.checkReassociation(sta.addr);
      if (refusal) return refusal;
    }
    sta.akm = check.agreed.akm;
    sta.pmf = check.agreed.pmf;
    sta.pairwiseCipher = check.agreed.pairwiseCipher;
    sta.rsnxe = req.rsnxeElement;
    return undefined;
  }

  async onAssociated(sta: ApStation): Promise<void> {
    this.saQueries?.forget(sta.addr);
    if (this.rsnNow) {
      // The port opens after the 4-way handshake (ApRsn announces authorized).
      this.rsnNow.startHandshake(sta);
      return;
    }
    // An open network: the port opens at once.
    await authorize(this, sta);
    this.emit('authorized', { addr: sta.addr, aid: sta.aid, ...stationLinks(sta) });
  }

  async forgetStation(sta: ApStation, reason: number, why: string, sendDeauth: boolean): Promise<void> {
    if (this.stations.get(sta.addr) !== sta) return;
    this.stations.remove(sta.addr);
    sta.authenticator?.stop();
    this.saQueries?.forget(sta.addr);
    sta.sae?.stop?.();
    if (sendDeauth) await this.mlme.deauthenticate(sta.addr, reason);
    await this.removeFromKernel(sta);
    if (sta.aid !== undefined) {
      this.log.info(`${sta.addr}: left (${why}), reason ${reason} (${reasonCodeName(reason)})`);
      this.emit('disassoc', { addr: sta.addr, reason, reason_name: reasonCodeName(reason), why });
    }
  }

  async removeFromKernel(sta: ApStation): Promise<void> {
    if (!sta.inKernel) return;
    sta.inKernel = false;
    this.ownDeletes.set(sta.addr, (this.ownDeletes.get(sta.addr) ?? 0) + 1);
    await delStation(this.s.nl, this.ifindex, sta.addr).catch((err: unknown) => {
      // Refused: no event will follow.
      this.settleOwnDelete(sta.addr);
      if (!(err instanceof Nl80211Error && err.code === 'ENOENT')) this.log.warn(`DEL_STATION ${sta.addr}: ${(err as Error).message}`);
    });
  }

  /** True (and counted off) when a DEL_STATION event is the answer to wifid's own DEL_STATION. */
  private settleOwnDelete(addr: string): boolean {
    const n = this.ownDeletes.get(addr);
    if (n === undefined) return false;
    if (n <= 1) this.ownDeletes.delete(addr);
    else this.ownDeletes.set(addr, n - 1);
    return true;
  }

  emit(event: ApEventName, data: Record<string, unknown>): void {
    this.s.emit(event, { ap: this.name, ifname: this.ifname, ...data });
  }

  // ---- kick, status ----

  async kick(addr: string, reason: number, banS: number): Promise<void> {
    const sta = this.stations.get(addr);
    if (!sta) throw new ApError('NOT_FOUND', `no client ${addr} on AP ${this.name}`);
    if (banS > 0) this.bans.set(addr, this.s.clock.now() + banS * 1000);
    await this.forgetStation(sta, reason, 'kicked', true);
  }

  /** GET_STATION of every station, by address, with the MLO parts (mld-commands decodeStation). */
  async kernelStationViews(): Promise<Map<string, StationView>> {
    const out = new Map<string, StationView>();
    if (!this.ifindex) return out;
    for (const r of await getStations(this.s.nl, this.ifindex)) {
      const v = decodeStation(r);
      if (v) out.set(v.addr, v);
    }
    return out;
  }

  /** GET_STATION of every station, by address. */
  async kernelStations(): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    if (!this.ifindex) return out;
    for (const r of await getStations(this.s.nl, this.ifindex)) if (r.MAC) out.set(r.MAC, (r.STA_INFO ?? {}) as Record<string, unknown>);
    return out;
  }

  // ---- events ----

  onAction(frame: Uint8Array): void {
    if (isSaQuery(frame) && this.saQueries) this.saQueries.onFrame(frame);
  }

  private onControlPortFrame(ev: Nl80211Event): void {
    const pdu = ev.attrs.FRAME;
    const addr = ev.attrs.MAC;
    const ethertype = ev.attrs.CONTROL_PORT_ETHERTYPE;
    if (!pdu || !addr || (ethertype !== undefined && ethertype !== EAPOL_ETHERTYPE)) return;
    if (this.rsnNow) this.rsnNow.onEapol(addr, pdu);
  }

  /** RSN and SA Query counters for status (zeros for an open AP). */
  rsnCounters(): { rsn?: ApRsnCounters; saQuery?: SaQueryCounters } {
    return { ...(this.rsnNow ? { rsn: this.rsnNow.counters } : {}), ...(this.saQueries ? { saQuery: { ...this.saQueries.counters } } : {}) };
  }

  private onFrameEvent(ev: Nl80211Event): void {
    const frame = ev.attrs.FRAME;
    if (frame) this.mlme.onFrame(frame, { ...(ev.attrs.MLO_LINK_ID !== undefined ? { linkId: ev.attrs.MLO_LINK_ID } : {}), ...(ev.attrs.WIPHY_FREQ !== undefined ? { freq: ev.attrs.WIPHY_FREQ } : {}) });
  }

  private onStationGone(ev: Nl80211Event): void {
    const addr = ev.attrs.MAC;
    // The event of wifid's own DEL_STATION may come after the station was added again
    // (a reassociation): it must not remove the new entry.
    if (!addr || this.settleOwnDelete(addr)) return;
    const sta = this.stations.get(addr);
    if (sta?.inKernel) {
      sta.inKernel = false;
      void this.forgetStation(sta, ReasonCode.UNSPECIFIED_REASON, 'removed by the kernel', false);
    }
  }

  private onProbeClient(ev: Nl80211Event): void {
    const addr = ev.attrs.MAC;
    const sta = addr ? this.stations.get(addr) : undefined;
    if (!sta || ev.attrs.ACK) return;
    this.log.info(`${sta.addr}: no answer to the inactivity probe`);
    void this.forgetStation(sta, ReasonCode.REASON_INACTIVITY, 'inactive', true);
  }

  private checkInactivity(): void {
    this.inactivityTimer = this.s.clock.setTimer(() => this.checkInactivity(), INACTIVITY_CHECK_MS);
    this.kernelStations().then(async (info) => {
      for (const [addr, i] of info) {
        const inactive = i.INACTIVE_TIME as number | undefined;
        if (inactive !== undefined && inactive >= INACTIVE_PROBE_MS && this.stations.get(addr)) {
          await probeClient(this.s.nl, this.ifindex, addr).catch(() => undefined);
        }
      }
    }).catch((err: unknown) => this.log.debug(`inactivity check: ${(err as Error).message}`));
  }

  pmf(): 0 | 1 | 2 {
    return pmfOf(this.settings);
  }
}
