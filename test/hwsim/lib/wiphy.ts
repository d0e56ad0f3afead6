// Pure readers of nl80211 replies for the hwsim helpers: netlink attributes
// and the merged parts of a split GET_WIPHY dump. Names and numbers come from
// the generated kernel schema.
import { ENUMS } from '../../../core/nl80211/gen/schema.generated.js';

const ATTR = ENUMS.nl80211_attrs.values;
const IFTYPE = ENUMS.nl80211_iftype.values;

export type Nl80211AttrName = keyof typeof ATTR;

/** Top-level attributes of one message: type -> payloads (several when repeated). */
export type AttrMap = Map<number, Buffer[]>;

/** Walks netlink attributes (struct nlattr: u16 len, u16 type, 4-byte aligned). */
export function parseAttrs(buf: Buffer): AttrMap {
  const out: AttrMap = new Map();
  let off = 0;
  while (off + 4 <= buf.length) {
    const len = buf.readUInt16LE(off);
    const type = buf.readUInt16LE(off + 2) & 0x3fff; // drop NLA_F_NESTED / NLA_F_NET_BYTEORDER
    if (len < 4 || off + len > buf.length) throw new Error(`malformed netlink attribute at offset ${off} (len ${len})`);
    const list = out.get(type) ?? [];
    list.push(buf.subarray(off + 4, off + len));
    out.set(type, list);
    off += (len + 3) & ~3;
  }
  return out;
}

/** One wiphy as the kernel reports it in a split GET_WIPHY dump. */
export class WiphyInfo {
  constructor(
    readonly index: number,
    readonly attrs: AttrMap,
  ) {}

  get name(): string {
    return this.attrs.get(ATTR.WIPHY_NAME)?.[0]?.toString('utf8').replace(/\0+$/, '') ?? '';
  }

  has(attr: Nl80211AttrName): boolean {
    return this.attrs.has(ATTR[attr]);
  }

  /** NL80211_ATTR_SUPPORTED_IFTYPES as iftype names. */
  supportedIftypes(): string[] {
    const nested = this.attrs.get(ATTR.SUPPORTED_IFTYPES)?.[0];
    if (!nested) return [];
    const byValue = new Map<number, string>(Object.entries(IFTYPE).map(([k, v]) => [v as number, k]));
    return [...parseAttrs(nested).keys()].map((t) => byValue.get(t) ?? `iftype ${t}`);
  }
}

/** Merges the parts of a split GET_WIPHY dump (genl payloads) into one WiphyInfo per wiphy. */
export function mergeWiphyDump(payloads: readonly Buffer[]): WiphyInfo[] {
  const byIndex = new Map<number, AttrMap>();
  for (const data of payloads) {
    const attrs = parseAttrs(data);
    const idx = attrs.get(ATTR.WIPHY)?.[0];
    if (!idx || idx.length !== 4) continue;
    const merged = byIndex.get(idx.readUInt32LE(0)) ?? new Map<number, Buffer[]>();
    for (const [t, v] of attrs) merged.set(t, [...(merged.get(t) ?? []), ...v]);
    byIndex.set(idx.readUInt32LE(0), merged);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([i, a]) => new WiphyInfo(i, a));
}
