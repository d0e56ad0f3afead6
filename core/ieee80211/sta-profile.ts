// The STA Profile field of a Basic Multi-Link Per-STA Profile (802.11be-2024 9.4.2.322.2.4):
// the fixed fields of the frame it rides in, for the reported link, then elements. Timestamp,
// Beacon Interval, Listen Interval, Current AP Address and AID are left out (the first two
// travel in STA Info, the others belong to the MLD); what stays is the Capability
// Information field, and in (re)association responses the Status Code after it, as hostapd
// builds them (ieee80211_ml_build_assoc_resp) and parses them (ieee802_11_parse_link_profile).
import { FrameDecodeError } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';

export type StaProfileFrame = 'beacon' | 'probe-response' | 'assoc-request' | 'reassoc-request' | 'assoc-response' | 'reassoc-response';

export interface StaProfileFields {
  capabilityInfo: number;
  /** (Re)association responses only; a link that is not accepted carries no elements. */
  statusCode?: number;
  /** The profile's elements, raw. */
  elements: Uint8Array;
}

const hasStatus = (frame: StaProfileFrame) => frame === 'assoc-response' || frame === 'reassoc-response';

export function parseStaProfileFields(profile: Uint8Array, frame: StaProfileFrame): StaProfileFields {
  const fixed = hasStatus(frame) ? 4 : 2;
  if (profile.length < fixed) {
    throw new FrameDecodeError('truncated', `STA Profile (${frame})`, 0, `${profile.length} octets, the fixed fields need ${fixed}`);
  }
  const out: StaProfileFields = { capabilityInfo: profile[0] | (profile[1] << 8), elements: profile.slice(fixed) };
  if (hasStatus(frame)) out.statusCode = profile[2] | (profile[3] << 8);
  return out;
}

export function buildStaProfileFields(fields: StaProfileFields, frame: StaProfileFrame): Uint8Array {
  const w = new ByteWriter(fields.elements.length + 4).le16(fields.capabilityInfo);
  if (hasStatus(frame)) w.le16(fields.statusCode ?? 0);
  return w.bytes(fields.elements).finish();
}
