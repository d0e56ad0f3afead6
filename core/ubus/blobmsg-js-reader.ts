// Decodes blobmsg bytes straight to plain JS values, the way a reply to `call()` is read:
// the same checks, errors and values as blobmsgFieldsToJs(decodeFieldsAt(...)), without
// the field tree in between (an object per attribute and per field that the caller drops
// at once: about half the cost of reading a `wifid status` reply).
import { BlobDecodeError, blobPad, BLOB_ATTR_EXTENDED, BLOB_ATTR_ID_MASK, BLOB_ATTR_ID_SHIFT, BLOB_ATTR_LEN_MASK, BLOB_HDR_LEN, readUtf8 } from './blob';
import { blobmsgHdrLen, blobmsgTypeName, type BlobmsgType, type JsValue } from './blobmsg';

/** int64 halves that make a safe integer: -(2^53 - 1) .. 2^53 - 1. */
const SAFE_HI = 0x200000;

/**
 * The value of the attribute at `offset` (its header checked against `limit`) into
 * `target`: under its name for a table, appended for an array. Returns the padded end.
 */
function readInto(buf: Buffer, offset: number, limit: number, depth: number, target: Record<string, JsValue> | JsValue[]): number {
  if (offset + BLOB_HDR_LEN > limit) throw new BlobDecodeError('truncated blob_attr header', offset);
  const word = ((buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!) >>> 0;
  const rawLen = word & BLOB_ATTR_LEN_MASK;
  if (rawLen < BLOB_HDR_LEN) throw new BlobDecodeError(`blob_attr length ${rawLen} shorter than its header`, offset);
  if (offset + rawLen > limit) throw new BlobDecodeError(`blob_attr length ${rawLen} runs past its container`, offset);
  if ((word & BLOB_ATTR_EXTENDED) === 0) throw new BlobDecodeError('blobmsg attribute without the extended bit', offset);
  const start = offset + BLOB_HDR_LEN;
  const end = offset + rawLen;
  if (end - start < 2) throw new BlobDecodeError('blobmsg header truncated', offset);
  const nameLen = (buf[start]! << 8) | buf[start + 1]!;
  const hdrLen = blobmsgHdrLen(nameLen);
  if (end - start < hdrLen) throw new BlobDecodeError(`blobmsg name of ${nameLen} bytes runs past the attribute`, offset);
  if (buf[start + 2 + nameLen] !== 0) throw new BlobDecodeError('blobmsg name not NUL-terminated', offset);
  const isArray = Array.isArray(target);
  // Array elements' names are not kept (blobmsgFieldToJs drops them too).
  const name = isArray ? '' : readUtf8(buf, start + 2, start + 2 + nameLen);
  const at = start + hdrLen;
  const len = end - at;
  const type = blobmsgTypeName((word & BLOB_ATTR_ID_MASK) >>> BLOB_ATTR_ID_SHIFT);
  let value: JsValue;
  switch (type) {
    case undefined:
      throw new BlobDecodeError(`unknown blobmsg type ${(word & BLOB_ATTR_ID_MASK) >>> BLOB_ATTR_ID_SHIFT}`, offset);
    case 'table':
    case 'array': {
      if (depth > 64) throw new BlobDecodeError('blobmsg nesting deeper than 64', offset);
      const inner: Record<string, JsValue> | JsValue[] = type === 'array' ? [] : Object.create(null) as Record<string, JsValue>;
      let pos = at;
      while (pos < end) pos = readInto(buf, pos, end, depth + 1, inner);
      value = inner;
      break;
    }
    case 'string':
      if (len < 1 || buf[end - 1] !== 0) throw new BlobDecodeError(`blobmsg string "${nameFor(buf, start, nameLen)}" not NUL-terminated`, offset);
      value = readUtf8(buf, at, end - 1);
      break;
    case 'int64': {
      needLen(type, buf, start, nameLen, len, 8, offset);
      const hi = buf.readInt32BE(at);
      const lo = buf.readUInt32BE(at + 4);
      value = hi >= -SAFE_HI && hi < SAFE_HI && !(hi === -SAFE_HI && lo === 0) ? hi * 0x100000000 + lo : buf.readBigInt64BE(at);
      break;
    }
    case 'int32':
      needLen(type, buf, start, nameLen, len, 4, offset);
      value = buf.readInt32BE(at);
      break;
    case 'int16':
      needLen(type, buf, start, nameLen, len, 2, offset);
      value = buf.readInt16BE(at);
      break;
    case 'int8':
      needLen(type, buf, start, nameLen, len, 1, offset);
      value = buf[at] !== 0;
      break;
    case 'double':
      needLen(type, buf, start, nameLen, len, 8, offset);
      value = buf.readDoubleBE(at);
      break;
    case 'unspec':
      value = len ? new Uint8Array(buf.subarray(at, end)) : null;
      break;
  }
  if (isArray) target.push(value);
  else target[name] = value;
  return offset + blobPad(rawLen);
}

/** The field's name for an error text (array elements' names are read only then). */
function nameFor(buf: Buffer, start: number, nameLen: number): string {
  return readUtf8(buf, start + 2, start + 2 + nameLen);
}

function needLen(type: BlobmsgType, buf: Buffer, start: number, nameLen: number, len: number, n: number, offset: number): void {
  if (len !== n) throw new BlobDecodeError(`blobmsg ${type} "${nameFor(buf, start, nameLen)}" has ${len} bytes, expected ${n}`, offset);
}

/**
 * The fields in `buf[start, end)` (a table's payload) as a plain object: int8 as boolean,
 * int64 as number when exact and bigint otherwise, unspec as null when empty, later
 * duplicates of a name winning. Throws only BlobDecodeError; never reads outside the range.
 */
export function decodeBlobmsgJsAt(buf: Buffer, start: number, end: number): { [key: string]: JsValue } {
  const out = Object.create(null) as { [key: string]: JsValue };
  let pos = start;
  while (pos < end) pos = readInto(buf, pos, end, 0, out);
  return out;
}
