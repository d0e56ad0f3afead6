// Test helpers for the AP's RSN: `config ap` settings and (re)association request frames
// as a station sends them (header, capability, listen interval, SSID, rates, RSNE...).
import { ConfigService } from '../../core/config/index.js';
import { StderrLogger } from '../../core/log.js';
import { ByteWriter } from '../../core/ieee80211/byte-writer.js';
import { buildSsidElement } from '../../core/ieee80211/elements.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { buildMgmtHeader, MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { buildRateElements } from '../../core/ieee80211/rates.js';
import { AP_SECTION, type ApSettings } from '../../plugins/mld-ap/config.js';

/** The settings of one valid `config ap` section with `options` (name -> value) added. */
export function apSettings(options: Record<string, string>): ApSettings {
  const lines = ["config ap 'home'", "\toption phy 'phy0'", "\toption channel '1'", "\toption ssid 'wifid-rsn'",
    ...Object.entries(options).map(([k, v]) => `\toption ${k} '${v}'`)];
  const config = new ConfigService('/etc/config/wifid', new StderrLogger('error', 'test', { write: () => {} }), undefined, () => lines.join('\n'));
  config.register(AP_SECTION);
  const problems = config.load();
  const s = config.section(AP_SECTION, 'home');
  if (!s) throw new Error(`section refused: ${JSON.stringify(problems)}`);
  return s.values;
}

export interface AssocFrameOptions {
  sa: string;
  bssid: string;
  ssid: string;
  reassoc?: boolean;
  /** Whole elements after SSID and rates (RSNE, RSNXE, ...). */
  elements?: Uint8Array[];
  /** 500 kb/s units with 0x80 for basic. Default: 802.11b/g rates. */
  rates?: number[];
}

/** A (re)association request as a station sends it. */
export function assocRequestFrame(o: AssocFrameOptions): Uint8Array {
  const bssid = macFromString(o.bssid);
  const w = new ByteWriter(256);
  w.bytes(buildMgmtHeader({ subtype: o.reassoc ? MgmtSubtype.REASSOC_REQ : MgmtSubtype.ASSOC_REQ, da: bssid, sa: macFromString(o.sa), bssid }));
  w.le16(0x0431).le16(5);
  if (o.reassoc) w.bytes(bssid);
  const rates = buildRateElements(o.rates ?? [0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24, 0x30, 0x48, 0x60, 0x6c]);
  w.bytes(buildSsidElement(new TextEncoder().encode(o.ssid))).bytes(rates.supported);
  if (rates.extended) w.bytes(rates.extended);
  for (const e of o.elements ?? []) w.bytes(e);
  return w.finish();
}
