// The AP's MLME in userspace, as hostapd runs it over mac80211: management frames the
// kernel hands up (registered on the high-priority socket) are parsed and answered here:
// probe requests (multi-link ones with the partner links' profiles, ml-probe.ts),
// open-system authentication, (re)association with every element
// checked and a status code on refusal, deauthentication/disassociation both ways.
// Retransmitted frames are discarded (rx-duplicates.ts); the (re)association requests of
// one station are handled one after the other, and a station the kernel holds already is
// updated in place (SET_STATION; a non-AP MLD's link stations too, mld-station.ts), never
// added twice.
import { buildAssocResponse, parseAssocRequest, type AssocRequest } from '../../core/ieee80211/assoc.js';
import { AuthAlgorithm, buildAuth, parseAuth } from '../../core/ieee80211/auth.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { buildDeauth, parseDeauthOrDisassoc } from '../../core/ieee80211/deauth.js';
import { ElementId, iterateElements } from '../../core/ieee80211/elements.js';
import { isBroadcastMac, isMulticastMac, macEquals, macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { MgmtSubtype, parseMgmtHeader } from '../../core/ieee80211/mgmt-header.js';
import { reasonCodeName, ReasonCode } from '../../core/ieee80211/reason-codes.js';
import { StatusCode, statusCodeName } from '../../core/ieee80211/status-codes.js';
import { delKey, newStation, setStationFlags, updateStation, type NewStationParams, type StaFlag } from '../../core/nl80211/ap-commands.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { buildAuthMultiLink, takeAuthMultiLink } from '../../core/ieee80211/auth-multi-link.js';
import type { ApContext, AssocRefusal } from './ap-context.js';
import type { ApLink } from './ap-link.js';
import type { ApStation } from './station-table.js';
import { stationLinks } from './station-links.js';
import { badCapabilityElement, stationCaps, type StationCaps } from './station-caps.js';
import { RxDuplicateCache } from './rx-duplicates.js';
import type { SaeRoute } from './sae-responder.js';
import { findProbeRequestMultiLink, type ProbeRequestMultiLink } from '../../core/ieee80211/multi-link-probe.js';
import { addMldLink, updateMldStation } from './mld-station.js';
import { stationRoute } from './station-route.js';
import { mlProbeLinks, mlProbeResponse, otherMld } from './ml-probe.js';
import { buildResponseMultiLink, checkMloRequest, responseElements, type MloLinkRequest } from './mlo-association.js';

/** Where a received frame came in: the AP MLD link (NL80211_ATTR_MLO_LINK_ID) or the frequency. */
export interface RxInfo {
  linkId?: number;
  freq?: number;
}

/** Bad frames from the air, per kind, as `status` shows them. */
export interface BadFrameCounters {
  auth: number;
  assoc: number;
  leave: number;
  probe: number;
  other: number;
}

export function newBadFrameCounters(): BadFrameCounters {
  return { auth: 0, assoc: 0, leave: 0, probe: 0, other: 0 };
}

export interface MlmeCounters {
  bad: BadFrameCounters;
  authRefused: number;
  assocRefused: number;
  probeAnswered: number;
  /** Of those, multi-link probe responses (with partner links' profiles). */
  mlProbeAnswered: number;
  /** Retransmissions (Retry bit, same sequence control) discarded. */
  duplicates: number;
  /** (Re)association requests replaced by a newer one of the same station before they were handled. */
  assocSuperseded: number;
  /** (Re)associations of a station the kernel held, updated with SET_STATION. */
  assocUpdated: number;
}

export class Mlme {
  readonly counters: MlmeCounters = { bad: newBadFrameCounters(), authRefused: 0, assocRefused: 0, probeAnswered: 0, mlProbeAnswered: 0, duplicates: 0, assocSuperseded: 0, assocUpdated: 0 };
  private readonly duplicates = new RxDuplicateCache();
  /** Per station with a (re)association request being handled: the newest one waiting behind it. */
  private readonly assocBusy = new Map<string, { next?: () => Promise<void> }>();

  constructor(private readonly ap: ApContext) {}

  /** A management frame from the kernel (NL80211_CMD_FRAME). Never throws. */
  onFrame(frame: Uint8Array, rx: RxInfo = {}): void {
    let subtype: number;
    let sa = '??';
    try {
      const h = parseMgmtHeader(frame);
      subtype = h.subtype;
      sa = macToString(h.sa);
      // Individually addressed frames only (10.3.2.14.3); a wildcard probe request is not one.
      if (!isMulticastMac(h.da) && this.duplicates.isDuplicate(sa, h.frameControl, h.seqCtrl)) {
        this.counters.duplicates++;
        this.ap.log.debug(`${sa}: retransmitted frame (subtype ${subtype}, sequence control 0x${h.seqCtrl.toString(16)}) discarded`);
        return;
      }
    } catch (err) {
      this.bad('other', sa, err);
      return;
    }
    try {
      switch (subtype) {
        case MgmtSubtype.PROBE_REQ: this.onProbeRequest(frame, rx); break;
        case MgmtSubtype.AUTH: this.onAuth(frame); break;
        case MgmtSubtype.ASSOC_REQ:
        case MgmtSubtype.REASSOC_REQ: this.queueAssoc(sa, frame, subtype === MgmtSubtype.REASSOC_REQ); break;
        case MgmtSubtype.DEAUTH:
        case MgmtSubtype.DISASSOC: this.onLeave(frame); break;
        case MgmtSubtype.ACTION: this.ap.onAction(frame); break;
        default: break;
      }
    } catch (err) {
      const kind = subtype === MgmtSubtype.PROBE_REQ ? 'probe' : subtype === MgmtSubtype.AUTH ? 'auth' : subtype === MgmtSubtype.DEAUTH || subtype === MgmtSubtype.DISASSOC ? 'leave' : 'other';
      this.bad(kind, sa, err);
    }
  }

  private bad(kind: keyof BadFrameCounters, peer: string, err: unknown): void {
    if (!(err instanceof FrameDecodeError)) throw err;
    this.counters.bad[kind]++;
    this.ap.peerLog.warn(peer, kind, `malformed ${kind} frame: ${err.message}`);
  }

  private fail(peer: string, what: string, err: unknown): void {
    if (err instanceof FrameDecodeError) {
      this.counters.bad.assoc++;
      this.ap.peerLog.warn(peer, 'assoc', `malformed ${what} request: ${err.message}`);
      return;
    }
    this.ap.log.warn(`${peer}: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  // ---- links ----

  /** The link whose BSSID is `bssid`. */
  private linkFor(bssid: Uint8Array): ApLink | undefined {
    return this.ap.links.find((l) => macEquals(l.bssidBytes, bssid));
  }

  /** The link a frame came in on. */
  private rxLink(rx: RxInfo): ApLink | undefined {
    const links = this.ap.links;
    if (links.length === 1) return links[0];
    if (rx.linkId !== undefined) return links.find((l) => l.linkId === rx.linkId);
    if (rx.freq !== undefined) return links.find((l) => l.channel.freq === rx.freq);
    return undefined;
  }

  /** Whether `bssid` is this AP's: a link's BSSID or, for frames mac80211 translated, the AP MLD address. */
  private isOurs(bssid: Uint8Array): boolean {
    const mld = this.ap.mldAddrBytes;
    return this.linkFor(bssid) !== undefined || (mld !== undefined && macEquals(bssid, mld));
  }

  /** The station sending from `sa`: its own entry, or the non-AP MLD whose link address it is. */
  private stationFor(sa: Uint8Array): ApStation | undefined {
    const addr = macToString(sa);
    return this.ap.stations.get(addr) ?? this.ap.stations.list().find((s) => s.mld && (s.mld.linkAddr === addr || s.mld.reauthAddr === addr || s.mld.links.some((l) => l.addr === addr)));
  }

  // ---- probe requests ----

  private onProbeRequest(frame: Uint8Array, rx: RxInfo): void {
    const h = parseMgmtHeader(frame);
    const link = isBroadcastMac(h.bssid) ? this.rxLink(rx) : this.linkFor(h.bssid);
    if (!link) return;
    const body = frame.subarray(h.headerLength);
    let ssidOk = false;
    for (const e of iterateElements(body)) {
      if (e.id !== ElementId.SSID) continue;
      // A wildcard (empty) SSID is answered unless the BSS hides its SSID.
      ssidOk = e.data.length === 0 ? !link.setup.hidden : Buffer.from(e.data).equals(Buffer.from(link.template.ssid));
      break;
    }
    if (!ssidOk) return;
    const response = this.multiLinkProbeResponse(h.sa, h.da, body, link) ?? link.probeResponse(h.sa);
    this.counters.probeAnswered++;
    void this.ap.send(response, { cls: 'management', noAck: isBroadcastMac(h.sa), ...linkOpt(link) });
  }

  /**
   * The multi-link probe response (ml-probe.ts) to a probe request with a Probe Request
   * Multi-Link element, or undefined for an ordinary one: on a single-link AP, without that
   * element, for another AP MLD, not individually addressed (a multi-link probe request is,
   * 802.11be 35.3.4.2), or with the element malformed (counted; the station still gets the
   * ordinary answer, as from hostapd).
   */
  private multiLinkProbeResponse(sa: Uint8Array, da: Uint8Array, body: Uint8Array, link: ApLink): Uint8Array | undefined {
    const mld = this.ap.mldAddrBytes;
    if (!mld || link.linkId === undefined) return undefined;
    const peer = macToString(sa);
    let req: ProbeRequestMultiLink | undefined;
    try {
      req = findProbeRequestMultiLink(body);
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw err;
      this.counters.bad.probe++;
      this.ap.peerLog.warn(peer, 'probe', `malformed Probe Request Multi-Link element (${err.message}): answered as an ordinary probe request`);
      return undefined;
    }
    if (!req) return undefined;
    const other = isMulticastMac(da) ? 'not individually addressed' : otherMld(req, mld);
    if (other) {
      this.ap.log.debug(`${peer}: multi-link probe request answered as an ordinary one: ${other}`);
      return undefined;
    }
    this.counters.mlProbeAnswered++;
    this.ap.log.debug(`${peer}: multi-link probe request on link ${link.linkId}: profiles of links ${mlProbeLinks(req, link, this.ap.links).join(', ') || 'none'}`);
    return mlProbeResponse(req, sa, mld, link, this.ap.links);
  }

  // ---- authentication ----

  private onAuth(frame: Uint8Array): void {
    const parsed = parseAuth(frame);
    const link = this.linkFor(parsed.bssid);
    if (!link) return;
    const apMld = this.ap.mldAddrBytes;
    let a = parsed;
    let staMld: Uint8Array | undefined;
    if (apMld) {
      // A non-AP MLD names itself in a Basic Multi-Link element (802.11be 35.3.5.2).
      const ml = takeAuthMultiLink(parsed.algorithm, parsed.transaction, parsed.status, parsed.body);
      a = { ...parsed, body: ml.body };
      staMld = ml.mldAddr;
    }
    const addr = macToString(staMld ?? a.sa);
    const mlElement = staMld && apMld ? buildAuthMultiLink(apMld) : undefined;
    const reply = (status: number, transaction = a.transaction + 1): void => {
      const frame = buildAuth({ da: a.sa, sa: link.bssidBytes, bssid: link.bssidBytes, algorithm: a.algorithm, transaction, status, ...(mlElement ? { body: mlElement } : {}) });
      void this.ap.send(frame, { seqKey: addr, ...linkOpt(link) });
    };
    if (this.ap.isBanned(addr)) {
      this.counters.authRefused++;
      this.ap.log.info(`${addr}: authentication refused: banned by kick`);
      reply(StatusCode.REQUEST_DECLINED);
      return;
    }
    if (a.algorithm === AuthAlgorithm.SAE && this.ap.sae) {
      // SAE's commit/confirm exchange: its parent process (sae-responder.ts) owns the instances.
      const route: SaeRoute = {
        peer: addr, ownAddr: staMld ? apMld! : link.bssidBytes, peerAddr: staMld ?? a.sa, da: a.sa, bssid: link.bssidBytes,
        ...linkOpt(link), ...(mlElement ? { elements: mlElement } : {}),
        ...(staMld ? { mld: { linkId: link.linkId!, linkAddr: macToString(a.sa) } } : {}),
      };
      this.ap.sae.onAuth(a, route);
      return;
    }
    if (a.algorithm !== AuthAlgorithm.OPEN_SYSTEM || !this.ap.acceptsOpenSystem) {
      this.counters.authRefused++;
      this.ap.peerLog.warn(addr, 'auth', `authentication algorithm ${a.algorithm} refused (status UNSUPPORTED_AUTH_ALGORITHM)`);
      reply(StatusCode.UNSUPPORTED_AUTH_ALGORITHM);
      return;
    }
    if (a.transaction !== 1) {
      this.counters.authRefused++;
      reply(StatusCode.TRANSACTION_SEQUENCE_ERROR);
      return;
    }
    const prior = this.ap.stations.get(addr);
    // Authentication of an associated station starts it over (802.11-2020 11.3.4.2: a new
    // authentication replaces the old state): its association ends.
    if (prior && prior.state === 'authorized' && prior.pmf) {
      // An unprotected Authentication frame cannot end a PMF association: it may be forged
      // (11.13). The station keeps it; a (re)association that follows is met with SA Query.
      this.ap.log.debug(`${addr}: open system authentication of a PMF station: its association stays until SA Query says otherwise`);
      if (prior.mld && staMld) prior.mld.reauthAddr = macToString(a.sa);
      reply(StatusCode.SUCCESS, 2);
      return;
    }
    if (prior && prior.state !== 'authenticated') this.ap.forgetStation(prior, ReasonCode.INVALID_AUTHENTICATION, 'reauthenticated', false);
    const sta = this.ap.stations.authenticate(addr);
    // Open System replaces an SAE authentication not yet followed by an association: its
    // PMK may then come only from the PMKSA cache, named in the association request.
    sta.authAlgorithm = AuthAlgorithm.OPEN_SYSTEM;
    sta.sae?.stop?.();
    sta.sae = undefined;
    sta.pmk = undefined;
    sta.pmkid = undefined;
    sta.saeH2e = undefined;
    sta.linkId = link.linkId;
    sta.mld = staMld ? { linkAddr: macToString(a.sa), links: [] } : undefined;
    this.ap.log.debug(`${addr}: authenticated (open system${staMld ? `, non-AP MLD on link ${link.linkId}` : ''})`);
    reply(StatusCode.SUCCESS, 2);
  }

  // ---- (re)association ----

  /**
   * Requests of one station are handled in order: a second one while the first awaits the
   * kernel or the air would otherwise race it (two NEW_STATIONs, two 4-way handshakes). Of
   * the requests arriving meanwhile only the newest is kept; the station answers to that.
   */
  private queueAssoc(addr: string, frame: Uint8Array, reassoc: boolean): void {
    const job = () => this.onAssoc(frame, reassoc).catch((err: unknown) => this.fail(addr, 'association', err));
    const busy = this.assocBusy.get(addr);
    if (busy) {
      if (busy.next) this.counters.assocSuperseded++;
      busy.next = job;
      return;
    }
    const entry: { next?: () => Promise<void> } = {};
    this.assocBusy.set(addr, entry);
    void (async () => {
      for (let run: (() => Promise<void>) | undefined = job; run; run = entry.next, entry.next = undefined) await run();
      this.assocBusy.delete(addr);
    })();
  }

  private async onAssoc(frame: Uint8Array, reassoc: boolean): Promise<void> {
    let req: AssocRequest;
    try {
      req = parseAssocRequest(frame, { reassoc });
    } catch (err) {
      if (err instanceof FrameDecodeError && await this.refuseBadCapabilities(frame, reassoc, err)) return;
      throw err;
    }
    const link = this.linkFor(req.bssid);
    if (!link) return;
    const sta = this.stationFor(req.sa);
    const addr = sta?.addr ?? macToString(req.sa);
    if (!sta) {
      // Class 2 frame from a station that has not authenticated (11.3.3).
      this.ap.peerLog.warn(addr, 'assoc', 'association request before authentication: deauthenticated');
      void this.ap.send(buildDeauth({ da: req.sa, sa: link.bssidBytes, bssid: link.bssidBytes, reason: ReasonCode.INVALID_CLASS2_FRAME }), { seqKey: addr, ...linkOpt(link) });
      return;
    }
    let mloLinks: MloLinkRequest[] | undefined;
    let refusal = this.check(req, link);
    if (refusal === undefined && sta.mld) {
      try {
        const mlo = checkMloRequest(frame, req, sta.addr, link, this.ap.links);
        if (mlo.ok) mloLinks = mlo.mlo.links;
        else refusal = { status: mlo.status, why: mlo.why };
      } catch (err) {
        if (!(err instanceof FrameDecodeError)) throw err;
        // A malformed Multi-Link element or Per-STA Profile: counted and answered (status 40).
        this.counters.bad.assoc++;
        refusal = { status: StatusCode.STATUS_INVALID_ELEMENT, why: `Multi-Link element: ${err.message}` };
      }
    } else if (refusal === undefined && req.multiLink) {
      refusal = { status: StatusCode.REFUSED_REASON_UNSPECIFIED, why: 'Multi-Link element from a station that did not authenticate as a non-AP MLD' };
    }
    if (refusal === undefined) refusal = this.ap.checkSecurity(req, sta);
    if (refusal !== undefined) {
      this.counters.assocRefused++;
      this.ap.peerLog.warn(addr, 'assoc-refused', `association refused: ${statusCodeName(refusal.status)} (${refusal.why})`);
      await this.respond(req, link, refusal.status, 0, refusal.timeoutInterval ? { timeoutInterval: refusal.timeoutInterval } : {});
      return;
    }
    const reassociation = sta.aid !== undefined;
    // The kernel holds the station already (associated, mid 4-way, or authorized without PMF
    // or after an unanswered SA Query): its entry is updated, and the handshake of the earlier
    // association ends now so that no two handshakes race (hostapd's WPA_ASSOC event).
    const update = sta.inKernel;
    if (update) sta.authenticator?.cancel();
    const aid = sta.aid ?? this.ap.stations.allocateAid();
    if (aid === undefined) {
      this.counters.assocRefused++;
      this.ap.peerLog.warn(addr, 'assoc-refused', 'association refused: DENIED_NO_MORE_STAS (max_clients reached)');
      await this.respond(req, link, StatusCode.DENIED_NO_MORE_STAS, 0);
      return;
    }
    sta.aid = aid;
    sta.listenInterval = req.listenInterval;
    sta.capability = req.capabilityInfo;
    sta.rsne = req.rsneElement;
    const caps = stationCaps(req, link.caps, link.template.band === '6GHz');
    // MFP: mac80211 then protects robust management frames to and from the station; the
    // port (AUTHORIZED) of an RSN station opens after the 4-way handshake.
    const flags: StaFlag[] = ['authenticated', 'associated', ...(caps.wmm ? ['wme' as const] : []), ...(sta.pmf ? ['mfp' as const] : [])];
    sta.linkId = link.linkId;
    // On an AP MLD every station sits on a link: a non-AP MLD (keyed by its MLD address)
    // on its association link with its address there; a legacy station on the link it uses,
    // with no link address (mac80211 takes its own), as hostapd's driver_nl80211 sends them.
    const params: NewStationParams = {
      ...(link.linkId !== undefined ? { linkId: link.linkId } : {}),
      ...(sta.mld ? { linkAddr: macToString(req.sa) } : {}),
      ifindex: this.ap.ifindex,
      addr,
      aid,
      listenInterval: req.listenInterval,
      supportedRates: new Uint8Array(req.rateOctets),
      capability: req.capabilityInfo,
      flags: { mask: ['authenticated', 'associated', 'wme', 'mfp', 'authorized'], set: flags },
      ...caps.params,
    };
    if (update && sta.mld) await this.updateMldInKernel(sta, params, mloLinks ?? []);
    else {
      if (update) await this.updateInKernel(sta, params);
      else await newStation(this.ap.nl, params);
      sta.inKernel = true;
      if (sta.mld) await this.addMldLinks(sta, params, mloLinks ?? []);
    }
    if (this.left(sta)) {
      // It left (deauthentication, a new authentication) while NEW_STATION was in flight.
      await this.ap.removeFromKernel(sta);
      return;
    }
    sta.state = 'associated';
    sta.associatedAt = this.ap.clock.now();
    const elements = link.assocResponseElements(caps.wmm !== undefined);
    if (sta.mld && mloLinks) elements.push(this.responseMultiLink(link, mloLinks, caps, req.reassoc));
    const outcome = await this.respond(req, link, StatusCode.SUCCESS, aid, { elements });
    if (outcome !== 'acked') {
      // The station did not receive the response: it is not associated (hostapd's handle_assoc_cb).
      this.ap.log.info(`${addr}: association response not acknowledged (${outcome}); removing the station`);
      await this.ap.forgetStation(sta, ReasonCode.UNSPECIFIED_REASON, 'association response not acknowledged', false);
      return;
    }
    if (this.left(sta)) return;
    const links = sta.mld ? `, links ${sta.mld.links.map((l) => `${l.linkId} (${l.addr})`).join(', ')}` : link.linkId !== undefined ? `, link ${link.linkId}` : '';
    this.ap.log.info(`${addr}: ${reassociation ? 're' : ''}associated, AID ${aid}, ${caps.mode === 'legacy' ? 'non-HT' : caps.mode.toUpperCase()}${caps.wmm ? ', WMM' : ''}${links}`);
    this.ap.emit('assoc', { addr, aid, reassoc: req.reassoc, ...stationLinks(sta) });
    await this.ap.onAssociated(sta);
  }

  /**
   * A new association of a station the kernel holds (as hostapd with a driver keeping full
   * AP client state): the port closes and ASSOCIATED is cleared, so cfg80211 takes new rates
   * and capabilities; the old PTK goes (a new 4-way handshake follows; hostapd's
   * wpa_remove_ptk); SET_STATION then carries the request's parameters, AID kept, and
   * associates it again. A kernel refusing that (the entry vanished, or no full AP client
   * state) gets the entry removed and added anew, one after the other.
   */
  private async updateInKernel(sta: ApStation, p: NewStationParams): Promise<void> {
    const nl = this.ap.nl;
    try {
      await setStationFlags(nl, p.ifindex, p.addr, ['authorized', 'associated'], []);
      // A pairwise key belongs to the station (its MLD on an AP MLD), never to a link: no link ID.
      await delKey(nl, p.ifindex, 0, p.addr).catch((err: unknown) => {
        if (!(err instanceof Nl80211Error && err.code === 'ENOENT')) throw err;
      });
      await updateStation(nl, p);
      this.counters.assocUpdated++;
    } catch (err) {
      if (!(err instanceof Nl80211Error)) throw err;
      this.ap.log.info(`${p.addr}: updating the station entry refused (${err.message}): removing and adding it`);
      await this.ap.removeFromKernel(sta);
      await newStation(nl, p);
    }
  }

  /** Whether the station's entry was removed (or replaced) while an association awaited the kernel or the air. */
  private left(sta: ApStation): boolean {
    return this.ap.stations.get(sta.addr) !== sta;
  }

  /** A non-AP MLD just added on its association link (NEW_STATION): ADD_LINK_STA for each further link. */
  private async addMldLinks(sta: ApStation, p: NewStationParams, more: readonly MloLinkRequest[]): Promise<void> {
    sta.mld!.links = [{ linkId: p.linkId!, addr: p.linkAddr! }];
    sta.mld!.linkAddr = p.linkAddr!;
    sta.mld!.reauthAddr = undefined;
    for (const l of more) if (await addMldLink(this.ap, sta, l)) sta.mld!.links.push({ linkId: l.linkId, addr: l.staAddr });
  }

  /**
   * A new (re)association of a non-AP MLD the kernel holds: its entry and link stations
   * updated in place (mld-station.ts); a kernel refusing a step gets the entry removed and
   * added anew, links and all.
   */
  private async updateMldInKernel(sta: ApStation, p: NewStationParams, more: readonly MloLinkRequest[]): Promise<void> {
    try {
      await updateMldStation(this.ap, sta, p, more);
      this.counters.assocUpdated++;
    } catch (err) {
      if (!(err instanceof Nl80211Error)) throw err;
      this.ap.log.info(`${p.addr}: updating the non-AP MLD's entry refused (${err.message}): removing and adding it`);
      await this.ap.removeFromKernel(sta);
      await newStation(this.ap.nl, p);
      sta.inKernel = true;
      await this.addMldLinks(sta, p, more);
    }
  }

  /** The response's Basic Multi-Link element: the AP MLD and a Per-STA Profile with the status of every link asked for. */
  private responseMultiLink(link: ApLink, links: MloLinkRequest[], caps: StationCaps, reassoc: boolean): Uint8Array {
    const wmm = caps.wmm !== undefined;
    return buildResponseMultiLink(
      { mldAddr: this.ap.mldAddrBytes!, assocLink: link, linkCount: this.ap.links.length, reassoc },
      links,
      responseElements(link, wmm, reassoc),
      (other) => responseElements(other, links.find((l) => l.link === other)?.caps?.wmm !== undefined, reassoc),
    );
  }

  /** The status code refusing the request on `link` (SSID, basic rates), or undefined. */
  private check(req: AssocRequest, link: ApLink): AssocRefusal | undefined {
    if (!Buffer.from(req.ssid).equals(Buffer.from(link.template.ssid))) return { status: StatusCode.REFUSED_REASON_UNSPECIFIED, why: 'SSID is not this BSS\'s' };
    const offered = new Set(req.rateOctets.map((o) => o & 0x7f));
    const missing = link.basicRates.filter((r) => !offered.has(r));
    if (missing.length > 0) return { status: StatusCode.REFUSED_BASIC_RATES_MISMATCH, why: `basic rates ${missing.map((r) => r / 2).join(', ')} Mb/s not supported` };
    return undefined;
  }

  private async respond(
    req: Pick<AssocRequest, 'sa' | 'reassoc'>, link: ApLink, status: number, aid: number,
    extra: { timeoutInterval?: AssocRefusal['timeoutInterval']; elements?: Uint8Array[] } = {},
  ): Promise<string> {
    const frame = buildAssocResponse({
      da: req.sa, sa: link.bssidBytes, bssid: link.bssidBytes, reassoc: req.reassoc, capabilityInfo: link.capabilityInfo, status, aid, rates: link.template.rates,
      ...(extra.timeoutInterval ? { timeoutInterval: extra.timeoutInterval } : {}),
      ...(extra.elements ? { elements: extra.elements } : {}),
    });
    return this.ap.send(frame, { seqKey: this.stationFor(req.sa)?.addr ?? macToString(req.sa), ...linkOpt(link) });
  }

  /**
   * A request from an authenticated station whose HT/VHT/HE/EHT Capabilities element is
   * malformed: refused with status 40 (invalid element) and counted, rather than left
   * unanswered. False when the fault lies elsewhere.
   */
  private async refuseBadCapabilities(frame: Uint8Array, reassoc: boolean, err: FrameDecodeError): Promise<boolean> {
    const h = parseMgmtHeader(frame);
    const link = this.linkFor(h.bssid);
    const addr = macToString(h.sa);
    const fixed = h.headerLength + 4 + (reassoc ? 6 : 0);
    if (!link || !this.stationFor(h.sa) || frame.length < fixed) return false;
    const bad = badCapabilityElement(frame.subarray(fixed));
    if (!bad) return false;
    this.counters.bad.assoc++;
    this.counters.assocRefused++;
    this.ap.peerLog.warn(addr, 'assoc', `association refused: STATUS_INVALID_ELEMENT (${bad}; ${err.message})`);
    await this.respond({ sa: h.sa, reassoc }, link, StatusCode.STATUS_INVALID_ELEMENT, 0);
    return true;
  }

  // ---- leaving ----

  private onLeave(frame: Uint8Array): void {
    const f = parseDeauthOrDisassoc(frame);
    if (!this.isOurs(f.bssid)) return;
    const sta = this.stationFor(f.sa);
    if (!sta) return;
    const addr = sta.addr;
    this.ap.log.info(`${addr}: ${f.kind === 'deauth' ? 'deauthenticated' : 'disassociated'} by the station, reason ${f.reason} (${reasonCodeName(f.reason)})`);
    void this.ap.forgetStation(sta, f.reason, `${f.kind} by the station`, false);
  }

  /**
   * Sends a deauthentication to the station (kick, shutdown). A non-AP MLD the kernel holds
   * is addressed by MLD addresses (mac80211 picks the link and translates); otherwise the
   * frame goes on the station's link between link addresses.
   */
  async deauthenticate(addr: string, reason: number): Promise<void> {
    const r = stationRoute(this.ap, addr, this.ap.stations.get(addr));
    await this.ap.send(buildDeauth({ da: r.da, sa: r.bssid, bssid: r.bssid, reason }), { seqKey: addr, ...(r.linkId !== undefined ? { linkId: r.linkId } : {}) });
  }
}

function linkOpt(link: ApLink): { linkId?: number } {
  return link.linkId !== undefined ? { linkId: link.linkId } : {};
}


/** Whether a station is authorized in the kernel: SET_STATION AUTHORIZED (open network, or after the 4-way handshake). */
export async function authorize(ap: ApContext, sta: ApStation): Promise<void> {
  await setStationFlags(ap.nl, ap.ifindex, sta.addr, ['authorized'], ['authorized']);
  sta.state = 'authorized';
}
