// Information elements (IEEE 802.11-2020 9.4.2): id, length, body; id 255 carries an
// extension id as its first body byte. Iteration never reads past the buffer: a
// truncated element is an error, not a silent stop.
import { FrameDecodeError } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';

export const ElementId = {
  SSID: 0,
  SUPPORTED_RATES: 1,
  DS_PARAMS: 3,
  COUNTRY: 7,
  HT_CAPABILITIES: 45,
  EXT_SUPPORTED_RATES: 50,
  REDUCED_NEIGHBOR_REPORT: 201,
  VENDOR_SPECIFIC: 221,
  /** Continues the element before it when that one is 255 octets long (802.11-2020 9.4.2.189). */
  FRAGMENT: 242,
  EXTENSION: 255,
} as const;

/** Element ID Extension values (802.11-2020 Table 9-92, 802.11be-2024). */
export const ElementExtId = {
  NON_INHERITANCE: 56,
  EHT_OPERATION: 106,
  MULTI_LINK: 107,
  EHT_CAPABILITIES: 108,
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
