// The AP's MLME in userspace, as hostapd runs it over mac80211: management frames the
// kernel hands up (registered on the high-priority socket) are parsed and answered here:
// probe requests, open-system authentication, (re)association with every element
// checked and a status code on refusal, deauthentication/disassociation both ways.
// Retransmitted frames are discarded (rx-duplicates.ts); the (re)association requests of
// one station are handled one after the other, and a station the kernel holds already is
// updated in place (SET_STATION), never added twice.
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
import type { ApContext, AssocRefusal } from './ap-context.js';
import type { ApStation } from './station-table.js';
import { badCapabilityElement, stationCaps } from './station-caps.js';
import { RxDuplicateCache } from './rx-duplicates.js';

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
  /** Retransmissions (Retry bit, same sequence control) discarded. */
  duplicates: number;
  /** (Re)association requests replaced by a newer one of the same station before they were handled. */
  assocSuperseded: number;
  /** (Re)associations of a station the kernel held, updated with SET_STATION. */
  assocUpdated: number;
}

export class Mlme {
  readonly counters: MlmeCounters = { bad: newBadFrameCounters(), authRefused: 0, assocRefused: 0, probeAnswered: 0, duplicates: 0, assocSuperseded: 0, assocUpdated: 0 };
  private readonly duplicates = new RxDuplicateCache();
  /** Per station with a (re)association request being handled: the newest one waiting behind it. */
  private readonly assocBusy = new Map<string, { next?: () => Promise<void> }>();

  constructor(private readonly ap: ApContext) {}

  /** A management frame from the kernel (NL80211_CMD_FRAME). Never throws. */
  onFrame(frame: Uint8Array): void {
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
        case MgmtSubtype.PROBE_REQ: this.onProbeRequest(frame); break;
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

  // ---- probe requests ----

  private onProbeRequest(frame: Uint8Array): void {
    const h = parseMgmtHeader(frame);
    const link = this.ap.link;
    if (!isBroadcastMac(h.bssid) && !macEquals(h.bssid, link.bssidBytes)) return;
    let ssidOk = false;
    for (const e of iterateElements(frame.subarray(h.headerLength))) {
      if (e.id !== ElementId.SSID) continue;
      // A wildcard (empty) SSID is answered unless the BSS hides its SSID.
      ssidOk = e.data.length === 0 ? !link.setup.hidden : Buffer.from(e.data).equals(Buffer.from(link.template.ssid));
      break;
    }
    if (!ssidOk) return;
    this.counters.probeAnswered++;
    void this.ap.send(link.probeResponse(h.sa), { cls: 'management', noAck: isBroadcastMac(h.sa) });
  }

  // ---- authentication ----

  private onAuth(frame: Uint8Array): void {
    const a = parseAuth(frame);
    const link = this.ap.link;
    if (!macEquals(a.bssid, link.bssidBytes)) return;
    const addr = macToString(a.sa);
    const reply = (status: number, transaction = a.transaction + 1): void => {
      void this.ap.send(buildAuth({ da: a.sa, sa: link.bssidBytes, bssid: link.bssidBytes, algorithm: a.algorithm, transaction, status }), { seqKey: addr });
    };
    if (this.ap.isBanned(addr)) {
      this.counters.authRefused++;
      this.ap.log.info(`${addr}: authentication refused: banned by kick`);
      reply(StatusCode.REQUEST_DECLINED);
      return;
    }
    if (a.algorithm === AuthAlgorithm.SAE && this.ap.sae) {
      // SAE's commit/confirm exchange: its parent process (sae-responder.ts) owns the instances.
      this.ap.sae.onAuth(a);
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
    this.ap.log.debug(`${addr}: authenticated (open system)`);
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
    const link = this.ap.link;
    if (!macEquals(req.bssid, link.bssidBytes)) return;
    const addr = macToString(req.sa);
    const sta = this.ap.stations.get(addr);
    if (!sta) {
      // Class 2 frame from a station that has not authenticated (11.3.3).
      this.ap.peerLog.warn(addr, 'assoc', 'association request before authentication: deauthenticated');
      void this.ap.send(buildDeauth({ da: req.sa, sa: link.bssidBytes, bssid: link.bssidBytes, reason: ReasonCode.INVALID_CLASS2_FRAME }), { seqKey: addr });
      return;
    }
    const refusal = this.check(req, sta);
    if (refusal !== undefined) {
      this.counters.assocRefused++;
      this.ap.peerLog.warn(addr, 'assoc-refused', `association refused: ${statusCodeName(refusal.status)} (${refusal.why})`);
      await this.respond(req, refusal.status, 0, refusal.timeoutInterval ? { timeoutInterval: refusal.timeoutInterval } : {});
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
      await this.respond(req, StatusCode.DENIED_NO_MORE_STAS, 0);
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
    const params: NewStationParams = {
      ifindex: this.ap.ifindex,
      addr,
      aid,
      listenInterval: req.listenInterval,
      supportedRates: new Uint8Array(req.rateOctets),
      capability: req.capabilityInfo,
      flags: { mask: ['authenticated', 'associated', 'wme', 'mfp', 'authorized'], set: flags },
      ...caps.params,
    };
    if (update) await this.updateInKernel(sta, params);
    else await newStation(this.ap.nl, params);
    sta.inKernel = true;
    if (this.left(sta)) {
      // It left (deauthentication, a new authentication) while NEW_STATION was in flight.
      await this.ap.removeFromKernel(sta);
      return;
    }
    sta.state = 'associated';
    sta.associatedAt = this.ap.clock.now();
    const outcome = await this.respond(req, StatusCode.SUCCESS, aid, { elements: link.assocResponseElements(caps.wmm !== undefined) });
    if (outcome !== 'acked') {
      // The station did not receive the response: it is not associated (hostapd's handle_assoc_cb).
      this.ap.log.info(`${addr}: association response not acknowledged (${outcome}); removing the station`);
      await this.ap.forgetStation(sta, ReasonCode.UNSPECIFIED_REASON, 'association response not acknowledged', false);
      return;
    }
    if (this.left(sta)) return;
    this.ap.log.info(`${addr}: ${reassociation ? 're' : ''}associated, AID ${aid}, ${caps.mode === 'legacy' ? 'non-HT' : caps.mode.toUpperCase()}${caps.wmm ? ', WMM' : ''}`);
    this.ap.emit('assoc', { addr, aid, reassoc: req.reassoc });
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

  /** The status code refusing the request, or undefined to accept it. */
  private check(req: AssocRequest, sta: ApStation): AssocRefusal | undefined {
    const link = this.ap.link;
    if (!Buffer.from(req.ssid).equals(Buffer.from(link.template.ssid))) return { status: StatusCode.REFUSED_REASON_UNSPECIFIED, why: 'SSID is not this BSS\'s' };
    const offered = new Set(req.rateOctets.map((o) => o & 0x7f));
    const missing = link.basicRates.filter((r) => !offered.has(r));
    if (missing.length > 0) return { status: StatusCode.REFUSED_BASIC_RATES_MISMATCH, why: `basic rates ${missing.map((r) => r / 2).join(', ')} Mb/s not supported` };
    return this.ap.checkSecurity(req, sta);
  }

  private async respond(
    req: Pick<AssocRequest, 'sa' | 'reassoc'>, status: number, aid: number,
    extra: { timeoutInterval?: AssocRefusal['timeoutInterval']; elements?: Uint8Array[] } = {},
  ): Promise<string> {
    const link = this.ap.link;
    const frame = buildAssocResponse({
      da: req.sa, sa: link.bssidBytes, bssid: link.bssidBytes, reassoc: req.reassoc, capabilityInfo: link.capabilityInfo, status, aid, rates: link.template.rates,
      ...(extra.timeoutInterval ? { timeoutInterval: extra.timeoutInterval } : {}),
      ...(extra.elements ? { elements: extra.elements } : {}),
    });
    return this.ap.send(frame, { seqKey: macToString(req.sa) });
  }

  /**
   * A request from an authenticated station whose HT/VHT/HE/EHT Capabilities element is
   * malformed: refused with status 40 (invalid element) and counted, rather than left
   * unanswered. False when the fault lies elsewhere.
   */
  private async refuseBadCapabilities(frame: Uint8Array, reassoc: boolean, err: FrameDecodeError): Promise<boolean> {
    const h = parseMgmtHeader(frame);
    const link = this.ap.link;
    const addr = macToString(h.sa);
    const fixed = h.headerLength + 4 + (reassoc ? 6 : 0);
    if (!macEquals(h.bssid, link.bssidBytes) || !this.ap.stations.get(addr) || frame.length < fixed) return false;
    const bad = badCapabilityElement(frame.subarray(fixed));
    if (!bad) return false;
    this.counters.bad.assoc++;
    this.counters.assocRefused++;
    this.ap.peerLog.warn(addr, 'assoc', `association refused: STATUS_INVALID_ELEMENT (${bad}; ${err.message})`);
    await this.respond({ sa: h.sa, reassoc }, StatusCode.STATUS_INVALID_ELEMENT, 0);
    return true;
  }

  // ---- leaving ----

  private onLeave(frame: Uint8Array): void {
    const f = parseDeauthOrDisassoc(frame);
    if (!macEquals(f.bssid, this.ap.link.bssidBytes)) return;
    const addr = macToString(f.sa);
    const sta = this.ap.stations.get(addr);
    if (!sta) return;
    this.ap.log.info(`${addr}: ${f.kind === 'deauth' ? 'deauthenticated' : 'disassociated'} by the station, reason ${f.reason} (${reasonCodeName(f.reason)})`);
    void this.ap.forgetStation(sta, f.reason, `${f.kind} by the station`, false);
  }

  /** Sends a deauthentication to the station (kick, shutdown). */
  async deauthenticate(addr: string, reason: number): Promise<void> {
    const link = this.ap.link;
    await this.ap.send(buildDeauth({ da: macFromString(addr), sa: link.bssidBytes, bssid: link.bssidBytes, reason }), { seqKey: addr });
  }
}

/** Whether a station is authorized in the kernel: SET_STATION AUTHORIZED (open network, or after the 4-way handshake). */
export async function authorize(ap: ApContext, sta: ApStation): Promise<void> {
  await setStationFlags(ap.nl, ap.ifindex, sta.addr, ['authorized'], ['authorized']);
  sta.state = 'authorized';
}
