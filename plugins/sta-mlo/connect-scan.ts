// The scan a connection starts from: an active scan for one SSID through the radio work
// queue (core/nl80211/scan.ts's TRIGGER_SCAN with that SSID, so a hidden network answers
// too; the results by GET_SCAN dump once NEW_SCAN_RESULTS or SCAN_ABORTED came), and the BSSs of that SSID as
// connection targets with their RSNE/RSNXE, and for an AP of an AP MLD the partner links
// its RNR names. cfg80211 keeps the BSS in its cache, where AUTHENTICATE and ASSOCIATE look
// it up (nl80211_authenticate: ENOENT without it); the same scan, directed to one BSSID
// with a Probe Request Multi-Link element, is the multi-link probe (ml-probe.ts).
import { iterateElements, buildElement, ElementExtId, ElementId } from '../../core/ieee80211/elements.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { MultiLinkType, multiLinkType, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { addRnrPartners, type PartnerLink } from '../../core/ieee80211/bss-elements.js';
import type { ScopedNl80211, ScopedRadioWork } from '../../core/plugin/index.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import { RadioWorkPriority } from '../../core/radio/work-queue.js';
import { runScan, type RunningScan, type ScanParams, type ScanResult } from '../../core/nl80211/scan.js';
import type { ConnectTarget } from './connection.js';

/** A link of the same AP MLD that a BSS's Reduced Neighbor Report names (802.11be 35.3.4.1), on a known channel. */
export interface RnrPartner {
  linkId: number;
  bssid: string;
  freq: number;
}

/** A BSS of the wanted SSID, strongest first. */
export interface ScannedBss extends ConnectTarget {
  signalMbm?: number;
  /** An affiliated AP of an AP MLD (its beacon's Basic Multi-Link element): the AP MLD's address and this link's id. */
  apMld?: { addr: string; linkId: number };
  /** Of an affiliated AP: the other links of its AP MLD its RNR names (not disabled); absent when none. */
  partners?: RnrPartner[];
}

/** What a connect scan may add to the SSID: only these channels, and the multi-link probe's BSSID and element. */
export type ConnectScanParams = Pick<ScanParams, 'freqs' | 'bssid' | 'ie'>;

/** A scan under TCG takes seconds; the kernel ends every scan itself long before this. */
const SCAN_LIMIT_MS = 30_000;

export interface ConnectScanHost {
  wiphy: number;
  ifindex: number;
  wdev: bigint;
  scoped: ScopedNl80211;
  radio: ScopedRadioWork;
  clock: MonotonicClock;
}

/**
 * Scans for `ssid` and returns its BSSs, strongest first: every one cfg80211 holds, not
 * only those this scan heard. Radio work of priority SCAN: ahead of P2P discovery and
 * periodic scans, which would otherwise keep the radio from a connection; trigger and
 * wait are core/nl80211/scan.ts's.
 */
export async function scanForSsid(h: ConnectScanHost, ssid: Uint8Array, scan: ConnectScanParams = {}): Promise<ScannedBss[]> {
  await new Promise<void>((resolve, reject) => {
    let timer: TimerHandle | undefined;
    let running: RunningScan | undefined;
    let failure: Error | undefined;
    let started = false;
    h.radio.enqueue(h.wiphy, {
      name: 'sta-connect-scan',
      priority: RadioWorkPriority.SCAN,
      run: (done) => {
        started = true;
        running = runScan(h.scoped, { ...scan, wdev: h.wdev, ssids: [ssid] });
        timer = h.clock.setTimer(() => {
          failure = new Error('the scan did not end');
          running?.abort().catch(() => undefined);
          done();
        }, SCAN_LIMIT_MS);
        running.ended.catch((err: unknown) => { failure = err as Error; }).finally(done);
        return 'pending';
      },
      cancel: () => {
        failure = new Error('the scan was cancelled');
        running?.abort().catch(() => undefined);
      },
      cleanup: () => {
        if (timer !== undefined) h.clock.clearTimer(timer);
        if (!started) failure ??= new Error('the scan was cancelled before it started');
        if (failure) reject(failure);
        else resolve();
      },
    });
  });
  return bssOfSsid(await h.scoped.dumpScan(h.wdev), ssid);
}

/** The BSSs of a GET_SCAN dump that carry `ssid`, strongest first; BSSs with broken elements are left out. */
export function bssOfSsid(dump: readonly ScanResult[], ssid: Uint8Array): ScannedBss[] {
  const out: ScannedBss[] = [];
  for (const b of dump) {
    const ies = b.ies;
    let found: { ssid?: Uint8Array; rsne?: Uint8Array; rsnxe?: Uint8Array; ml?: { addr: string; linkId: number } | null; rnr: Uint8Array[] };
    try {
      found = { rnr: [] };
      for (const e of iterateElements(ies)) {
        if (e.id === ElementId.SSID && found.ssid === undefined) found.ssid = e.data;
        else if (e.id === ElementId.RSN && found.rsne === undefined) found.rsne = buildElement(e.id, e.data);
        else if (e.id === ElementId.RSNX && found.rsnxe === undefined) found.rsnxe = buildElement(e.id, e.data);
        else if (e.id === ElementId.REDUCED_NEIGHBOR_REPORT) found.rnr.push(e.data);
        else if (e.id === ElementId.EXTENSION && e.extId === ElementExtId.MULTI_LINK && found.ml === undefined) found.ml = apMldOf(e.data.subarray(1));
      }
    } catch (err) {
      if (err instanceof FrameDecodeError) continue;
      throw err;
    }
    const partners = found.ml ? rnrPartners(found.rnr, found.ml.linkId) : [];
    if (!found.ssid || !Buffer.from(found.ssid).equals(Buffer.from(ssid))) continue;
    out.push({
      ssid, bssid: b.bssid, freq: b.freq,
      ...(found.rsne ? { rsne: found.rsne } : {}),
      ...(found.rsnxe ? { rsnxe: found.rsnxe } : {}),
      ...(b.signal !== undefined ? { signalMbm: Math.round(b.signal * 100) } : {}),
      ...(found.ml ? { apMld: found.ml } : {}),
      ...(partners.length > 0 ? { partners } : {}),
    });
  }
  return out.sort((x, y) => (y.signalMbm ?? -10_000) - (x.signalMbm ?? -10_000));
}

/** The AP MLD of a beacon's Multi-Link element, or null (not Basic, no Link ID Info, malformed: taken as a single BSS). */
function apMldOf(data: Uint8Array): { addr: string; linkId: number } | null {
  try {
    if (multiLinkType(data) !== MultiLinkType.BASIC) return null;
    const ml = parseBasicMultiLink(data);
    return ml.linkId !== undefined ? { addr: macToString(ml.mldAddr), linkId: ml.linkId } : null;
  } catch (err) {
    if (err instanceof FrameDecodeError) return null;
    throw err;
  }
}

/** The usable partner links (enabled, on a known channel, not `ownLinkId`) the RNR bodies name; none when one is malformed (the BSS is still usable alone). */
function rnrPartners(rnr: readonly Uint8Array[], ownLinkId: number): RnrPartner[] {
  const named: PartnerLink[] = [];
  try {
    for (const body of rnr) addRnrPartners(named, body);
  } catch (err) {
    if (err instanceof FrameDecodeError) return [];
    throw err;
  }
  return named.filter((p) => !p.disabled && p.freq !== undefined && p.linkId !== ownLinkId).map((p) => ({ linkId: p.linkId, bssid: p.bssid, freq: p.freq! }));
}

/**
 * The connection target for `chosen`: a single BSS, or, for an affiliated AP of an AP MLD
 * when `mlo`, the AP MLD with `chosen` as the association link and its other affiliated APs
 * the scan found (on `freqs` only, when given) as further links.
 */
export function targetFor(chosen: ScannedBss, all: readonly ScannedBss[], mlo: boolean, freqs?: readonly number[]): ConnectTarget {
  const { signalMbm: _s, apMld, partners: _p, ...bss } = chosen;
  if (!mlo || !apMld) return bss;
  const seen = new Set([apMld.linkId]);
  const links = [];
  for (const b of all) {
    if (!b.apMld || b.apMld.addr !== apMld.addr || seen.has(b.apMld.linkId)) continue;
    if (freqs && !freqs.includes(b.freq)) continue;
    seen.add(b.apMld.linkId);
    links.push({ linkId: b.apMld.linkId, bssid: b.bssid, freq: b.freq, ...(b.rsne ? { rsne: b.rsne } : {}), ...(b.rsnxe ? { rsnxe: b.rsnxe } : {}) });
  }
  return { ...bss, mld: { apMldAddr: apMld.addr, assocLinkId: apMld.linkId, links: links.sort((a, b) => a.linkId - b.linkId) } };
}
