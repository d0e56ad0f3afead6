// The Key Data field of EAPOL-Key frames (IEEE 802.11-2020 12.7.2, KDEs of Table 12-9, and the
// 802.11be-2024 MLO KDEs 16-19): elements (RSNE, RSNXE, ...) and Key Data Encapsulations, each a
// vendor element 0xdd with the 00-0F-AC OUI and a data type, then 0xdd 00.. padding when wrapped.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError } from './decode-error.js';
import { buildElement, iterateElements, type Element, ElementId } from './elements.js';
import { MAC_LEN } from './mac-address.js';

export const KdeType = {
  GTK: 1,
  MAC_ADDRESS: 3,
  PMKID: 4,
  IGTK: 9,
  OCI: 13,
  BIGTK: 14,
  MLO_GTK: 16,
  MLO_IGTK: 17,
  MLO_BIGTK: 18,
  MLO_LINK: 19,
} as const;

const RSN_OUI = [0x00, 0x0f, 0xac];
/** Packet number fields (IPN, BIPN, the MLO GTK PN) are 6 octets, little-endian. */
export const KDE_PN_LEN = 6;

export interface GtkKde {
  keyId: number;
  tx: boolean;
  key: Uint8Array;
}

/** IGTK and BIGTK KDEs share one layout: Key ID (2, LE), IPN/BIPN (6), key. */
export interface IntegrityGtkKde {
  keyId: number;
  pn: Uint8Array;
  key: Uint8Array;
}

export interface MloGtkKde extends GtkKde {
  linkId: number;
  pn: Uint8Array;
}

export interface MloIntegrityGtkKde extends IntegrityGtkKde {
  linkId: number;
}

export interface MloLinkKde {
  linkId: number;
  mac: Uint8Array;
  /** The affiliated AP's whole RSNE / RSNXE (id and length included), when present. */
  rsne?: Uint8Array;
  rsnxe?: Uint8Array;
}

export interface KeyData {
  /** Elements that are not KDEs (RSNE, RSNXE, vendor elements of other OUIs), in order. */
  elements: Element[];
  gtk?: GtkKde;
  macAddress?: Uint8Array;
  pmkids: Uint8Array[];
  igtk?: IntegrityGtkKde;
  bigtk?: IntegrityGtkKde;
  mloGtks: MloGtkKde[];
  mloIgtks: MloIntegrityGtkKde[];
  mloBigtks: MloIntegrityGtkKde[];
  mloLinks: MloLinkKde[];
  /** KDEs of the 00-0F-AC OUI that are not decoded here (e.g. OCI), by type, raw data. */
  otherKdes: { type: number; data: Uint8Array }[];
}

/** Parses decrypted (or plain) Key Data; throws FrameDecodeError naming the bad KDE. */
export function parseKeyData(buf: Uint8Array): KeyData {
  const out: KeyData = { elements: [], pmkids: [], mloGtks: [], mloIgtks: [], mloBigtks: [], mloLinks: [], otherKdes: [] };
  const body = buf.subarray(0, paddingStart(buf));
  for (const el of iterateElements(body)) {
    const d = el.data;
    if (el.id !== ElementId.VENDOR_SPECIFIC || d.length < 4 || d[0] !== RSN_OUI[0] || d[1] !== RSN_OUI[1] || d[2] !== RSN_OUI[2]) {
      out.elements.push(el);
      continue;
    }
    decodeKde(d[3], d.subarray(4), el.offset, out);
  }
  return out;
}

/** Where 0xdd 00.. padding begins (the buffer's end when there is none). */
function paddingStart(buf: Uint8Array): number {
  let pos = 0;
  while (pos < buf.length) {
    if (buf[pos] === ElementId.VENDOR_SPECIFIC && buf.subarray(pos + 1).every((b) => b === 0)) return pos;
    if (buf.length - pos < 2) return buf.length; // let iterateElements report the truncation
    pos += 2 + buf[pos + 1];
  }
  return buf.length;
}

function decodeKde(type: number, d: Uint8Array, offset: number, out: KeyData): void {
  const fail = (what: string, detail: string): never => {
    throw new FrameDecodeError('bad_length', `${what} KDE`, offset, detail);
  };
  const once = <T>(what: string, existing: T | undefined, value: T): T => {
    if (existing !== undefined) throw new FrameDecodeError('bad_value', `${what} KDE`, offset, 'appears twice');
    return value;
  };
  switch (type) {
    case KdeType.GTK: {
      if (d.length < 2 || !isKeyLength(d.length - 2)) fail('GTK', `length ${d.length}`);
      out.gtk = once('GTK', out.gtk, { keyId: d[0] & 0x03, tx: (d[0] & 0x04) !== 0, key: d.slice(2) });
      return;
    }
    case KdeType.MAC_ADDRESS:
      if (d.length !== MAC_LEN) fail('MAC address', `length ${d.length}`);
      out.macAddress = once('MAC address', out.macAddress, d.slice());
      return;
    case KdeType.PMKID:
      if (d.length !== 16) fail('PMKID', `length ${d.length}`);
      out.pmkids.push(d.slice());
      return;
    case KdeType.IGTK:
      out.igtk = once('IGTK', out.igtk, integrityKde('IGTK', d, fail));
      return;
    case KdeType.BIGTK:
      out.bigtk = once('BIGTK', out.bigtk, integrityKde('BIGTK', d, fail));
      return;
    case KdeType.MLO_GTK: {
      if (d.length < 1 + KDE_PN_LEN || !isKeyLength(d.length - 1 - KDE_PN_LEN)) fail('MLO GTK', `length ${d.length}`);
      out.mloGtks.push({
        keyId: d[0] & 0x03, tx: (d[0] & 0x04) !== 0, linkId: d[0] >> 4,
        pn: d.slice(1, 1 + KDE_PN_LEN), key: d.slice(1 + KDE_PN_LEN),
      });
      return;
    }
    case KdeType.MLO_IGTK:
    case KdeType.MLO_BIGTK: {
      const what = type === KdeType.MLO_IGTK ? 'MLO IGTK' : 'MLO BIGTK';
      const prefix = 2 + KDE_PN_LEN + 1;
      if (d.length < prefix || !isKeyLength(d.length - prefix)) fail(what, `length ${d.length}`);
      const kde = { keyId: d[0] | (d[1] << 8), pn: d.slice(2, 2 + KDE_PN_LEN), linkId: d[2 + KDE_PN_LEN] >> 4, key: d.slice(prefix) };
      (type === KdeType.MLO_IGTK ? out.mloIgtks : out.mloBigtks).push(kde);
      return;
    }
    case KdeType.MLO_LINK:
      out.mloLinks.push(mloLinkKde(d, offset));
      return;
    default:
      out.otherKdes.push({ type, data: d.slice() });
  }
}

function isKeyLength(n: number): boolean {
  return n === 16 || n === 32;
}

function integrityKde(what: string, d: Uint8Array, fail: (what: string, detail: string) => never): IntegrityGtkKde {
  if (d.length < 2 + KDE_PN_LEN || !isKeyLength(d.length - 2 - KDE_PN_LEN)) fail(what, `length ${d.length}`);
  return { keyId: d[0] | (d[1] << 8), pn: d.slice(2, 2 + KDE_PN_LEN), key: d.slice(2 + KDE_PN_LEN) };
}

const MLO_LINK_RSNE = 0x10;
const MLO_LINK_RSNXE = 0x20;

function mloLinkKde(d: Uint8Array, offset: number): MloLinkKde {
  const what = 'MLO Link KDE';
  if (d.length < 1 + MAC_LEN) throw new FrameDecodeError('bad_length', what, offset, `length ${d.length}`);
  const info = d[0];
  const kde: MloLinkKde = { linkId: info & 0x0f, mac: d.slice(1, 1 + MAC_LEN) };
  const rest = [...iterateElements(d.subarray(1 + MAC_LEN))];
  let i = 0;
  if (info & MLO_LINK_RSNE) {
    if (rest[i]?.id !== ElementId.RSN) throw new FrameDecodeError('missing', what, offset, 'RSNE Info set but no RSNE follows');
    kde.rsne = buildElement(rest[i].id, rest[i++].data);
  }
  if (info & MLO_LINK_RSNXE) {
    if (rest[i]?.id !== ElementId.RSNX) throw new FrameDecodeError('missing', what, offset, 'RSNXE Info set but no RSNXE follows');
    kde.rsnxe = buildElement(rest[i].id, rest[i++].data);
  }
  if (i !== rest.length) throw new FrameDecodeError('bad_length', what, offset, 'octets after the announced elements');
  return kde;
}

/** Builds Key Data: elements and KDEs in the order added. */
export class KeyDataWriter {
  private readonly w = new ByteWriter();

  /** A whole element (id, length, body), e.g. the AP's RSNE in message 3. */
  element(bytes: Uint8Array): this {
    this.w.bytes(bytes);
    return this;
  }

  gtk(kde: GtkKde): this {
    checkKey('GTK', kde.key);
    return this.kde(KdeType.GTK, Uint8Array.of((kde.keyId & 0x03) | (kde.tx ? 0x04 : 0), 0), kde.key);
  }

  macAddress(mac: Uint8Array): this {
    if (mac.length !== MAC_LEN) throw new RangeError('a MAC address is 6 octets');
    return this.kde(KdeType.MAC_ADDRESS, mac);
  }

  pmkid(pmkid: Uint8Array): this {
    if (pmkid.length !== 16) throw new RangeError('a PMKID is 16 octets');
    return this.kde(KdeType.PMKID, pmkid);
  }

  igtk(kde: IntegrityGtkKde): this {
    return this.kde(KdeType.IGTK, ...integrityParts('IGTK', kde));
  }

  bigtk(kde: IntegrityGtkKde): this {
    return this.kde(KdeType.BIGTK, ...integrityParts('BIGTK', kde));
  }

  mloGtk(kde: MloGtkKde): this {
    checkKey('MLO GTK', kde.key);
    checkPn(kde.pn);
    return this.kde(KdeType.MLO_GTK, Uint8Array.of((kde.keyId & 0x03) | (kde.tx ? 0x04 : 0) | ((kde.linkId & 0x0f) << 4)), kde.pn, kde.key);
  }

  mloIgtk(kde: MloIntegrityGtkKde): this {
    return this.mloIntegrity(KdeType.MLO_IGTK, kde);
  }

  mloBigtk(kde: MloIntegrityGtkKde): this {
    return this.mloIntegrity(KdeType.MLO_BIGTK, kde);
  }

  mloLink(kde: MloLinkKde): this {
    if (kde.mac.length !== MAC_LEN) throw new RangeError('a MAC address is 6 octets');
    const info = (kde.linkId & 0x0f) | (kde.rsne ? MLO_LINK_RSNE : 0) | (kde.rsnxe ? MLO_LINK_RSNXE : 0);
    return this.kde(KdeType.MLO_LINK, Uint8Array.of(info), kde.mac, kde.rsne ?? new Uint8Array(0), kde.rsnxe ?? new Uint8Array(0));
  }

  /** The Key Data, unpadded (plain Key Data in message 2, or the input of padForKeyWrap). */
  finish(): Uint8Array {
    return this.w.finish();
  }

  private mloIntegrity(type: number, kde: MloIntegrityGtkKde): this {
    const [id, pn, key] = integrityParts(type === KdeType.MLO_IGTK ? 'MLO IGTK' : 'MLO BIGTK', kde);
    return this.kde(type, id, pn, Uint8Array.of((kde.linkId & 0x0f) << 4), key);
  }

  private kde(type: number, ...parts: Uint8Array[]): this {
    const len = 4 + parts.reduce((n, p) => n + p.length, 0);
    if (len > 255) throw new RangeError(`KDE ${type} longer than an element`);
    this.w.u8(ElementId.VENDOR_SPECIFIC).u8(len).bytes(Uint8Array.from(RSN_OUI)).u8(type);
    for (const p of parts) this.w.bytes(p);
    return this;
  }
}

function integrityParts(what: string, kde: IntegrityGtkKde): [Uint8Array, Uint8Array, Uint8Array] {
  checkKey(what, kde.key);
  checkPn(kde.pn);
  return [Uint8Array.of(kde.keyId & 0xff, kde.keyId >> 8), kde.pn, kde.key];
}

function checkKey(what: string, key: Uint8Array): void {
  if (!isKeyLength(key.length)) throw new RangeError(`${what} of ${key.length} octets`);
}

function checkPn(pn: Uint8Array): void {
  if (pn.length !== KDE_PN_LEN) throw new RangeError('a packet number is 6 octets');
}

/**
 * Pads Key Data for AES key wrap (12.7.2): to at least 16 octets and a multiple of 8,
 * with one 0xdd octet and then zeros.
 */
export function padForKeyWrap(keyData: Uint8Array): Uint8Array {
  if (keyData.length >= 16 && keyData.length % 8 === 0) return keyData;
  const len = Math.max(16, Math.ceil((keyData.length + 1) / 8) * 8);
  const out = new Uint8Array(len);
  out.set(keyData);
  out[keyData.length] = ElementId.VENDOR_SPECIFIC;
  return out;
}
