// A ubus message: the 8-byte ubus_msghdr (version, type, big-endian seq and peer) and
// one blob_attr (id 0) carrying the UBUS_ATTR_* attributes in order. Decoding is
// lossless for well-formed input, so a decoded message re-encodes to the same bytes.
import { asBuffer, BlobAttrType, BlobDecodeError, BlobWriter, blobPad, readBlobAttr, readBlobAttrs, readUtf8, type BlobAttrView } from './blob';
import { decodeFieldsAt, writeBlobmsgField, writeBlobmsgJsFields, type BlobmsgField, type BlobmsgJs } from './blobmsg';
import { UBUS_MAX_MSGLEN, UBUS_MSGHDR_LEN, UbusAttrId } from './protocol';

export type UbusAttr =
  | { id: 'status' | 'objid' | 'objtype' | 'target'; value: number }
  | { id: 'objpath' | 'method' | 'user' | 'group'; value: string }
  | { id: 'active' | 'no_reply'; value: number }
  | { id: 'signature' | 'data'; value: BlobmsgField[] }
  /** UBUS_ATTR_DATA to send, written straight from a JS object (never produced by decoding). */
  | { id: 'data_js'; value: Record<string, BlobmsgJs> }
  | { id: 'subscribers'; value: number[] }
  | { id: 'raw'; attrId: number; extended: boolean; payload: Uint8Array };

export type UbusAttrName = Exclude<UbusAttr['id'], 'raw'>;

export interface UbusMessage {
  version: number;
  type: number;
  seq: number;
  peer: number;
  attrs: UbusAttr[];
}

const ATTR_NUM: Record<UbusAttrName, number> = {
  status: UbusAttrId.STATUS,
  objpath: UbusAttrId.OBJPATH,
  objid: UbusAttrId.OBJID,
  method: UbusAttrId.METHOD,
  objtype: UbusAttrId.OBJTYPE,
  signature: UbusAttrId.SIGNATURE,
  data: UbusAttrId.DATA,
  data_js: UbusAttrId.DATA,
  target: UbusAttrId.TARGET,
  active: UbusAttrId.ACTIVE,
  no_reply: UbusAttrId.NO_REPLY,
  subscribers: UbusAttrId.SUBSCRIBERS,
  user: UbusAttrId.USER,
  group: UbusAttrId.GROUP,
};
const ATTR_NAME: Record<number, UbusAttrName> = Object.fromEntries(
  Object.entries(ATTR_NUM).filter(([k]) => k !== 'data_js').map(([k, v]) => [v, k as UbusAttrName]),
);

interface AttrValues {
  status: number; objid: number; objtype: number; target: number; active: number; no_reply: number;
  objpath: string; method: string; user: string; group: string;
  signature: BlobmsgField[]; data: BlobmsgField[]; subscribers: number[]; data_js: Record<string, BlobmsgJs>;
}
type AttrValue<N extends UbusAttrName> = AttrValues[N];

/** The first attribute with that name, as ubus_parse_msg would keep it (last wins there; ids are unique in practice). */
export function getAttr<N extends UbusAttrName>(msg: UbusMessage, name: N): AttrValue<N> | undefined {
  let found: AttrValue<N> | undefined;
  for (const a of msg.attrs) if (a.id === name) found = (a as unknown as { value: AttrValue<N> }).value;
  return found;
}

// ---------------------------------------------------------------- decoding

function decodeAttr(a: BlobAttrView, buf: Buffer, opaqueData: boolean): UbusAttr {
  const name = a.extended ? undefined : ATTR_NAME[a.id];
  const raw = (): UbusAttr => ({ id: 'raw', attrId: a.id, extended: a.extended, payload: new Uint8Array(buf.subarray(a.start, a.end)) });
  const { start, end } = a;
  const len = end - start;
  switch (name) {
    case 'status': case 'objid': case 'objtype': case 'target':
      if (len !== 4) throw new BlobDecodeError(`ubus attribute ${name} of ${len} bytes`, a.offset);
      return { id: name, value: buf.readUInt32BE(start) };
    case 'objpath': case 'method': case 'user': case 'group':
      if (len < 1 || buf[end - 1] !== 0) throw new BlobDecodeError(`ubus attribute ${name} not a NUL-terminated string`, a.offset);
      return { id: name, value: readUtf8(buf, start, end - 1) };
    case 'active': case 'no_reply':
      if (len !== 1) throw new BlobDecodeError(`ubus attribute ${name} of ${len} bytes`, a.offset);
      return { id: name, value: buf[start]! };
    case 'signature': case 'data':
      // ubusd forwards these without looking inside: keep undecodable contents as raw
      // bytes so the receiver can still answer the request (e.g. INVALID_ARGUMENT).
      if (opaqueData && name === 'data') return raw();
      try {
        return { id: name, value: decodeFieldsAt(buf, start, end) };
      } catch (err) {
        if (err instanceof BlobDecodeError) return raw();
        throw err;
      }
    case 'subscribers': {
      const ids: number[] = [];
      for (const s of readBlobAttrs(buf, start, end)) {
        if (s.extended || s.id !== 0 || s.end - s.start !== 4) throw new BlobDecodeError('ubus subscriber id not a blob int32', s.offset);
        ids.push(buf.readUInt32BE(s.start));
      }
      return { id: name, value: ids };
    }
    default:
      return raw();
  }
}

export interface UbusDecodeOptions {
  /** Keep UBUS_ATTR_DATA as a raw attribute, undecoded: for a broker that only forwards it, as ubusd does. */
  opaqueData?: boolean;
}

/** The attribute blob of a message (everything after the 8-byte header). */
export function decodeUbusAttrs(bytes: Uint8Array, opts: UbusDecodeOptions = {}): UbusAttr[] {
  const blob = asBuffer(bytes);
  const top = readBlobAttr(blob, 0, blob.length);
  if (top.id !== 0 || top.extended) throw new BlobDecodeError('ubus message blob is not an id-0 blob_attr', 0);
  const opaque = opts.opaqueData === true;
  return readBlobAttrs(blob, 4, top.rawLen).map((a) => decodeAttr(a, blob, opaque));
}

/**
 * Decodes one whole message (header + blob). Throws only BlobDecodeError, for bad
 * framing as for bad attributes; trailing padding after the blob is allowed.
 */
export function decodeUbusMessage(bytes: Uint8Array, opts: UbusDecodeOptions = {}): UbusMessage {
  if (bytes.length < UBUS_MSGHDR_LEN + 4) throw new BlobDecodeError('ubus message shorter than its headers', 0);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blob = bytes.subarray(UBUS_MSGHDR_LEN);
  const rawLen = ubusBlobLength(bytes);
  if (blobPad(rawLen) > UBUS_MAX_MSGLEN) throw new BlobDecodeError(`ubus message of ${rawLen} bytes over UBUS_MAX_MSGLEN`, UBUS_MSGHDR_LEN);
  if (rawLen > blob.length) throw new BlobDecodeError(`ubus message blob of ${rawLen} bytes truncated to ${blob.length}`, UBUS_MSGHDR_LEN);
  if (blob.length > blobPad(rawLen)) throw new BlobDecodeError('bytes after the ubus message blob', UBUS_MSGHDR_LEN + rawLen);
  return {
    version: dv.getUint8(0),
    type: dv.getUint8(1),
    seq: dv.getUint16(2),
    peer: dv.getUint32(4),
    attrs: decodeUbusAttrs(blob.subarray(0, rawLen), opts),
  };
}

/** The raw length of the message's blob, read from the 4 bytes after the header. */
export function ubusBlobLength(headerAndMore: Uint8Array): number {
  const b = headerAndMore;
  return (b[9]! << 16) | (b[10]! << 8) | b[11]!;
}

// ---------------------------------------------------------------- encoding

function writeAttr(w: BlobWriter, a: UbusAttr): void {
  if (a.id === 'raw') {
    const at = w.begin();
    w.raw(a.payload);
    w.end(at, a.attrId, a.extended);
    return;
  }
  const at = w.begin();
  switch (a.id) {
    case 'status': case 'objid': case 'objtype': case 'target':
      w.u32(a.value);
      break;
    case 'objpath': case 'method': case 'user': case 'group':
      w.utf8(a.value);
      w.u8(0);
      break;
    case 'active': case 'no_reply':
      w.u8(a.value);
      break;
    case 'signature': case 'data':
      for (const f of a.value) writeBlobmsgField(w, f);
      break;
    case 'data_js':
      writeBlobmsgJsFields(w, a.value);
      break;
    case 'subscribers':
      for (const id of a.value) {
        const s = w.begin();
        w.u32(id);
        w.end(s, BlobAttrType.UNSPEC, false);
      }
      break;
  }
  w.end(at, ATTR_NUM[a.id], false);
}

/** Encodes a message; throws RangeError when its blob exceeds UBUS_MAX_MSGLEN. */
export function encodeUbusMessage(msg: UbusMessage): Uint8Array {
  const w = new BlobWriter();
  w.u8(msg.version);
  w.u8(msg.type);
  w.u16(msg.seq & 0xffff);
  w.u32(msg.peer >>> 0);
  const top = w.begin();
  for (const a of msg.attrs) writeAttr(w, a);
  const rawLen = w.length - top;
  if (blobPad(rawLen) > UBUS_MAX_MSGLEN) {
    throw new RangeError(`ubus message of ${rawLen} bytes exceeds UBUS_MAX_MSGLEN (${UBUS_MAX_MSGLEN})`);
  }
  w.end(top, 0, false);
  return w.result();
}

/** Convenience constructor in the attribute order the caller gives. */
export function ubusMessage(type: number, seq: number, peer: number, attrs: UbusAttr[]): UbusMessage {
  return { version: 0, type, seq, peer, attrs };
}
