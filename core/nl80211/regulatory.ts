// The kernel's global regulatory domain (NL80211_CMD_GET_REG without a wiphy): its ISO
// 3166-1 alpha-2 country code, or undefined for the world domain ("00") and the kernel's
// other non-country values ("99" intersection, "98" driver-specific, "97" not set yet).
import type { Nl80211Requester } from './ap-commands.js';

export async function getRegulatoryCountry(nl: Nl80211Requester): Promise<string | undefined> {
  const [reply] = await nl.request('GET_REG', {});
  const alpha2 = reply?.REG_ALPHA2;
  return alpha2 !== undefined && /^[A-Z]{2}$/.test(alpha2) ? alpha2 : undefined;
}
