// Scanning over nl80211, shared by every user of a radio's scan (P2P device discovery,
// stations): TRIGGER_SCAN with its SSIDs, frequencies and extra elements, the wait for
// NEW_SCAN_RESULTS or SCAN_ABORTED, and the GET_SCAN dump decoded into plain results.
// The caller runs a scan inside its radio work item (core/radio), so that a radio does
// one thing at a time.
import type { Attrs_nl80211_attrs } from './gen/schema.generated.js';
import type { Nl80211Event } from './dispatch.js';
import type { Nl80211Requester } from './ap-commands.js';

/**
 * NL80211_ATTR_SCAN_SSIDS is a nested list whose entries are the SSIDs as attributes
 * numbered from 1 (as wpa_supplicant's nl80211_scan_common builds it); the schema types
 * it as binary, so the nesting is written here: len (u16), type (u16), SSID, padding to 4.
 * An empty SSID is the wildcard (an active scan for every network).
 */
export function encodeScanSsids(ssids: readonly Uint8Array[]): Uint8Array {
  const parts: number[] = [];
  ssids.forEach((ssid, i) => {
    const len = 4 + ssid.length;
    parts.push(len & 0xff, len >> 8, (i + 1) & 0xff, (i + 1) >> 8, ...ssid);
    while (parts.length % 4 !== 0) parts.push(0);
  });
  return new Uint8Array(parts);
}

export interface ScanParams {
  wdev: bigint;
  /** SSIDs to probe for; [] (or absent) is a passive scan, [empty] the wildcard. */
  ssids?: readonly Uint8Array[];
  /** MHz; absent: every channel the radio can use. */
  freqs?: readonly number[];
  /** Elements added to the probe requests. */
  ie?: Uint8Array;
  /** Probe requests at OFDM rates (TX_NO_CCK_RATE), as P2P requires. */
  noCck?: boolean;
  /**
   * A directed scan: the probe requests go to this BSSID (their address 1 and BSSID
   * field, NL80211_ATTR_BSSID) instead of the broadcast address, as a multi-link probe
   * to one AP of an AP MLD is sent (802.11be 35.3.4.2). Absent: broadcast.
   */
  bssid?: string;
}

export async function triggerScan(nl: Nl80211Requester, p: ScanParams): Promise<void> {
  await nl.request('TRIGGER_SCAN', {
    WDEV: p.wdev,
    ...(p.ssids && p.ssids.length > 0 ? { SCAN_SSIDS: encodeScanSsids(p.ssids) } : {}),
    ...(p.freqs ? { SCAN_FREQUENCIES: [...p.freqs] } : {}),
    ...(p.ie ? { IE: p.ie } : {}),
    ...(p.noCck ? { TX_NO_CCK_RATE: true } : {}),
    ...(p.bssid ? { BSSID: p.bssid } : {}),
  } as Attrs_nl80211_attrs);
}

/** The scan is over: NEW_SCAN_RESULTS ('done') or SCAN_ABORTED ('aborted'). */
export function scanEndOf(ev: Nl80211Event): 'done' | 'aborted' | undefined {
  if (ev.cmd === 'NEW_SCAN_RESULTS') return 'done';
  if (ev.cmd === 'SCAN_ABORTED') return 'aborted';
  return undefined;
}

export const SCAN_END_EVENTS = ['NEW_SCAN_RESULTS', 'SCAN_ABORTED'] as const;

export interface ScanResult {
  bssid: string;
  freq: number;
  /** dBm (SIGNAL_MBM / 100), when the driver reports it. */
  signal?: number;
  seenMsAgo?: number;
  capability?: number;
  beaconIntervalTu?: number;
  /** The elements of the last frame heard (probe response or beacon). */
  ies: Uint8Array;
  /** The elements of the last beacon, when the kernel kept one apart. */
  beaconIes?: Uint8Array;
  /** Whether the kernel says the interface is authenticated (0) or associated (1) with it. */
  status?: number;
  /** The kernel's own reading of an AP MLD's link (Linux 6.5+): its link id and MLD address. */
  kernelLinkId?: number;
  kernelMldAddr?: string;
}

/** A GET_SCAN dump entry as a ScanResult; undefined when it lacks a BSSID, frequency or elements. */
export function decodeScanEntry(attrs: Attrs_nl80211_attrs): ScanResult | undefined {
  const b = attrs.BSS;
  if (!b || b.BSSID === undefined || b.FREQUENCY === undefined) return undefined;
  const ies = b.INFORMATION_ELEMENTS ?? b.BEACON_IES;
  if (!ies) return undefined;
  return {
    bssid: b.BSSID.toLowerCase(),
    freq: b.FREQUENCY,
    ...(b.SIGNAL_MBM !== undefined ? { signal: b.SIGNAL_MBM / 100 } : {}),
    ...(b.SEEN_MS_AGO !== undefined ? { seenMsAgo: b.SEEN_MS_AGO } : {}),
    ...(b.CAPABILITY !== undefined ? { capability: b.CAPABILITY } : {}),
    ...(b.BEACON_INTERVAL !== undefined ? { beaconIntervalTu: b.BEACON_INTERVAL } : {}),
    ies,
    ...(b.BEACON_IES !== undefined ? { beaconIes: b.BEACON_IES } : {}),
    ...(b.STATUS !== undefined ? { status: b.STATUS } : {}),
    ...(b.MLO_LINK_ID !== undefined ? { kernelLinkId: b.MLO_LINK_ID } : {}),
    ...(b.MLD_ADDR !== undefined ? { kernelMldAddr: b.MLD_ADDR.toLowerCase() } : {}),
  };
}

/** A GET_SCAN dump's decoded replies as ScanResults, the entries without a BSSID, frequency or elements left out. */
export function decodeScanDump(entries: readonly Attrs_nl80211_attrs[]): ScanResult[] {
  const out: ScanResult[] = [];
  for (const e of entries) {
    const r = decodeScanEntry(e);
    if (r) out.push(r);
  }
  return out;
}

/** What a scan needs of the nl80211 service: requests and an event subscription (a plugin's scope). */
export interface ScanPort extends Nl80211Requester {
  subscribe(sub: { cmds: readonly ('NEW_SCAN_RESULTS' | 'SCAN_ABORTED')[]; wdev: bigint; priority: 'low'; handler: (ev: Nl80211Event) => void }): () => void;
}

export interface RunningScan {
  /** Resolves when the kernel reports the end of the scan; rejects when TRIGGER_SCAN is refused. */
  ended: Promise<'done' | 'aborted'>;
  /** ABORT_SCAN (the kernel then reports SCAN_ABORTED, which ends `ended`). */
  abort(): Promise<void>;
}

/**
 * Triggers a scan and watches for its end. The subscription is made before the trigger,
 * so an end reported at once is not missed, and released when the scan ends.
 */
export function runScan(port: ScanPort, p: ScanParams): RunningScan {
  let unsubscribe: (() => void) | undefined;
  const ended = new Promise<'done' | 'aborted'>((resolve, reject) => {
    unsubscribe = port.subscribe({
      cmds: SCAN_END_EVENTS, wdev: p.wdev, priority: 'low',
      handler: (ev) => {
        const end = scanEndOf(ev);
        if (end) resolve(end);
      },
    });
    triggerScan(port, p).catch(reject);
  });
  const settled = ended.finally(() => unsubscribe?.());
  settled.catch(() => undefined);
  return {
    ended: settled,
    abort: async () => {
      await port.request('ABORT_SCAN', { WDEV: p.wdev });
    },
  };
}
