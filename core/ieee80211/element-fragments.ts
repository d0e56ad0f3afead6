// Element fragmentation (IEEE 802.11-2020 10.28.11 and 9.4.2.189): information that does
// not fit one element's 255 body octets is carried in a first element of length 255 and
// then Fragment elements (ID 242), each of length 255 but the last. The Multi-Link element
// does the same one level down: a subelement of its Link Info longer than 255 octets
// continues in Fragment subelements (ID 254, 802.11be-2024 9.4.2.322.1). The rule "a
// fragment follows only an element or fragment of length 255" is the one Linux's
// cfg80211_defragment_element and hostapd's ieee802_11_defrag follow.
import { ByteWriter } from './byte-writer.js';
import { ELEMENT_MAX_BODY, ElementId, parseElements, type Element } from './elements.js';

/** Fragment subelement ID inside a Multi-Link element's Link Info (802.11be-2024 Table 9-417g). */
export const FRAGMENT_SUBELEMENT_ID = 254;

/** An element (or subelement) with its fragments joined: `data` is the whole body. */
export interface DefragmentedElement extends Element {
  /** How many Fragment (sub)elements followed and were joined in. */
  fragments: number;
}

/** Bytes of one element or subelement whose body may exceed 255 octets, fragmented as needed. */
export function buildFragmented(id: number, body: Uint8Array, fragmentId: number = ElementId.FRAGMENT): Uint8Array {
  const w = new ByteWriter(body.length + 2 + 2 * Math.ceil(body.length / ELEMENT_MAX_BODY));
  let pos = Math.min(body.length, ELEMENT_MAX_BODY);
  w.u8(id).u8(pos).bytes(body.subarray(0, pos));
  while (pos < body.length) {
    const n = Math.min(body.length - pos, ELEMENT_MAX_BODY);
    w.u8(fragmentId).u8(n).bytes(body.subarray(pos, pos + n));
    pos += n;
  }
  return w.finish();
}

/** An extension element (ID 255) of any length: the extension id, then `data`, fragmented as needed. */
export function buildExtensionElement(extId: number, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(data.length + 1);
  body[0] = extId;
  body.set(data, 1);
  return buildFragmented(ElementId.EXTENSION, body);
}

/**
 * The elements (or subelements) of `buf` with fragments joined to the element they continue.
 * A Fragment that does not follow a 255-octet element or fragment stands alone, as an element
 * with the fragment id, which callers ignore as unknown. Throws FrameDecodeError on a
 * truncated element.
 */
export function parseDefragmented(buf: Uint8Array, fragmentId: number = ElementId.FRAGMENT): DefragmentedElement[] {
  const raw = parseElements(buf);
  const out: DefragmentedElement[] = [];
  for (let i = 0; i < raw.length; i++) {
    const first = raw[i];
    const parts = [first.data];
    let j = i + 1;
    while (j < raw.length && raw[j].id === fragmentId && parts[parts.length - 1].length === ELEMENT_MAX_BODY) {
      parts.push(raw[j].data);
      j++;
    }
    out.push({ ...first, data: parts.length === 1 ? first.data : concatBytes(parts), fragments: j - i - 1 });
    i = j - 1;
  }
  return out;
}

/** The extension element with `extId`, and its data after the extension id, or undefined. */
export function extensionData(e: Element, extId: number): Uint8Array | undefined {
  return e.id === ElementId.EXTENSION && e.extId === extId ? e.data.subarray(1) : undefined;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
