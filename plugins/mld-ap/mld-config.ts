// The links of an AP MLD as UCI names them, `list link '<phy>:<channel>[:<htmode>]'`
// (issue 17), and the addresses of the MLD: the MLD address (option mld_addr, or derived)
// and one address per link, all locally administered and distinct.
import { createHash } from 'node:crypto';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { MAX_MLO_LINK_ID } from '../../core/nl80211/mld-commands.js';

/** One link: the wiphy, the channel and (when not the section's) the htmode, an OpenWrt name checked by config.ts. */
export interface LinkSpec<H extends string = string> {
  phy: string;
  channel: number;
  htmode?: H;
}

const LINK_RE = /^([A-Za-z0-9_.-]{1,31}):(\d{1,3})(?::([A-Z0-9+-]+))?$/;

/** `<phy>:<channel>[:<htmode>]` with the htmode one of `htmodes`, or undefined. */
export function parseLinkSpec<H extends string>(raw: string, htmodes: readonly H[]): LinkSpec<H> | undefined {
  const m = LINK_RE.exec(raw);
  if (!m) return undefined;
  const channel = Number(m[2]);
  if (channel < 1 || channel > 233) return undefined;
  if (m[3] !== undefined && !(htmodes as readonly string[]).includes(m[3])) return undefined;
  return { phy: m[1]!, channel, ...(m[3] !== undefined ? { htmode: m[3] as H } : {}) };
}

export const formatLinkSpec = (l: LinkSpec): string => `${l.phy}:${l.channel}${l.htmode ? `:${l.htmode}` : ''}`;

/** The problem with a section's links (more than the kernel's 15, the same channel twice), or undefined. */
export function linksProblem(links: readonly LinkSpec[]): string | undefined {
  if (links.length > MAX_MLO_LINK_ID + 1) return `an AP MLD has at most ${MAX_MLO_LINK_ID + 1} links, got ${links.length}`;
  const seen = new Set<string>();
  for (const l of links) {
    const key = `${l.phy}:${l.channel}`;
    if (seen.has(key)) return `link ${key} is listed twice: links must be on different channels`;
    seen.add(key);
  }
  return undefined;
}

/**
 * The MLD address: `configured`, or derived from the section's name (stable across
 * restarts, so a client's PMKSA for the MLD stays valid), locally administered unicast.
 */
export function mldAddress(sectionName: string, configured?: string): string {
  if (configured) return configured;
  const h = createHash('sha256').update(`wifid ap mld ${sectionName}`).digest();
  h[0] = (h[0]! & 0xfc) | 0x02;
  return macToString(h.subarray(0, 6));
}

/**
 * The address of link `linkId` (0..14): the MLD address, locally administered, with the
 * upper nibble of its last octet XORed with linkId + 1, so it differs from the MLD
 * address and from every other link's.
 */
export function linkAddress(mldAddr: string, linkId: number): string {
  if (!Number.isInteger(linkId) || linkId < 0 || linkId > MAX_MLO_LINK_ID) throw new RangeError(`link id ${linkId}`);
  const a = macFromString(mldAddr);
  a[0] = (a[0]! & 0xfe) | 0x02;
  a[5] = a[5]! ^ ((linkId + 1) << 4);
  return macToString(a);
}
