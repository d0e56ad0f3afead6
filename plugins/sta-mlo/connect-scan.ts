// The scan a connection starts from: an active scan for one SSID through the radio work
// queue (TRIGGER_SCAN with that SSID, so a hidden network answers too; the results by
// GET_SCAN dump once NEW_SCAN_RESULTS or SCAN_ABORTED came), and the BSSs of that SSID as
// connection targets with their RSNE/RSNXE. cfg80211 keeps the BSS in its cache, where
// AUTHENTICATE and ASSOCIATE look it up (nl80211_authenticate: ENOENT without it).
import { iterateElements, buildElement, ElementExtId, ElementId } from '../../core/ieee80211/elements.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { MultiLinkType, multiLinkType, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { ScopedNl80211, ScopedRadioWork } from '../../core/plugin/index.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import type { ConnectTarget } from './connection.js';

/** A BSS of the wanted SSID, strongest first. */
export interface ScannedBss extends ConnectTarget {
  signalMbm?: number;
  /** An affiliated AP of an AP MLD (its beacon's Basic Multi-Link element): the AP MLD's address and this link's id. */
  apMld?: { addr: string; linkId: number };
}

/** Priority of a connection's scan in the radio work queue (below P2P listen, above background scans). */
const CONNECT_SCAN_PRIORITY = 50;
/** A scan under TCG takes seconds; the kernel ends every scan itself long before this. */
const SCAN_LIMIT_MS = 30_000;

export interface ConnectScanHost {
  wiphy: number;
  ifindex: number;
  scoped: ScopedNl80211;
  radio: ScopedRadioWork;
  clock: MonotonicClock;
}

/** Scans for `ssid` and returns its BSSs (optionally only `bssid`), strongest first. */
export async function scanForSsid(h: ConnectScanHost, ssid: Uint8Array, bssid?: string): Promise<ScannedBss[]> {
  await new Promise<void>((resolve, reject) => {
    let timer: TimerHandle | undefined;
    let unsubscribe: (() => void) | undefined;
    const finish = (err?: Error) => {
      if (timer !== undefined) h.clock.clearTimer(timer);
      unsubscribe?.();
      if (err) reject(err);
      else resolve();
    };
    h.radio.enqueue(h.wiphy, {
      name: 'sta-connect-scan',
      priority: CONNECT_SCAN_PRIORITY,
      run: async (done) => {
        unsubscribe = h.scoped.subscribe({
          cmds: ['NEW_SCAN_RESULTS', 'SCAN_ABORTED'],
          ifindex: h.ifindex,
          priority: 'low',
          handler: () => { done(); finish(); },
        });
        timer = h.clock.setTimer(() => { done(); finish(new Error('the scan did not end')); }, SCAN_LIMIT_MS);
        try {
          await h.scoped.request('TRIGGER_SCAN', { IFINDEX: h.ifindex, SCAN_SSIDS: nestedSsids([ssid]) });
        } catch (err) {
          done();
          finish(err as Error);
        }
        return 'pending' as const;
      },
      cancel: () => finish(new Error('the scan was cancelled')),
    });
  });
  const dump = await h.scoped.request('GET_SCAN', { IFINDEX: h.ifindex }, { dump: true });
  return bssOfSsid(dump, ssid, bssid);
}

/** NL80211_ATTR_SCAN_SSIDS: nested, one attribute per SSID (types 1..n). */
function nestedSsids(ssids: Uint8Array[]): Uint8Array {
  const parts: Buffer[] = [];
  ssids.forEach((s, i) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(4 + s.length, 0);
    head.writeUInt16LE(i + 1, 2);
    parts.push(head, Buffer.from(s), Buffer.alloc((4 - (s.length % 4)) % 4));
  });
  return Buffer.concat(parts);
}

/** The BSSs of a GET_SCAN dump that carry `ssid` (and are `bssid`, if given), strongest first; BSSs with broken elements are left out. */
export function bssOfSsid(dump: Attrs_nl80211_attrs[], ssid: Uint8Array, bssid?: string): ScannedBss[] {
  const out: ScannedBss[] = [];
  for (const r of dump) {
    const b = r.BSS;
    if (!b?.BSSID || !b.FREQUENCY) continue;
    if (bssid !== undefined && b.BSSID !== bssid) continue;
    const ies = b.INFORMATION_ELEMENTS ?? b.BEACON_IES;
    if (!ies) continue;
    let found: { ssid?: Uint8Array; rsne?: Uint8Array; rsnxe?: Uint8Array; ml?: { addr: string; linkId: number } | null };
    try {
      found = {};
      for (const e of iterateElements(ies)) {
        if (e.id === ElementId.SSID && found.ssid === undefined) found.ssid = e.data;
        else if (e.id === ElementId.RSN && found.rsne === undefined) found.rsne = buildElement(e.id, e.data);
        else if (e.id === ElementId.RSNX && found.rsnxe === undefined) found.rsnxe = buildElement(e.id, e.data);
        else if (e.id === ElementId.EXTENSION && e.extId === ElementExtId.MULTI_LINK && found.ml === undefined) found.ml = apMldOf(e.data.subarray(1));
      }
    } catch (err) {
      if (err instanceof FrameDecodeError) continue;
      throw err;
    }
    if (!found.ssid || !Buffer.from(found.ssid).equals(Buffer.from(ssid))) continue;
    out.push({
      ssid, bssid: b.BSSID, freq: b.FREQUENCY,
      ...(found.rsne ? { rsne: found.rsne } : {}),
      ...(found.rsnxe ? { rsnxe: found.rsnxe } : {}),
      ...(b.SIGNAL_MBM !== undefined ? { signalMbm: b.SIGNAL_MBM } : {}),
      ...(found.ml ? { apMld: found.ml } : {}),
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

/**
 * The connection target for `chosen`: a single BSS, or, for an affiliated AP of an AP MLD
 * when `mlo`, the AP MLD with `chosen` as the association link and its other affiliated APs
 * the scan found (on `freqs` only, when given) as further links.
 */
export function targetFor(chosen: ScannedBss, all: readonly ScannedBss[], mlo: boolean, freqs?: readonly number[]): ConnectTarget {
  const { signalMbm: _s, apMld, ...bss } = chosen;
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
