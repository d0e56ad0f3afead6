// A growable byte buffer for the builders: the element and attribute formats mix
// little-endian (802.11, P2P) and big-endian (WPS) fields, so both are spelled out.
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
  }

  get length(): number {
    return this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): this {
    this.reserve(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  le16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }

  be16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }

  be32(v: number): this {
    return this.be16(v >>> 16).be16(v);
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  /** Overwrites one byte already written (length fields filled in afterwards). */
  setU8(at: number, v: number): void {
    if (at >= this.len) throw new RangeError('setU8 past the written bytes');
    this.buf[at] = v & 0xff;
  }

  setLe16(at: number, v: number): void {
    this.setU8(at, v);
    this.setU8(at + 1, v >>> 8);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export const textEncoder = new TextEncoder();
