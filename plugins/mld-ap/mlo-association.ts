// A non-AP MLD's (re)association with the AP MLD (802.11be-2024 35.3.5): the Basic
// Multi-Link element of its request, checked as hostapd's hostapd_process_ml_assoc_req
// does (MLD address as at authentication, MLD Capabilities present, no AP-only fields,
// each Per-STA Profile complete, with the STA's link address, for a link of this MLD other
// than the association link, named once); each requested link's profile expanded with the
// request's own elements (element inheritance, inheritance.ts) and read as the request it
// stands for, then checked as a single-link request is (basic rates); and the Basic
// Multi-Link element of the response: the AP MLD's common info and one complete Per-STA
// Profile per requested link with its status and, when accepted, the elements that differ
// from the association link's response (minimalProfile).
import { buildAssocResponse, parseAssocRequest, type AssocRequest } from '../../core/ieee80211/assoc.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { MAC_LEN, macEquals, macToString } from '../../core/ieee80211/mac-address.js';
import { parseMgmtHeader } from '../../core/ieee80211/mgmt-header.js';
import { buildBasicMultiLink, parseBasicMultiLink, type PerStaProfile } from '../../core/ieee80211/multi-link.js';
import { expandProfile } from '../../core/ieee80211/inheritance.js';
import { buildCompleteProfile } from '../../core/ieee80211/partner-profile.js';
import { parseStaProfileFields } from '../../core/ieee80211/sta-profile.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import type { ApLink } from './ap-link.js';
import { apMldCommonInfo } from './mld-elements.js';
import { stationCaps, type StationCaps } from './station-caps.js';

/** One further link a non-AP MLD asks for. */
export interface MloLinkRequest {
  link: ApLink;
  linkId: number;
  /** The station's address on that link. */
  staAddr: string;
  status: number;
  /** Why the link is refused (status not SUCCESS). */
  why?: string;
  /** The profile read as the request it stands for, and the capabilities NEW_STATION-like commands take. */
  req?: AssocRequest;
  caps?: StationCaps;
}

export interface MloAssocRequest {
  mldAddr: string;
  mldCapabilities: number;
  emlCapabilities?: number;
  links: MloLinkRequest[];
}

export type MloCheck = { ok: true; mlo: MloAssocRequest } | { ok: false; status: number; why: string };

/**
 * The Multi-Link part of a (re)association request on `assocLink` from a station that
 * authenticated as the non-AP MLD `mldAddr`. FrameDecodeError for a malformed element
 * (the caller counts it and answers status 40); a refusal for a well-formed one that asks
 * for what this AP MLD cannot give.
 */
export function checkMloRequest(frame: Uint8Array, req: AssocRequest, mldAddr: string, assocLink: ApLink, links: readonly ApLink[]): MloCheck {
  if (!req.multiLink) return { ok: false, status: StatusCode.REFUSED_REASON_UNSPECIFIED, why: 'authenticated as a non-AP MLD but no Multi-Link element in the request' };
  const ml = parseBasicMultiLink(req.multiLink);
  const invalid = (why: string): MloCheck => ({ ok: false, status: StatusCode.STATUS_INVALID_ELEMENT, why });
  if (macToString(ml.mldAddr) !== mldAddr) return { ok: false, status: StatusCode.REFUSED_REASON_UNSPECIFIED, why: `MLD address ${macToString(ml.mldAddr)} is not the one it authenticated with (${mldAddr})` };
  // Link ID Info, BSS Parameters Change Count and Medium Synchronization Delay are an AP
  // MLD's to send (802.11be 9.4.2.322.2.1); MLD Capabilities are mandatory in a request.
  if (ml.linkId !== undefined || ml.bssParamsChangeCount !== undefined || ml.mediumSyncDelay !== undefined) return invalid('Multi-Link element with AP-only common info fields');
  if (ml.mldCapabilities === undefined) return invalid('Multi-Link element without MLD Capabilities');
  const h = parseMgmtHeader(frame);
  const fixed = h.headerLength + 4 + (req.reassoc ? MAC_LEN : 0);
  const reporting = frame.subarray(fixed);
  const seen = new Set<number>([assocLink.linkId!]);
  const out: MloLinkRequest[] = [];
  for (const p of ml.profiles) {
    if (!p.completeProfile) return invalid(`Per-STA Profile of link ${p.linkId} is not complete`);
    if (!p.staAddr) return invalid(`Per-STA Profile of link ${p.linkId} without the STA's link address`);
    if (p.beaconIntervalTu !== undefined || p.dtim !== undefined || p.tsfOffset !== undefined) return invalid(`Per-STA Profile of link ${p.linkId} with AP-only fields`);
    if (seen.has(p.linkId)) return invalid(p.linkId === assocLink.linkId ? `Per-STA Profile for the association link ${p.linkId}` : `link ${p.linkId} requested twice`);
    seen.add(p.linkId);
    const link = links.find((l) => l.linkId === p.linkId);
    if (!link) return invalid(`link ${p.linkId} is not a link of this AP MLD`);
    const staAddr = macToString(p.staAddr);
    if (staAddr === mldAddr || macEquals(p.staAddr, req.sa) || out.some((o) => o.staAddr === staAddr)) return invalid(`link ${p.linkId}: STA address ${staAddr} is used by the MLD or another link`);
    out.push(linkRequest(frame, fixed, reporting, req, p, link, staAddr));
  }
  return { ok: true, mlo: { mldAddr, mldCapabilities: ml.mldCapabilities, ...(ml.emlCapabilities !== undefined ? { emlCapabilities: ml.emlCapabilities } : {}), links: out } };
}

function linkRequest(frame: Uint8Array, fixed: number, reporting: Uint8Array, req: AssocRequest, p: PerStaProfile, link: ApLink, staAddr: string): MloLinkRequest {
  const base = { link, linkId: p.linkId, staAddr };
  let linkReq: AssocRequest;
  try {
    const fields = parseStaProfileFields(p.profile, req.reassoc ? 'reassoc-request' : 'assoc-request');
    const elements = expandProfile(reporting, fields.elements);
    // The profile as the request it stands for: the frame's header and fixed fields with
    // the link's Capability Information, and the link's complete element list.
    const synthetic = new Uint8Array(fixed + elements.length);
    synthetic.set(frame.subarray(0, fixed));
    const at = parseMgmtHeader(frame).headerLength;
    synthetic[at] = fields.capabilityInfo & 0xff;
    synthetic[at + 1] = fields.capabilityInfo >> 8;
    synthetic.set(elements, fixed);
    linkReq = parseAssocRequest(synthetic, { reassoc: req.reassoc });
  } catch (err) {
    if (!(err instanceof FrameDecodeError)) throw err;
    return { ...base, status: StatusCode.STATUS_INVALID_ELEMENT, why: `profile: ${err.message}` };
  }
  const offered = new Set(linkReq.rateOctets.map((o) => o & 0x7f));
  const missing = link.basicRates.filter((r) => !offered.has(r));
  if (missing.length > 0) return { ...base, status: StatusCode.REFUSED_BASIC_RATES_MISMATCH, why: `basic rates ${missing.map((r) => r / 2).join(', ')} Mb/s not supported` };
  return { ...base, status: StatusCode.SUCCESS, req: linkReq, caps: stationCaps(linkReq, link.caps, link.template.band === '6GHz') };
}

/** What the response's Multi-Link element says of the AP MLD. */
export interface MloResponseInfo {
  mldAddr: Uint8Array;
  assocLink: ApLink;
  /** Every link of the AP MLD (for MLD Capabilities). */
  linkCount: number;
  reassoc: boolean;
}

/**
 * The Basic Multi-Link element of a (re)association response (hostapd's
 * hostapd_eid_eht_basic_ml_common with the per-STA profiles of ieee80211_ml_build_assoc_resp):
 * `elementsOf(link)` gives the elements (after the fixed fields) the response on that link
 * would carry, from which each accepted link's profile keeps what differs from the
 * association link's own response `reporting`.
 */
export function buildResponseMultiLink(info: MloResponseInfo, links: readonly MloLinkRequest[], reporting: Uint8Array, elementsOf: (link: ApLink) => Uint8Array): Uint8Array {
  const frame = info.reassoc ? 'reassoc-response' : 'assoc-response';
  return buildBasicMultiLink({
    ...apMldCommonInfo(info.mldAddr, info.assocLink.linkId!, info.assocLink.changeCount, info.linkCount),
    profiles: links.map((l) => buildCompleteProfile(reporting, {
      ...l.link.asPartner(),
      statusCode: l.status,
      // A refused link's profile carries no elements.
      ...(l.status === StatusCode.SUCCESS ? { elements: elementsOf(l.link) } : {}),
    }, frame)),
  });
}

/** The elements (after the fixed fields) of a successful (re)association response on `link`. */
export function responseElements(link: ApLink, wmm: boolean, reassoc: boolean): Uint8Array {
  const zero = new Uint8Array(MAC_LEN);
  const frame = buildAssocResponse({
    da: zero, sa: link.bssidBytes, bssid: link.bssidBytes, reassoc, capabilityInfo: link.capabilityInfo, status: StatusCode.SUCCESS, aid: 1,
    rates: link.template.rates, elements: link.assocResponseElements(wmm),
  });
  return frame.subarray(parseMgmtHeader(frame).headerLength + 6);
}

