// Information elements (IEEE 802.11-2020 9.4.2): id, length, body; id 255 carries an
// extension id as its first body byte. Iteration never reads past the buffer: a
// truncated element is an error, not a silent stop.
import { FrameDecodeError } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';

/** Element IDs (IEEE 802.11-2020 Table 9-92, 802.11be-2024). */
export const ElementId = {
  SSID: 0,
  SUPPORTED_RATES: 1,
  DS_PARAMS: 3,
  TIM: 5,
  COUNTRY: 7,
  BSS_LOAD: 11,
  EDCA_PARAMETER_SET: 12,
  CHALLENGE_TEXT: 16,
  POWER_CONSTRAINT: 32,
  POWER_CAPABILITY: 33,
  TPC_REPORT: 35,
  SUPPORTED_CHANNELS: 36,
  CHANNEL_SWITCH_ANNOUNCEMENT: 37,
  QUIET: 40,
  ERP: 42,
  HT_CAPABILITIES: 45,
  QOS_CAPABILITY: 46,
  RSN: 48,
  EXT_SUPPORTED_RATES: 50,
  AP_CHANNEL_REPORT: 51,
  MOBILITY_DOMAIN: 54,
  FAST_BSS_TRANSITION: 55,
  TIMEOUT_INTERVAL: 56,
  SUPPORTED_OPERATING_CLASSES: 59,
  HT_OPERATION: 61,
  RM_ENABLED_CAPABILITIES: 70,
  MULTIPLE_BSSID: 71,
  BSS_COEXISTENCE_20_40: 72,
  OVERLAPPING_BSS_SCAN_PARAMS: 74,
  MME: 76,
  BSS_MAX_IDLE_PERIOD: 90,
  INTERWORKING: 107,
  EXT_CAPABILITIES: 127,
  VHT_CAPABILITIES: 191,
  VHT_OPERATION: 192,
  TRANSMIT_POWER_ENVELOPE: 195,
  OPERATING_MODE_NOTIFICATION: 199,
  REDUCED_NEIGHBOR_REPORT: 201,
  VENDOR_SPECIFIC: 221,
  /** Continues the element before it when that one is 255 octets long (802.11-2020 9.4.2.189). */
  FRAGMENT: 242,
  RSNX: 244,
  EXTENSION: 255,
} as const;

/** Element ID Extensions (the first body byte of element 255; 802.11-2020 Table 9-92, 802.11be-2024). */
export const ElementExtId = {
  PASSWORD_IDENTIFIER: 33,
  HE_CAPABILITIES: 35,
  HE_OPERATION: 36,
  MU_EDCA_PARAMETER_SET: 38,
  SPATIAL_REUSE_PARAMETER_SET: 39,
  OCI: 54,
  NON_INHERITANCE: 56,
  HE_6GHZ_BAND_CAPABILITIES: 59,
  REJECTED_GROUPS: 92,
  ANTI_CLOGGING_TOKEN_CONTAINER: 93,
  AKM_SUITE_SELECTOR: 114,
  EHT_OPERATION: 106,
  MULTI_LINK: 107,
  EHT_CAPABILITIES: 108,
  TID_TO_LINK_MAPPING: 109,
} as const;

export const ELEMENT_MAX_BODY = 255;

export interface Element {
  id: number;
  /** Present when id is 255 (Element ID Extension). */
  extId?: number;
  /** Offset of the element's id byte in the buffer that was iterated. */
  offset: number;
  /** The body (without id and length; for id 255 it still starts with the extension id). */
  data: Uint8Array;
}

/** Yields each element of `buf`; throws FrameDecodeError when an element runs past the end. */
export function* iterateElements(buf: Uint8Array): Generator<Element> {
  let pos = 0;
  while (pos < buf.length) {
    if (buf.length - pos < 2) {
      throw new FrameDecodeError('truncated', 'information element', pos, 'header needs 2 bytes, 1 left');
    }
    const id = buf[pos];
    const len = buf[pos + 1];
    if (len > buf.length - pos - 2) {
      throw new FrameDecodeError('truncated', `information element ${id}`, pos, `length ${len} but ${buf.length - pos - 2} bytes left`);
    }
    const data = buf.subarray(pos + 2, pos + 2 + len);
    if (id === ElementId.EXTENSION) {
      if (len < 1) throw new FrameDecodeError('bad_length', 'extension element', pos, 'length 0 has no extension id');
      yield { id, extId: data[0], offset: pos, data };
    } else {
      yield { id, offset: pos, data };
    }
    pos += 2 + len;
  }
}

/** All elements, checked whole before any is returned. */
export function parseElements(buf: Uint8Array): Element[] {
  return [...iterateElements(buf)];
}

export function findElement(elements: readonly Element[], id: number): Element | undefined {
  return elements.find((e) => e.id === id);
}

export function buildElement(id: number, body: Uint8Array): Uint8Array {
  if (body.length > ELEMENT_MAX_BODY) throw new RangeError(`element ${id} body of ${body.length} bytes exceeds 255`);
  return new ByteWriter(body.length + 2).u8(id).u8(body.length).bytes(body).finish();
}

/** An element with id 255: the extension id, then `body`. */
export function buildExtElement(extId: number, body: Uint8Array): Uint8Array {
  if (body.length + 1 > ELEMENT_MAX_BODY) throw new RangeError(`extension element ${extId} body of ${body.length} bytes exceeds 254`);
  return new ByteWriter(body.length + 3).u8(ElementId.EXTENSION).u8(body.length + 1).u8(extId).bytes(body).finish();
}

/** SSID element: 0-32 bytes. */
export function buildSsidElement(ssid: Uint8Array): Uint8Array {
  if (ssid.length > 32) throw new RangeError('SSID longer than 32 bytes');
  return buildElement(ElementId.SSID, ssid);
}

/** Supported Rates element from rates in units of 500 kb/s, basic rates flagged with 0x80. */
export function buildSupportedRatesElement(rates: readonly number[]): Uint8Array {
  if (rates.length < 1 || rates.length > 8) throw new RangeError('Supported Rates holds 1 to 8 rates');
  return buildElement(ElementId.SUPPORTED_RATES, new Uint8Array(rates));
}

export function buildDsParamsElement(channel: number): Uint8Array {
  return buildElement(ElementId.DS_PARAMS, new Uint8Array([channel]));
}

/** Rates of a Supported Rates / Extended Supported Rates body in 500 kb/s units, basic flag dropped. */
export function decodeRates(body: Uint8Array): number[] {
  return [...body].map((r) => r & 0x7f);
}

/** 802.11b rates in 500 kb/s units: 1, 2, 5.5, 11 Mb/s. */
const CCK_RATES = new Set([2, 4, 11, 22]);

/** True when every advertised rate is an 802.11b rate (P2P must not use such a device). */
export function ratesAre11bOnly(elements: readonly Element[]): boolean {
  const rates: number[] = [];
  for (const e of elements) {
    if (e.id === ElementId.SUPPORTED_RATES || e.id === ElementId.EXT_SUPPORTED_RATES) rates.push(...decodeRates(e.data));
  }
  return rates.length > 0 && rates.every((r) => CCK_RATES.has(r));
}
