// libubox blob_attr framing (blob.h): a 32-bit big-endian word holding the extended bit
// (bit 31), a 7-bit id (bits 24-30) and a 24-bit length that counts the 4-byte header
// and the payload but not the padding to the next multiple of 4. Pure functions on bytes.

export const BLOB_ATTR_ID_MASK = 0x7f000000;
export const BLOB_ATTR_ID_SHIFT = 24;
export const BLOB_ATTR_LEN_MASK = 0x00ffffff;
export const BLOB_ATTR_EXTENDED = 0x80000000;
export const BLOB_ATTR_ALIGN = 4;
export const BLOB_HDR_LEN = 4;

/** Strings up to this length are tried as ASCII by a JS loop before Buffer's UTF-8 paths. */
const ASCII_LOOP_MAX = 64;

/** Short strings up to this length are looked up in RECENT before they are built. */
const RECENT_MAX = 32;
/**
 * Short strings read lately, direct-mapped by length and end bytes: the names and values
 * of replies and calls repeat ("name", "state", "running", method names), and comparing
 * a string's bytes costs half of building it again character by character.
 */
const RECENT: string[] = new Array<string>(256).fill('');

/**
 * The text in `buf[start, end)` decoded as UTF-8. Names and most values are short ASCII:
 * read by a loop, without the native call of buf.toString that costs more than they do
 * (a `wifid status` reply has about twenty of them); anything else goes to Buffer.
 */
export function readUtf8(buf: Buffer, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return '';
  if (n <= RECENT_MAX) {
    const slot = (n * 31 + buf[start]! * 7 + buf[end - 1]!) & 0xff;
    const seen = RECENT[slot]!;
    if (seen.length === n) {
      let i = 0;
      while (i < n && seen.charCodeAt(i) === buf[start + i]) i++;
      if (i === n) return seen;
    }
    const fresh = readShort(buf, start, end);
    RECENT[slot] = fresh;
    return fresh;
  }
  return readShort(buf, start, end);
}

function readShort(buf: Buffer, start: number, end: number): string {
  if (end - start <= ASCII_LOOP_MAX) {
    let out = '';
    let i = start;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (c >= 0x80) break;
      out += String.fromCharCode(c);
    }
    if (i === end) return out;
  }
  return buf.toString('utf8', start, end);
}

/** blob.h's own attribute types (used by ubus message attributes, not by blobmsg). */
export const BlobAttrType = {
  UNSPEC: 0,
  NESTED: 1,
  BINARY: 2,
  STRING: 3,
  INT8: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  DOUBLE: 8,
} as const;

/** The one error a decoder of untrusted bytes throws. */
export class BlobDecodeError extends Error {
  override name = 'BlobDecodeError';
  constructor(message: string, readonly offset: number) {
    super(`${message} (at byte ${offset})`);
  }
}

export function blobPad(len: number): number {
  return (len + BLOB_ATTR_ALIGN - 1) & ~(BLOB_ATTR_ALIGN - 1);
}

export interface BlobAttrView {
  id: number;
  extended: boolean;
  /** Offset of the attribute header in the buffer. */
  offset: number;
  /** Raw length: header + payload, without padding. */
  rawLen: number;
  /** Payload bounds in the buffer (offsets rather than views: decoding allocates less). */
  start: number;
  end: number;
}

/** Reads the attribute header at `offset`, checking it lies within `end`. */
export function readBlobAttr(buf: Uint8Array, offset: number, end: number): BlobAttrView {
  if (offset + BLOB_HDR_LEN > end) throw new BlobDecodeError('truncated blob_attr header', offset);
  const word = ((buf[offset]! << 24) | (buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!) >>> 0;
  const rawLen = word & BLOB_ATTR_LEN_MASK;
  if (rawLen < BLOB_HDR_LEN) throw new BlobDecodeError(`blob_attr length ${rawLen} shorter than its header`, offset);
  if (offset + rawLen > end) throw new BlobDecodeError(`blob_attr length ${rawLen} runs past its container`, offset);
  return {
    id: (word & BLOB_ATTR_ID_MASK) >>> BLOB_ATTR_ID_SHIFT,
    extended: (word & BLOB_ATTR_EXTENDED) !== 0,
    offset,
    rawLen,
    start: offset + BLOB_HDR_LEN,
    end: offset + rawLen,
  };
}

/**
 * The attributes packed in `buf[start, end)`, as blob_for_each_attr walks them. The last
 * attribute's padding may be cut short by the container end (libubox tolerates that).
 */
export function readBlobAttrs(buf: Uint8Array, start: number, end: number): BlobAttrView[] {
  const out: BlobAttrView[] = [];
  let pos = start;
  while (pos < end) {
    const attr = readBlobAttr(buf, pos, end);
    out.push(attr);
    pos += blobPad(attr.rawLen);
  }
  return out;
}

/** Header word for an attribute. */
export function blobHeader(id: number, rawLen: number, extended: boolean): number {
  if (rawLen > BLOB_ATTR_LEN_MASK) throw new RangeError(`blob_attr of ${rawLen} bytes exceeds the 24-bit length`);
  return ((extended ? BLOB_ATTR_EXTENDED : 0) | ((id << BLOB_ATTR_ID_SHIFT) & BLOB_ATTR_ID_MASK) | rawLen) >>> 0;
}

/**
 * Growable byte sink that builds attributes the way blob_buf does: each attribute is
 * written with zeroed padding, nested attributes get their length when closed.
 */
export class BlobWriter {
  private buf: Buffer;
  length = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = Math.max(this.buf.length * 2, 64);
    while (size < this.length + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  /** `n` zero bytes (padding is 1-3 of them: a loop beats Buffer.fill's native call). */
  zeros(n: number): void {
    this.reserve(n);
    const b = this.buf;
    for (let i = 0; i < n; i++) b[this.length++] = 0;
  }

  u8(v: number): void { this.reserve(1); this.buf[this.length++] = v & 0xff; }
  u16(v: number): void { this.reserve(2); this.buf.writeUInt16BE(v & 0xffff, this.length); this.length += 2; }
  u32(v: number): void { this.reserve(4); this.buf.writeUInt32BE(v >>> 0, this.length); this.length += 4; }
  u32At(offset: number, v: number): void { this.buf.writeUInt32BE(v >>> 0, offset); }
  u16At(offset: number, v: number): void { this.buf.writeUInt16BE(v & 0xffff, offset); }
  i64(v: bigint): void { this.reserve(8); this.buf.writeBigInt64BE(BigInt.asIntN(64, v), this.length); this.length += 8; }
  f64(v: number): void { this.reserve(8); this.buf.writeDoubleBE(v, this.length); this.length += 8; }
  raw(b: Uint8Array): void { this.reserve(b.length); this.buf.set(b, this.length); this.length += b.length; }
  /** UTF-8 bytes of `s`, without a NUL; returns how many. */
  utf8(s: string): number {
    // Names and most values are short ASCII: copied by a loop, without the two native
    // calls (byteLength, write) that cost more than the copy itself.
    if (s.length <= ASCII_LOOP_MAX) {
      this.reserve(s.length);
      const b = this.buf;
      const at = this.length;
      let i = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[at + i] = c;
      }
      if (i === s.length) {
        this.length += i;
        return i;
      }
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.reserve(n);
    this.buf.write(s, this.length, n, 'utf8');
    this.length += n;
    return n;
  }
  padTo4(): void {
    const pad = blobPad(this.length) - this.length;
    if (pad) this.zeros(pad);
  }

  /** Starts an attribute; returns its offset for `end()`. */
  begin(): number {
    const at = this.length;
    this.u32(0);
    return at;
  }

  /** Closes the attribute opened at `at`: header with the unpadded length, then padding. */
  end(at: number, id: number, extended: boolean): void {
    this.u32At(at, blobHeader(id, this.length - at, extended));
    this.padTo4();
  }

  /** A copy of the bytes written from `at` on. */
  copyFrom(at: number): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, at, this.length);
  }

  /**
   * The bytes written: a view on the writer's buffer, which it never writes again (no
   * copy); the writer starts over empty.
   */
  result(): Uint8Array {
    const out = this.buf.subarray(0, this.length);
    this.buf = Buffer.alloc(0);
    this.length = 0;
    return out;
  }
}

/** A Buffer view on the same bytes (no copy), for Buffer's fast readers. */
export function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
