// Vendor Specific elements (id 221): a 3-byte OUI, a type byte, then the payload.
// P2P (Wi-Fi P2P spec 4.1.1) and WPS (WSC 2.0 section 8.2) split one attribute list
// over as many vendor elements as it needs; the receiver concatenates the payloads of
// all elements with that OUI and type, in order, before parsing the attributes.
import { FrameDecodeError } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';
import { ElementId, ELEMENT_MAX_BODY, type Element } from './elements.js';

export interface VendorType {
  oui: number;
  type: number;
}

/** Wi-Fi Alliance, P2P: 50:6F:9A type 9. */
export const P2P_VENDOR_TYPE: VendorType = { oui: 0x506f9a, type: 9 };
/** Microsoft OUI used by WPS: 00:50:F2 type 4. */
export const WPS_VENDOR_TYPE: VendorType = { oui: 0x0050f2, type: 4 };

const VENDOR_HEADER_LEN = 4;
const MAX_PAYLOAD_PER_ELEMENT = ELEMENT_MAX_BODY - VENDOR_HEADER_LEN;

export interface VendorElement {
  oui: number;
  /** The byte after the OUI; absent when the element holds only an OUI. */
  type?: number;
  payload: Uint8Array;
}

export function parseVendorElement(e: Element): VendorElement {
  if (e.id !== ElementId.VENDOR_SPECIFIC) {
    throw new FrameDecodeError('bad_value', 'vendor element', e.offset, `element id ${e.id} is not 221`);
  }
  if (e.data.length < 3) {
    throw new FrameDecodeError('bad_length', 'vendor element', e.offset, `length ${e.data.length} is shorter than an OUI`);
  }
  const oui = (e.data[0] << 16) | (e.data[1] << 8) | e.data[2];
  if (e.data.length === 3) return { oui, payload: e.data.subarray(3) };
  return { oui, type: e.data[3], payload: e.data.subarray(VENDOR_HEADER_LEN) };
}

function matches(e: Element, vt: VendorType): boolean {
  return e.id === ElementId.VENDOR_SPECIFIC && e.data.length >= VENDOR_HEADER_LEN &&
    ((e.data[0] << 16) | (e.data[1] << 8) | e.data[2]) === vt.oui && e.data[3] === vt.type;
}

/** The concatenated payloads of every vendor element of `vt`, or undefined if there is none. */
export function concatVendorPayloads(elements: readonly Element[], vt: VendorType): Uint8Array | undefined {
  const parts = elements.filter((e) => matches(e, vt)).map((e) => e.data.subarray(VENDOR_HEADER_LEN));
  if (parts.length === 0) return undefined;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** One or more vendor elements of `vt` carrying `payload`, split at 251 bytes each. */
export function buildVendorElements(vt: VendorType, payload: Uint8Array): Uint8Array {
  const w = new ByteWriter(payload.length + 16);
  let pos = 0;
  do {
    const chunk = payload.subarray(pos, pos + MAX_PAYLOAD_PER_ELEMENT);
    w.u8(ElementId.VENDOR_SPECIFIC).u8(VENDOR_HEADER_LEN + chunk.length);
    w.u8(vt.oui >>> 16).u8(vt.oui >>> 8).u8(vt.oui).u8(vt.type).bytes(chunk);
    pos += chunk.length;
  } while (pos < payload.length);
  return w.finish();
}
