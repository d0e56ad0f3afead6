// libubox blobmsg (blobmsg.h/blobmsg.c): named, typed values inside blob_attrs with the
// extended bit set. After the 4-byte blob header comes blobmsg_hdr: a big-endian u16
// name length, the name, a NUL, zero padding so header+name end on a 4-byte boundary;
// then the value. Integers and doubles are big-endian; strings carry their NUL; tables
// and arrays nest fields (array elements have empty names). Pure functions on bytes.
import { asBuffer, BlobDecodeError, blobPad, BlobWriter, readBlobAttr, readUtf8, type BlobAttrView } from './blob';

export const BlobmsgTypeId = {
  unspec: 0,
  array: 1,
  table: 2,
  string: 3,
  int64: 4,
  int32: 5,
  int16: 6,
  int8: 7,
  double: 8,
} as const;

export type BlobmsgType = keyof typeof BlobmsgTypeId;
/** BLOBMSG_TYPE_BOOL is BLOBMSG_TYPE_INT8 on the wire. */
export const BLOBMSG_TYPE_BOOL = BlobmsgTypeId.int8;

const TYPE_BY_ID: readonly BlobmsgType[] = ['unspec', 'array', 'table', 'string', 'int64', 'int32', 'int16', 'int8', 'double'];

export function blobmsgTypeName(id: number): BlobmsgType | undefined {
  return TYPE_BY_ID[id];
}

/** One field exactly as on the wire: lossless, so decode then encode gives the same bytes. */
export type BlobmsgField =
  | { name: string; type: 'table' | 'array'; value: BlobmsgField[] }
  | { name: string; type: 'string'; value: string }
  | { name: string; type: 'int64'; value: bigint }
  | { name: string; type: 'int32' | 'int16' | 'int8' | 'double'; value: number }
  | { name: string; type: 'unspec'; value: Uint8Array };


/** blobmsg_hdrlen(): u16 namelen + name + NUL, padded to 4. */
export function blobmsgHdrLen(nameLen: number): number {
  return (2 + nameLen + 1 + 3) & ~3;
}

// ---------------------------------------------------------------- decoding

function decodeField(attr: BlobAttrView, buf: Buffer, depth: number): BlobmsgField {
  if (!attr.extended) throw new BlobDecodeError('blobmsg attribute without the extended bit', attr.offset);
  const { start, end } = attr;
  if (end - start < 2) throw new BlobDecodeError('blobmsg header truncated', attr.offset);
  const nameLen = (buf[start]! << 8) | buf[start + 1]!;
  const hdrLen = blobmsgHdrLen(nameLen);
  if (end - start < hdrLen) throw new BlobDecodeError(`blobmsg name of ${nameLen} bytes runs past the attribute`, attr.offset);
  if (buf[start + 2 + nameLen] !== 0) throw new BlobDecodeError('blobmsg name not NUL-terminated', attr.offset);
  const name = readUtf8(buf, start + 2, start + 2 + nameLen);
  const at = start + hdrLen;
  const len = end - at;
  const type = TYPE_BY_ID[attr.id];
  if (!type) throw new BlobDecodeError(`unknown blobmsg type ${attr.id}`, attr.offset);
  switch (type) {
    case 'table':
    case 'array':
      if (depth > 64) throw new BlobDecodeError('blobmsg nesting deeper than 64', attr.offset);
      return { name, type, value: decodeFieldsAt(buf, at, end, depth + 1) };
    case 'string':
      if (len < 1 || buf[end - 1] !== 0) throw new BlobDecodeError(`blobmsg string "${name}" not NUL-terminated`, attr.offset);
      return { name, type, value: readUtf8(buf, at, end - 1) };
    case 'int64':
      needLen(type, name, len, 8, attr.offset);
      return { name, type, value: buf.readBigInt64BE(at) };
    case 'int32':
      needLen(type, name, len, 4, attr.offset);
      return { name, type, value: buf.readInt32BE(at) };
    case 'int16':
      needLen(type, name, len, 2, attr.offset);
      return { name, type, value: buf.readInt16BE(at) };
    case 'int8':
      needLen(type, name, len, 1, attr.offset);
      return { name, type, value: buf[at]! };
    case 'double':
      needLen(type, name, len, 8, attr.offset);
      return { name, type, value: buf.readDoubleBE(at) };
    case 'unspec':
      return { name, type, value: new Uint8Array(buf.subarray(at, end)) };
  }
}

/** A fixed-size value's length check (a function, not a closure made per field). */
function needLen(type: BlobmsgType, name: string, len: number, n: number, offset: number): void {
  if (len !== n) throw new BlobDecodeError(`blobmsg ${type} "${name}" has ${len} bytes, expected ${n}`, offset);
}

/** Decodes the fields in `buf[start, end)` (a table's payload inside a larger message). */
export function decodeFieldsAt(buf: Buffer, start: number, end: number, depth = 0): BlobmsgField[] {
  const out: BlobmsgField[] = [];
  let pos = start;
  while (pos < end) {
    const attr = readBlobAttr(buf, pos, end);
    out.push(decodeField(attr, buf, depth));
    pos += blobPad(attr.rawLen);
  }
  return out;
}

/**
 * Decodes the blobmsg fields packed in `buf` (the payload of a table, e.g. UBUS_ATTR_DATA).
 * Throws only BlobDecodeError; never reads outside `buf`.
 */
export function decodeBlobmsgFields(buf: Uint8Array): BlobmsgField[] {
  return decodeFieldsAt(asBuffer(buf), 0, buf.length, 0);
}

// ---------------------------------------------------------------- encoding

export function writeBlobmsgField(w: BlobWriter, f: BlobmsgField): void {
  const at = w.begin();
  const nameAt = w.length;
  w.u16(0);
  const nameLen = w.utf8(f.name);
  if (nameLen > 0xffff) throw new RangeError(`blobmsg name of ${nameLen} bytes is too long`);
  w.u16At(nameAt, nameLen);
  w.u8(0);
  w.padTo4();
  switch (f.type) {
    case 'table':
    case 'array':
      for (const child of f.value) writeBlobmsgField(w, child);
      break;
    case 'string':
      w.utf8(f.value);
      w.u8(0);
      break;
    case 'int64':
      w.i64(f.value);
      break;
    case 'int32':
      w.u32(f.value >>> 0);
      break;
    case 'int16':
      w.u16(f.value & 0xffff);
      break;
    case 'int8':
      w.u8(f.value & 0xff);
      break;
    case 'double':
      w.f64(f.value);
      break;
    case 'unspec':
      w.raw(f.value);
      break;
  }
  w.end(at, BlobmsgTypeId[f.type], true);
}

/** Encodes fields back to back (the payload of a table). */
export function encodeBlobmsgFields(fields: readonly BlobmsgField[]): Uint8Array {
  const w = new BlobWriter();
  for (const f of fields) writeBlobmsgField(w, f);
  return w.result();
}

// ---------------------------------------------------------------- JS values

/** A value with an explicit wire type, for when inference from the JS value is not wanted. */
export class BlobmsgTyped {
  constructor(readonly type: Exclude<BlobmsgType, 'table' | 'array'>, readonly value: number | bigint | string | Uint8Array) {}
}
export const typed = {
  int8: (v: number) => new BlobmsgTyped('int8', v),
  int16: (v: number) => new BlobmsgTyped('int16', v),
  int32: (v: number) => new BlobmsgTyped('int32', v),
  int64: (v: number | bigint) => new BlobmsgTyped('int64', BigInt(v)),
  double: (v: number) => new BlobmsgTyped('double', v),
};

export type BlobmsgJs =
  | string | number | bigint | boolean | null | undefined | Uint8Array | BlobmsgTyped
  | BlobmsgJs[] | { [key: string]: BlobmsgJs };

/**
 * A JS value to a field, with the types blobmsg_add_json_element would pick: booleans as
 * bool (int8), integers as int32 when they fit and int64 otherwise, other numbers as
 * double, null as unspec. `undefined` gives no field.
 */
export function jsToBlobmsgField(name: string, v: BlobmsgJs): BlobmsgField | undefined {
  if (v === undefined) return undefined;
  if (v === null) return { name, type: 'unspec', value: new Uint8Array(0) };
  if (v instanceof BlobmsgTyped) return typedToField(name, v);
  if (v instanceof Uint8Array) return { name, type: 'unspec', value: v };
  switch (typeof v) {
    case 'string': return { name, type: 'string', value: v };
    case 'boolean': return { name, type: 'int8', value: v ? 1 : 0 };
    case 'bigint': return { name, type: 'int64', value: v };
    case 'number':
      if (Number.isInteger(v) && !Object.is(v, -0)) {
        if (v >= -0x80000000 && v <= 0x7fffffff) return { name, type: 'int32', value: v };
        if (Number.isSafeInteger(v)) return { name, type: 'int64', value: BigInt(v) };
      }
      return { name, type: 'double', value: v };
  }
  if (Array.isArray(v)) {
    const value: BlobmsgField[] = [];
    for (const el of v) {
      const f = jsToBlobmsgField('', el === undefined ? null : el);
      if (f) value.push(f);
    }
    return { name, type: 'array', value };
  }
  if (typeof v === 'object') return { name, type: 'table', value: jsToBlobmsgFields(v as Record<string, BlobmsgJs>) };
  throw new TypeError(`cannot encode a ${typeof v} as blobmsg`);
}

function typedToField(name: string, t: BlobmsgTyped): BlobmsgField {
  switch (t.type) {
    case 'int64': return { name, type: 'int64', value: BigInt(t.value as number | bigint) };
    case 'string': return { name, type: 'string', value: String(t.value) };
    case 'unspec': return { name, type: 'unspec', value: t.value as Uint8Array };
    default: return { name, type: t.type, value: Number(t.value) };
  }
}

/**
 * Writes a JS value as a field, exactly as writeBlobmsgField(jsToBlobmsgField(name, v))
 * would (same types, same bytes, same errors), without building the field tree first:
 * replies are encoded straight from the handler's object. `undefined` writes nothing.
 */
export function writeBlobmsgJs(w: BlobWriter, name: string, v: BlobmsgJs): void {
  if (v === undefined) return;
  if (v === null || v instanceof BlobmsgTyped || v instanceof Uint8Array) {
    writeBlobmsgField(w, jsToBlobmsgField(name, v)!);
    return;
  }
  let type: number;
  switch (typeof v) {
    case 'string': type = BlobmsgTypeId.string; break;
    case 'boolean': type = BlobmsgTypeId.int8; break;
    case 'number':
      if (Number.isInteger(v) && !Object.is(v, -0) && v >= -0x80000000 && v <= 0x7fffffff) { type = BlobmsgTypeId.int32; break; }
      writeBlobmsgField(w, jsToBlobmsgField(name, v)!);
      return;
    case 'bigint': type = BlobmsgTypeId.int64; break;
    case 'object': type = Array.isArray(v) ? BlobmsgTypeId.array : BlobmsgTypeId.table; break;
    default: throw new TypeError(`cannot encode a ${typeof v} as blobmsg`);
  }
  const at = w.begin();
  const nameAt = w.length;
  w.u16(0);
  const nameLen = w.utf8(name);
  if (nameLen > 0xffff) throw new RangeError(`blobmsg name of ${nameLen} bytes is too long`);
  w.u16At(nameAt, nameLen);
  w.u8(0);
  w.padTo4();
  switch (type) {
    case BlobmsgTypeId.string: w.utf8(v as string); w.u8(0); break;
    case BlobmsgTypeId.int8: w.u8(v ? 1 : 0); break;
    case BlobmsgTypeId.int32: w.u32((v as number) >>> 0); break;
    case BlobmsgTypeId.int64: w.i64(v as bigint); break;
    case BlobmsgTypeId.array: for (const el of v as BlobmsgJs[]) writeBlobmsgJs(w, '', el === undefined ? null : el); break;
    default: writeBlobmsgJsFields(w, v as Record<string, BlobmsgJs>);
  }
  w.end(at, type, true);
}

/** Objects whose bytes are kept once written (null until then): replyMemo's frozen replies. */
const keptFields = new WeakMap<object, Uint8Array | null>();

/**
 * Marks an object, frozen all the way down, whose encoding is to be kept and written again
 * as it is each time the object is (reply-memo.ts).
 */
export function keepEncoding(obj: Readonly<Record<string, BlobmsgJs>>): void {
  if (!keptFields.has(obj)) keptFields.set(obj, null);
}

/**
 * The fields of a JS object, as encodeBlobmsgFields(jsToBlobmsgFields(obj)) writes them.
 * An object marked by keepEncoding is encoded once: its bytes are kept and copied in
 * again (fields do not depend on where they start, every attribute being 4-aligned).
 */
export function writeBlobmsgJsFields(w: BlobWriter, obj: Record<string, BlobmsgJs>): void {
  const kept = keptFields.get(obj);
  if (kept) {
    w.raw(kept);
    return;
  }
  const at = w.length;
  for (const k in obj) {
    if (Object.prototype.hasOwnProperty.call(obj, k)) writeBlobmsgJs(w, k, obj[k]);
  }
  if (kept === null) keptFields.set(obj, w.copyFrom(at));
}

export function jsToBlobmsgFields(obj: Record<string, BlobmsgJs>): BlobmsgField[] {
  const out: BlobmsgField[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const f = jsToBlobmsgField(k, v);
    if (f) out.push(f);
  }
  return out;
}

export type JsValue = string | number | bigint | boolean | null | Uint8Array | JsValue[] | { [key: string]: JsValue };

/**
 * A field to a plain JS value: int8 as boolean (blobmsg's BOOL), int64 as number when
 * exact and bigint otherwise, unspec as null when empty. Later duplicates of a name win.
 */
export function blobmsgFieldToJs(f: BlobmsgField): JsValue {
  switch (f.type) {
    case 'table': return blobmsgFieldsToJs(f.value);
    case 'array': return f.value.map(blobmsgFieldToJs);
    case 'int8': return f.value !== 0;
    case 'int64': return f.value >= BigInt(Number.MIN_SAFE_INTEGER) && f.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(f.value) : f.value;
    case 'unspec': return f.value.length ? f.value : null;
    default: return f.value;
  }
}

export function blobmsgFieldsToJs(fields: readonly BlobmsgField[]): { [key: string]: JsValue } {
  const out: { [key: string]: JsValue } = Object.create(null);
  for (const f of fields) out[f.name] = blobmsgFieldToJs(f);
  return out;
}

/** A JS object to the bytes of a blobmsg table payload. */
export function encodeBlobmsg(obj: Record<string, BlobmsgJs>): Uint8Array {
  return encodeBlobmsgFields(jsToBlobmsgFields(obj));
}

/** The bytes of a blobmsg table payload to a plain JS object. Throws only BlobDecodeError. */
export function decodeBlobmsg(buf: Uint8Array): { [key: string]: JsValue } {
  return blobmsgFieldsToJs(decodeBlobmsgFields(buf));
}
