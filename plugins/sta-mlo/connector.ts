// A station's connections, one at a time: `connect` (ubus, runtime) scans for the SSID,
// picks the strongest BSS (or the one named), for an AP MLD asks it with a multi-link
// probe for the partner links the scan did not bring (ml-probe.ts), runs a StaConnection (the SME) and reports
// the result; the station's MLME events and EAPOL reach the connection under way; a loss
// is announced (wifid.sta.disconnected with the reason) and shown in status. EAPOL leaves
// through the TX queue's control port on the station's lane.
import { EAPOL_ETHERTYPE } from '../../core/nl80211/ap-commands.js';
import { STA_MLME_EVENTS } from '../../core/nl80211/sta-events.js';
import type { Nl80211Event } from '../../core/nl80211/dispatch.js';
import { reasonCodeName } from '../../core/ieee80211/reason-codes.js';
import type { Logger } from '../../core/log.js';
import type { ScopedNl80211, ScopedRadioWork, TypedEvents } from '../../core/plugin/index.js';
import type { MonotonicClock } from '../../core/txq/clock.js';
import type { TxOutcome, TxSubmit } from '../../core/txq/types.js';
import { scanForSsid, targetFor, type RnrPartner, type ScannedBss } from './connect-scan.js';
import { missingPartnerLinks, probePartnerLinks, rescanMayFind, type MlProbeReport } from './ml-probe.js';
// The SME (and with it the RSN crypto and @noble's AES-CMAC) is loaded with the first connect: off the start path.
import type { ConnectSecurity, StaConnection } from './connection.js';
import { StaError } from './errors.js';
import type { StaEvents } from './events.js';
import type { StaEncryption } from './sta-rsn.js';
import { authKeyMgmtName } from '../../core/rsn/akm-names.js';
import { AKM_PSK_SHA256, AKM_SAE, parseRsne } from '../../core/ieee80211/rsn-element.js';
import type { StationStats } from '../../core/nl80211/station-stats.js';
import type { ConnectionLinkView } from './link-status.js';

export interface ConnectorHost {
  name: string;
  ifname: string;
  ifindex: number;
  wdev: bigint;
  wiphy: number;
  addr: string;
  scoped: ScopedNl80211;
  radio: ScopedRadioWork;
  txq: { submit(s: TxSubmit): Promise<TxOutcome> };
  clock: MonotonicClock;
  log: Logger;
  events: TypedEvents<StaEvents>;
  /** An association ended by the AP or the kernel (not by disconnect), after its event. */
  onLoss?: () => void;
}

export interface ConnectRequest {
  ssid: string;
  /** Absent: none without a key, else the strongest the AP offers (sae, psk2-sha256, psk2). */
  encryption?: StaEncryption;
  key?: string;
  /** Absent: the encryption's default (sae and psk2-sha256 2, psk2 1: PMF when the AP can). */
  ieee80211w?: 0 | 1 | 2;
  bssid?: string;
  /** Associate over every link of an AP MLD the scan found (default; sae only), or one link (false). */
  mlo?: boolean;
  /** Only the links on these frequencies (MHz). */
  links?: number[];
  /** The connect scan covers only these channels (MHz); absent: every channel. */
  freqs?: number[];
}

/** The encryption a connect without one uses against the AP's RSNE. */
function autoEncryption(key: string | undefined, rsne: Uint8Array | undefined): StaEncryption {
  if (key === undefined || !rsne) return 'none';
  let akms: number[] = [];
  try {
    akms = parseRsne(rsne.subarray(2)).akms;
  } catch {
    return 'psk2';
  }
  return akms.includes(AKM_SAE) ? 'sae' : akms.includes(AKM_PSK_SHA256) ? 'psk2-sha256' : 'psk2';
}

export type LinkState = 'disconnected' | 'scanning' | 'authenticating' | 'associating' | 'handshake' | 'connected' | 'auth_failed';

/** The connection in status; while connected also the kernel's station figures (StationStats, link-status.ts). */
export type ConnectionView = StationStats & {
  state: LinkState;
  ssid?: string;
  bssid?: string;
  freq?: number;
  akm?: string;
  pmf?: boolean;
  /** Over links: the station's own MLD address (its netdev's address). */
  mld_addr?: string;
  /** A multi-link association: the AP MLD's address, the link the station associated on, the links set up and not removed. */
  ap_mld_addr?: string;
  assoc_link_id?: number;
  links?: ConnectionLinkView[];
  /** The multi-link probe made before this association, when the scan lacked partner links. */
  ml_probe?: MlProbeReport;
  /** Why the last attempt failed, or why the last association ended. */
  reason?: string;
  reason_code?: number;
  /** While connected: what the kernel's figures could not be read for (link-status.ts). */
  kernel_error?: string;
};

/** Scans before a connect gives up on finding the network. */
const SCANS_PER_CONNECT = 3;

export class StationConnector {
  private conn?: StaConnection;
  private lastSsid?: string;
  private scanning = false;
  private failure?: { reason: string; code?: number };
  private mlProbe?: MlProbeReport;
  private unsubscribe?: () => void;

  constructor(private readonly h: ConnectorHost) {}

  /** Listens to the station's MLME events and EAPOL (from the interface's start on). */
  start(): void {
    this.unsubscribe = this.h.scoped.subscribe({
      cmds: [...STA_MLME_EVENTS, 'CONTROL_PORT_FRAME'],
      ifindex: this.h.ifindex,
      priority: 'high',
      handler: (ev: Nl80211Event) => this.conn?.onEvent(ev.cmd, ev.attrs),
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.conn = undefined;
  }

  get busy(): boolean {
    return this.scanning || (this.conn !== undefined && !['connected', 'failed', 'disconnected'].includes(this.conn.state));
  }

  async connect(req: ConnectRequest): Promise<ConnectionView> {
    if (this.busy) throw new StaError('INVALID_ARGUMENT', `station ${this.h.name} is connecting already`);
    if (this.conn?.state === 'connected') await this.disconnect();
    this.lastSsid = req.ssid;
    this.failure = undefined;
    this.mlProbe = undefined;
    const ssid = new TextEncoder().encode(req.ssid);
    const wanted = (b: ScannedBss) => (req.bssid === undefined || b.bssid === req.bssid) && (!req.links || req.links.includes(b.freq));
    const wantMlo = req.mlo !== false && req.encryption !== 'psk2' && req.encryption !== 'psk2-sha256' && req.encryption !== 'none';
    let all: ScannedBss[] = [];
    let chosen: ScannedBss | undefined;
    this.scanning = true;
    try {
      // One scan can miss the AP (a probe response answered late, a beacon between two
      // dwells), or a partner link of an AP MLD on a channel it covered: up to
      // SCANS_PER_CONNECT scans, as a supplicant scans again. GET_SCAN returns what
      // cfg80211 holds from all of them. A partner link on a channel not scanned is asked
      // for with a multi-link probe instead.
      for (let i = 0; i < SCANS_PER_CONNECT; i++) {
        all = await scanForSsid(this.h, ssid, req.freqs ? { freqs: req.freqs } : {});
        chosen = all.find(wanted);
        if (chosen && !(wantMlo && rescanMayFind(missingPartnerLinks(chosen, all, req.links), req.freqs))) break;
      }
      const missing = chosen && wantMlo && (req.encryption ?? autoEncryption(req.key, chosen.rsne)) === 'sae' ? missingPartnerLinks(chosen, all, req.links) : [];
      if (chosen && missing.length > 0) all = await this.probe(ssid, chosen, missing, all);
    } catch (err) {
      this.failure = { reason: `scan failed: ${(err as Error).message}` };
      throw new StaError('UNKNOWN_ERROR', this.failure.reason);
    } finally {
      this.scanning = false;
    }
    if (!chosen) {
      this.failure = { reason: `network '${req.ssid}'${req.bssid ? ` (${req.bssid})` : ''} not found in the scan` };
      throw new StaError('NOT_FOUND', this.failure.reason);
    }
    const h = this.h;
    const { StaConnection, ConnectError } = await import('./connection.js');
    const encryption = req.encryption ?? autoEncryption(req.key, chosen.rsne);
    // 802.11be associations over links are SAE's (a PSK AKM gives a single-link association).
    const target = targetFor(chosen, all, wantMlo && encryption === 'sae', req.links);
    const ieee80211w = req.ieee80211w ?? (encryption === 'psk2' ? 1 : encryption === 'none' ? 0 : 2);
    const security: ConnectSecurity = { encryption, ieee80211w, ...(req.key !== undefined ? { key: req.key } : {}) };
    const conn = new StaConnection({
      ifindex: h.ifindex, ownAddr: h.addr, nl: h.scoped, clock: h.clock, log: h.log,
      sendEapol: (dest, pdu, noEncrypt) => this.sendEapol(dest, pdu, noEncrypt),
    }, target, security);
    this.conn = conn;
    try {
      await conn.connect((c) => this.onLost(c), (c, linkId) => {
        if (this.conn === c) h.events.emit('link_removed', { sta: h.name, ifname: h.ifname, link_id: linkId, ap_mld_addr: c.target.mld?.apMldAddr ?? c.target.bssid, links: c.links.map((l) => l.linkId) });
      });
    } catch (err) {
      if (!(err instanceof ConnectError)) throw err;
      this.failure = { reason: `${err.stage === 'auth' || err.stage === 'handshake' ? 'auth_failed' : `${err.stage}_failed`}: ${err.message}`, ...(err.status !== undefined ? { code: err.status } : {}) };
      throw new StaError('UNKNOWN_ERROR', this.failure.reason);
    }
    h.log.notice(`connected to ${target.bssid} (${req.ssid}, ${conn.rsn ? authKeyMgmtName(conn.rsn.akm) : 'open'})`);
    h.events.emit('connected', { sta: h.name, ifname: h.ifname, ssid: req.ssid, bssid: target.bssid, freq: target.freq, akm: conn.rsn ? authKeyMgmtName(conn.rsn.akm) : 'NONE', pmf: conn.rsn?.pmf ?? false });
    return this.view();
  }

  async disconnect(): Promise<ConnectionView> {
    const c = this.conn;
    if (!c || c.state !== 'connected') throw new StaError('INVALID_ARGUMENT', `station ${this.h.name} is not connected`);
    await c.disconnect();
    this.announceEnd(c);
    return this.view();
  }

  view(): ConnectionView {
    const c = this.conn;
    if (this.scanning) return { state: 'scanning', ...(this.lastSsid ? { ssid: this.lastSsid } : {}) };
    if (!c) return { state: this.failure ? 'auth_failed' : 'disconnected', ...(this.lastSsid ? { ssid: this.lastSsid } : {}), ...this.failureView() };
    const base = { ssid: new TextDecoder().decode(c.target.ssid), bssid: c.target.bssid, freq: c.target.freq };
    const rsn = { akm: c.rsn ? authKeyMgmtName(c.rsn.akm) : 'NONE', pmf: c.rsn?.pmf ?? false };
    switch (c.state) {
      case 'connected': return {
        state: 'connected', ...base, ...rsn,
        ...(c.target.mld ? { mld_addr: this.h.addr, ap_mld_addr: c.target.mld.apMldAddr, assoc_link_id: c.target.mld.assocLinkId, links: c.links.map((l) => ({ link_id: l.linkId, bssid: l.bssid, freq: l.freq })) } : {}),
        ...(this.mlProbe ? { ml_probe: { ...this.mlProbe, links: [...this.mlProbe.links], learned: [...this.mlProbe.learned] } } : {}),
      };
      case 'failed': return { state: this.failure?.reason.startsWith('auth_failed') ? 'auth_failed' : 'disconnected', ssid: base.ssid, ...this.failureView() };
      case 'disconnected': return { state: 'disconnected', ssid: base.ssid, ...(c.ended ? { reason: c.ended.why, reason_code: c.ended.reason } : {}) };
      default: return { state: c.state, ...base };
    }
  }

  /**
   * The multi-link probe for `missing` (ml-probe.ts); resolves with the SSID's BSSs after
   * it. Links it does not bring are left out of the association, which is no failure; a
   * probe scan that fails leaves the scan's BSSs (`scanned`) as they were.
   */
  private async probe(ssid: Uint8Array, chosen: ScannedBss, missing: readonly RnrPartner[], scanned: ScannedBss[]): Promise<ScannedBss[]> {
    const asked = missing.map((p) => `${p.linkId} (${p.freq} MHz)`).join(', ');
    this.h.log.info(`multi-link probe to ${chosen.bssid} (link ${chosen.apMld!.linkId}, ${chosen.freq} MHz) for partner links ${asked}, known only from its RNR`);
    try {
      const { all, report } = await probePartnerLinks(this.h, ssid, chosen, missing);
      this.mlProbe = report;
      const left = report.links.filter((id) => !report.learned.includes(id));
      if (left.length === 0) this.h.log.info(`multi-link probe answered: links ${report.learned.join(', ')} learned (${report.probes} probe${report.probes > 1 ? 's' : ''})`);
      else this.h.log.notice(`multi-link probe: no profile of links ${left.join(', ')} heard in ${report.probes} probes; associating without them`);
      return all;
    } catch (err) {
      this.h.log.notice(`multi-link probe failed (${(err as Error).message}); associating over the links the scan found`);
      this.mlProbe = { bssid: chosen.bssid, links: missing.map((p) => p.linkId), learned: [], probes: 0 };
      return scanned;
    }
  }

  private failureView(): Pick<ConnectionView, 'reason' | 'reason_code'> {
    return this.failure ? { reason: this.failure.reason, ...(this.failure.code !== undefined ? { reason_code: this.failure.code } : {}) } : {};
  }

  private onLost(c: StaConnection): void {
    if (this.conn !== c) return;
    this.announceEnd(c);
    this.h.onLoss?.();
  }

  private announceEnd(c: StaConnection): void {
    const e = c.ended;
    this.h.events.emit('disconnected', {
      sta: this.h.name, ifname: this.h.ifname, ssid: new TextDecoder().decode(c.target.ssid), bssid: c.target.bssid,
      reason: e?.reason ?? 0, reason_name: e ? reasonCodeName(e.reason) : 'unknown', by_ap: e?.byAp ?? false,
    });
  }

  private async sendEapol(dest: string, pdu: Uint8Array, noEncrypt: boolean): Promise<void> {
    const out = await this.h.txq.submit({
      lane: { wdev: this.h.wdev },
      class: 'critical',
      frame: pdu,
      seqKey: `eapol ${dest}`,
      controlPort: { dest, ethertype: EAPOL_ETHERTYPE, noEncrypt },
    });
    if (out.status === 'failed' || out.status === 'rejected') throw new Error(`EAPOL to ${dest}: ${out.status}: ${'message' in out ? out.message : ''}`);
  }
}
