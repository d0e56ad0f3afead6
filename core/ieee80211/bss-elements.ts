// What a station needs to know of a BSS from the elements of its beacon or probe
// response: the SSID, the RSNE (AKMs, ciphers, management frame protection), the RSNXE
// (SAE hash-to-element), the Basic Multi-Link element of an AP affiliated with an AP MLD
// (the MLD address and the link it reports from) and the partner links the Reduced
// Neighbor Report names with MLD Parameters (802.11be 35.3.4.1: an AP of an AP MLD
// reports the other APs of its MLD in the RNR, AP MLD ID 0 meaning "my own MLD"), so an
// AP MLD is known with all its links after hearing one. Pure: bytes in, a description
// out; a malformed element throws FrameDecodeError.
import { FrameDecodeError } from './decode-error.js';
import { ElementExtId, ElementId } from './elements.js';
import { extensionData, parseDefragmented } from './element-fragments.js';
import { macToString } from './mac-address.js';
import { MultiLinkType, multiLinkType, parseBasicMultiLink } from './multi-link.js';
import { parseRnr, TbttInfoType } from './rnr.js';
import { parseRsne, parseRsnxe, RsnCapability } from './rsn-element.js';
import { opClassChannelToFreq } from './channels.js';

export interface BssSecurity {
  akms: number[];
  pairwiseCiphers: number[];
  groupCipher?: number;
  groupMgmtCipher?: number;
  /** Management frame protection capable (MFPC) and required (MFPR). */
  mfpCapable: boolean;
  mfpRequired: boolean;
}

export interface PartnerLink {
  linkId: number;
  bssid: string;
  /** Channel frequency from the neighbor's operating class and channel; undefined when unknown. */
  freq?: number;
  opClass: number;
  channel: number;
  /** The Disabled Link bit of the MLD Parameters. */
  disabled: boolean;
}

export interface BssElements {
  /** The SSID's bytes; absent when the element is missing. */
  ssid?: Uint8Array;
  /** The RSNE's contents; absent for an open (or WPA1/WEP) BSS. */
  rsn?: BssSecurity;
  /** RSNXE bit 5: the AP supports SAE hash-to-element. */
  h2e: boolean;
  /** Present when the BSS is an AP of an AP MLD (a Basic Multi-Link element). */
  mld?: { mldAddr: string; linkId?: number; bssParamsChangeCount?: number };
  /** Other APs of the same AP MLD named in the RNR (AP MLD ID 0), each once. */
  partners: PartnerLink[];
}

const SSID_MAX = 32;

export function parseBssElements(ies: Uint8Array): BssElements {
  const out: BssElements = { h2e: false, partners: [] };
  for (const e of parseDefragmented(ies)) {
    switch (e.id) {
      case ElementId.SSID:
        if (out.ssid !== undefined) break;
        if (e.data.length > SSID_MAX) throw new FrameDecodeError('bad_length', 'SSID element', e.offset, `length ${e.data.length} exceeds ${SSID_MAX}`);
        out.ssid = e.data.slice();
        break;
      case ElementId.RSN:
        if (out.rsn === undefined) out.rsn = security(e.data);
        break;
      case ElementId.RSNX:
        out.h2e = parseRsnxe(e.data).h2e;
        break;
      case ElementId.REDUCED_NEIGHBOR_REPORT:
        addRnrPartners(out.partners, e.data);
        break;
      case ElementId.EXTENSION: {
        const ml = extensionData(e, ElementExtId.MULTI_LINK);
        if (ml === undefined || out.mld !== undefined || multiLinkType(ml) !== MultiLinkType.BASIC) break;
        const basic = parseBasicMultiLink(ml);
        out.mld = {
          mldAddr: macToString(basic.mldAddr),
          ...(basic.linkId !== undefined ? { linkId: basic.linkId } : {}),
          ...(basic.bssParamsChangeCount !== undefined ? { bssParamsChangeCount: basic.bssParamsChangeCount } : {}),
        };
        break;
      }
      default:
        break;
    }
  }
  // A Basic Multi-Link element with no Link ID Info cannot be placed among the partners.
  if (out.mld?.linkId !== undefined) out.partners = out.partners.filter((p) => p.linkId !== out.mld!.linkId);
  else if (!out.mld) out.partners = [];
  return out;
}

function security(body: Uint8Array): BssSecurity {
  const r = parseRsne(body);
  return {
    akms: r.akms,
    pairwiseCiphers: r.pairwiseCiphers,
    ...(r.groupCipher !== undefined ? { groupCipher: r.groupCipher } : {}),
    ...(r.groupMgmtCipher !== undefined ? { groupMgmtCipher: r.groupMgmtCipher } : {}),
    mfpCapable: (r.capabilities & RsnCapability.MFPC) !== 0,
    mfpRequired: (r.capabilities & RsnCapability.MFPR) !== 0,
  };
}

/** Link ID 15 in MLD Parameters: the reported AP is not part of an AP MLD link (35.3.4.1). */
const NO_LINK = 15;

/** Adds the partner links an RNR element's body names (AP MLD ID 0, each link once) to `into`; FrameDecodeError when it is malformed. */
export function addRnrPartners(into: PartnerLink[], body: Uint8Array): void {
  for (const info of parseRnr(body)) {
    if (info.type !== TbttInfoType.NEIGHBOR_AP) continue;
    for (const t of info.entries) {
      const m = t.mld;
      if (!m || !t.bssid || m.apMldId !== 0 || m.linkId === NO_LINK) continue;
      if (into.some((p) => p.linkId === m.linkId)) continue;
      const freq = opClassChannelToFreq(info.opClass, info.channel);
      into.push({ linkId: m.linkId, bssid: macToString(t.bssid), ...(freq !== undefined ? { freq } : {}), opClass: info.opClass, channel: info.channel, disabled: m.disabledLink });
    }
  }
}
