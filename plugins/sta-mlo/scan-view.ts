// The results of a scan as wifid.sta shows them: every BSS the kernel holds for the
// station, and the AP MLDs among them, each once with all its links: the links heard
// (their own Basic Multi-Link element) and the partner links their RNR names, so an AP
// MLD of which one link was heard is still listed whole. A BSS whose elements do not
// parse is left out and counted (frames from the air are not trusted).
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { parseBssElements, type BssElements } from '../../core/ieee80211/bss-elements.js';
import type { ScanResult } from '../../core/nl80211/scan.js';
import { authKeyMgmtName as akmName } from '../../core/rsn/akm-names.js';

// Types, not interfaces: ubus replies need types with an implicit index signature.
export type BssView = {
  bssid: string;
  ssid: string;
  freq: number;
  signal?: number;
  seen_ms_ago?: number;
  /** AKM names as wpa_supplicant's key_mgmt (WPA2-PSK, WPA2-PSK-SHA256, SAE, ...), as connected names them; empty for an open BSS. */
  akm: string[];
  /** Management frame protection the BSS asks for: 0 off, 1 capable, 2 required. */
  pmf: 0 | 1 | 2;
  /** SAE hash-to-element (RSNXE). */
  h2e: boolean;
  /** An AP of an AP MLD: the MLD address and the link it is. */
  mld_addr?: string;
  link_id?: number;
};

export type ApMldLinkView = {
  link_id: number;
  bssid: string;
  freq?: number;
  /** Of a link heard in the scan; a link known only from a partner's RNR has none. */
  signal?: number;
  /** Whether this link's own beacon or probe response was heard. */
  heard: boolean;
};

export type ApMldView = {
  ssid: string;
  mld_addr: string;
  akm: string[];
  pmf: 0 | 1 | 2;
  h2e: boolean;
  links: ApMldLinkView[];
};

export interface ScanView {
  bss: BssView[];
  ap_mlds: ApMldView[];
  /** Results left out because their elements did not parse. */
  malformed: number;
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });

function pmfOf(e: BssElements): 0 | 1 | 2 {
  if (!e.rsn) return 0;
  return e.rsn.mfpRequired ? 2 : e.rsn.mfpCapable ? 1 : 0;
}

/** Strongest first; equal signals by BSSID so the order is stable. */
const bySignal = (a: { signal?: number; bssid: string }, b: { signal?: number; bssid: string }): number =>
  (b.signal ?? -Infinity) - (a.signal ?? -Infinity) || a.bssid.localeCompare(b.bssid);

export function scanView(results: readonly ScanResult[]): ScanView {
  const bss: BssView[] = [];
  const parsed: { r: ScanResult; e: BssElements }[] = [];
  let malformed = 0;
  for (const r of results) {
    let e: BssElements;
    try {
      e = parseBssElements(r.ies);
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw err;
      malformed++;
      continue;
    }
    parsed.push({ r, e });
    bss.push({
      bssid: r.bssid,
      ssid: e.ssid ? textDecoder.decode(e.ssid) : '',
      freq: r.freq,
      ...(r.signal !== undefined ? { signal: r.signal } : {}),
      ...(r.seenMsAgo !== undefined ? { seen_ms_ago: r.seenMsAgo } : {}),
      akm: (e.rsn?.akms ?? []).map(akmName),
      pmf: pmfOf(e),
      h2e: e.h2e,
      ...(e.mld ? { mld_addr: e.mld.mldAddr } : {}),
      ...(e.mld?.linkId !== undefined ? { link_id: e.mld.linkId } : {}),
    });
  }
  bss.sort(bySignal);
  return { bss, ap_mlds: apMlds(parsed), malformed };
}

function apMlds(parsed: readonly { r: ScanResult; e: BssElements }[]): ApMldView[] {
  const mlds = new Map<string, ApMldView>();
  // Strongest first, so an AP MLD's SSID and security come from its best-heard link.
  const heard = parsed.filter((p) => p.e.mld !== undefined).sort((a, b) => bySignal(a.r, b.r));
  for (const { r, e } of heard) {
    const addr = e.mld!.mldAddr;
    let mld = mlds.get(addr);
    if (!mld) {
      mld = { ssid: e.ssid ? textDecoder.decode(e.ssid) : '', mld_addr: addr, akm: (e.rsn?.akms ?? []).map(akmName), pmf: pmfOf(e), h2e: e.h2e, links: [] };
      mlds.set(addr, mld);
    }
    const linkId = e.mld!.linkId;
    if (linkId !== undefined) {
      const link: ApMldLinkView = { link_id: linkId, bssid: r.bssid, freq: r.freq, ...(r.signal !== undefined ? { signal: r.signal } : {}), heard: true };
      const at = mld.links.findIndex((l) => l.link_id === linkId);
      // A link heard replaces what a partner's RNR said of it; of two heard, the strongest stays.
      if (at < 0) mld.links.push(link);
      else if (!mld.links[at]!.heard) mld.links[at] = link;
    }
    for (const p of e.partners) {
      if (p.disabled || mld.links.some((l) => l.link_id === p.linkId)) continue;
      mld.links.push({ link_id: p.linkId, bssid: p.bssid, ...(p.freq !== undefined ? { freq: p.freq } : {}), heard: false });
    }
  }
  for (const m of mlds.values()) m.links.sort((a, b) => a.link_id - b.link_id);
  return [...mlds.values()];
}
