// How wifid.ap and wifid.sta name AKMs in replies: as wpa_supplicant's key_mgmt names them, so a
// script compares `wifid.ap clients` / `wifid.sta status` with `wpa_cli status` directly.
import { AKM_PSK, AKM_PSK_SHA256, AKM_SAE, AKM_SAE_EXT_KEY, suiteToString } from '../ieee80211/rsn-element.js';

const NAMES = new Map<number, string>([
  [0, 'NONE'],
  [AKM_PSK, 'WPA2-PSK'],
  [AKM_PSK_SHA256, 'WPA2-PSK-SHA256'],
  [AKM_SAE, 'SAE'],
  [AKM_SAE_EXT_KEY, 'SAE-EXT-KEY'],
]);

export function authKeyMgmtName(akm: number): string {
  return NAMES.get(akm) ?? suiteToString(akm);
}
