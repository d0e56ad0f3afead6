// A transcription of the part of Linux 6.12's nl80211_policy (net/wireless/nl80211.c) that
// the station commands use, and of the checks nl80211_authenticate / nl80211_associate /
// nl80211_deauthenticate make before calling the driver. Tests run wifid's encoded bytes
// (not its attribute objects) through it, so a wrong type, length or combination fails
// here as the kernel would refuse it (EINVAL), without a VM.
import { forEachAttr } from '../../core/nl80211/attrs.js';

type Rule =
  | { t: 'u8' | 'u16' | 'u32'; min?: number; max?: number }
  | { t: 'flag' }
  | { t: 'binary'; minLen?: number; maxLen?: number; exact?: number; elements?: boolean }
  | { t: 'nested-array' };

/** Attribute id -> [name, rule], ids as in include/uapi/linux/nl80211.h of 6.12. */
const POLICY: Record<number, [string, Rule]> = {
  3: ['IFINDEX', { t: 'u32' }],
  6: ['MAC', { t: 'binary', exact: 6 }], // NLA_POLICY_EXACT_LEN_WARN(ETH_ALEN)
  38: ['WIPHY_FREQ', { t: 'u32' }],
  42: ['IE', { t: 'binary', maxLen: 2304, elements: true }], // validate_ie_attr, IEEE80211_MAX_DATA_LEN
  52: ['SSID', { t: 'binary', minLen: 1, maxLen: 32 }], // NLA_POLICY_RANGE(NLA_BINARY, 1, IEEE80211_MAX_SSID_LEN)
  53: ['AUTH_TYPE', { t: 'u32', max: 8 }], // NLA_POLICY_MAX(NLA_U32, NL80211_AUTHTYPE_MAX)
  54: ['REASON_CODE', { t: 'u16', min: 1 }], // NLA_POLICY_RANGE(NLA_U16, 1, U16_MAX)
  66: ['USE_MFP', { t: 'u32', min: 0, max: 2 }], // NLA_POLICY_RANGE(NLA_U32, NL80211_MFP_NO, NL80211_MFP_OPTIONAL)
  68: ['CONTROL_PORT', { t: 'flag' }],
  73: ['CIPHER_SUITES_PAIRWISE', { t: 'binary' }],
  74: ['CIPHER_SUITE_GROUP', { t: 'u32' }],
  75: ['WPA_VERSIONS', { t: 'u32' }],
  76: ['AKM_SUITES', { t: 'binary' }],
  79: ['PREV_BSSID', { t: 'binary', exact: 6 }],
  95: ['LOCAL_STATE_CHANGE', { t: 'flag' }],
  102: ['CONTROL_PORT_ETHERTYPE', { t: 'u16' }],
  156: ['AUTH_DATA', { t: 'binary' }],
  204: ['SOCKET_OWNER', { t: 'flag' }],
  264: ['CONTROL_PORT_OVER_NL80211', { t: 'flag' }],
  312: ['MLO_LINKS', { t: 'nested-array' }], // NLA_POLICY_NESTED_ARRAY(nl80211_policy)
  313: ['MLO_LINK_ID', { t: 'u8', min: 0, max: 14 }], // NLA_POLICY_RANGE(NLA_U8, 0, IEEE80211_MLD_MAX_NUM_LINKS - 1)
  314: ['MLD_ADDR', { t: 'binary', exact: 6 }], // NLA_POLICY_EXACT_LEN(ETH_ALEN)
};

export type Parsed = Map<string, Uint8Array | Parsed[]>;

const INT_LEN = { u8: 1, u16: 2, u32: 4 } as const;

function readInt(t: 'u8' | 'u16' | 'u32', v: Uint8Array): number {
  const b = Buffer.from(v);
  return t === 'u8' ? b.readUInt8(0) : t === 'u16' ? b.readUInt16LE(0) : b.readUInt32LE(0);
}

/** validate_ie_attr: the octets are whole elements, nothing left over. */
function wholeElements(v: Uint8Array): boolean {
  let off = 0;
  while (off + 2 <= v.length) off += 2 + v[off + 1]!;
  return off === v.length;
}

/** Parses attribute bytes as the kernel's policy would; throws with the reason it refuses them. */
export function parseByPolicy(bytes: Uint8Array): Parsed {
  const out: Parsed = new Map();
  forEachAttr(bytes, (type, value) => {
    const entry = POLICY[type];
    if (!entry) throw new Error(`attribute ${type} is not in the transcribed policy`);
    const [name, rule] = entry;
    if (out.has(name)) throw new Error(`${name} twice`);
    switch (rule.t) {
      case 'u8': case 'u16': case 'u32': {
        if (value.length !== INT_LEN[rule.t]) throw new Error(`${name}: ${value.length} octets for ${rule.t}`);
        const n = readInt(rule.t, value);
        if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) throw new Error(`${name}: ${n} out of range`);
        out.set(name, value);
        break;
      }
      case 'flag':
        if (value.length !== 0) throw new Error(`${name}: a flag with ${value.length} octets`);
        out.set(name, value);
        break;
      case 'binary':
        if (rule.exact !== undefined && value.length !== rule.exact) throw new Error(`${name}: ${value.length} octets, exactly ${rule.exact} expected`);
        if (rule.minLen !== undefined && value.length < rule.minLen) throw new Error(`${name}: below ${rule.minLen} octets`);
        if (rule.maxLen !== undefined && value.length > rule.maxLen) throw new Error(`${name}: above ${rule.maxLen} octets`);
        if (rule.elements && !wholeElements(value)) throw new Error(`${name}: not whole elements`);
        out.set(name, value);
        break;
      case 'nested-array': {
        const items: Parsed[] = [];
        forEachAttr(value, (_i, item) => items.push(parseByPolicy(item)));
        out.set(name, items);
        break;
      }
    }
  });
  return out;
}

const has = (p: Parsed, ...names: string[]) => names.every((n) => p.has(n));
const u = (p: Parsed, name: string, t: 'u8' | 'u16' | 'u32') => readInt(t, p.get(name) as Uint8Array);

/** nl80211_authenticate's checks (6.12) after the policy; the reason it would refuse, or undefined. */
export function authenticateRefusal(p: Parsed): string | undefined {
  if (!has(p, 'IFINDEX', 'MAC', 'AUTH_TYPE', 'SSID', 'WIPHY_FREQ')) return 'MAC, AUTH_TYPE, SSID and WIPHY_FREQ are required';
  const authType = u(p, 'AUTH_TYPE', 'u32');
  if (authType === 4 /* SAE */) {
    const data = p.get('AUTH_DATA') as Uint8Array | undefined;
    if (!data) return 'SAE without AUTH_DATA';
    if (data.length < 4) return 'AUTH_DATA below 4 octets';
  } else if (p.has('AUTH_DATA')) return 'AUTH_DATA for an auth type other than SAE/FILS';
  if (p.has('MLO_LINK_ID') && !p.has('MLD_ADDR')) return 'MLO_LINK_ID without MLD_ADDR';
  return undefined;
}

/** nl80211_associate's checks (6.12) after the policy (crypto settings included); the reason it would refuse, or undefined. */
export function associateRefusal(p: Parsed): string | undefined {
  if (!has(p, 'IFINDEX', 'SSID')) return 'SSID is required';
  const pairwise = p.get('CIPHER_SUITES_PAIRWISE') as Uint8Array | undefined;
  if (pairwise && pairwise.length % 4 !== 0) return 'CIPHER_SUITES_PAIRWISE not whole u32s';
  const akms = p.get('AKM_SUITES') as Uint8Array | undefined;
  if (akms && akms.length % 4 !== 0) return 'AKM_SUITES not whole u32s';
  const links = p.get('MLO_LINKS') as Parsed[] | undefined;
  if (!links) {
    if (p.has('MLO_LINK_ID')) return 'MLO_LINK_ID without MLO_LINKS';
    if (!has(p, 'MAC', 'WIPHY_FREQ')) return 'MAC and WIPHY_FREQ are required without MLO_LINKS';
    return undefined;
  }
  if (!p.has('MLO_LINK_ID')) return 'MLO_LINKS without MLO_LINK_ID';
  if (p.has('MAC') || p.has('WIPHY_FREQ') || !p.has('MLD_ADDR')) return 'MLO_LINKS with MAC or WIPHY_FREQ, or without MLD_ADDR';
  const seen = new Set<number>();
  for (const l of links) {
    if (!l.has('MLO_LINK_ID')) return 'a link without MLO_LINK_ID';
    const id = u(l, 'MLO_LINK_ID', 'u8');
    if (seen.has(id)) return `link ${id} twice`;
    seen.add(id);
    if (!has(l, 'MAC', 'WIPHY_FREQ')) return `link ${id} without MAC or WIPHY_FREQ`;
  }
  const assoc = u(p, 'MLO_LINK_ID', 'u8');
  const assocLink = links.find((l) => u(l, 'MLO_LINK_ID', 'u8') === assoc);
  if (!assocLink) return 'no BSS for the association link';
  if (assocLink.has('IE')) return 'cannot have per-link elems on assoc link';
  return undefined;
}
