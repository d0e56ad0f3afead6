// Splits a ubus byte stream into whole messages, as ubusd_main.c/libubus-io.c read them:
// the 8-byte header plus the first blob_attr header give the length still to read.
import { asBuffer, BlobDecodeError, blobPad } from './blob';
import { UBUS_MAX_MSGLEN, UBUS_MSGHDR_LEN } from './protocol';

export class UbusFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Set once the stream carried a length ubusd would disconnect for; nothing more is read. */
  failure?: BlobDecodeError;

  /**
   * Adds received bytes and returns the whole messages they complete. On a length ubusd
   * would disconnect for (shorter than a blob header, or over UBUS_MAX_MSGLEN) it returns
   * the messages before it and sets `failure`: the stream cannot be resynchronised.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failure) return [];
    // A chunk that starts clean is read in place (socket chunks are never written again);
    // only a message split across reads is copied together.
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : asBuffer(chunk);
    const out: Uint8Array[] = [];
    let pos = 0;
    while (this.pending.length - pos >= UBUS_MSGHDR_LEN + 4) {
      const rawLen = this.pending.readUInt32BE(pos + UBUS_MSGHDR_LEN) & 0xffffff;
      if (rawLen < 4 || blobPad(rawLen) > UBUS_MAX_MSGLEN) {
        this.failure = new BlobDecodeError(
          rawLen < 4 ? `ubus message blob length ${rawLen} shorter than its header` : `ubus message of ${rawLen} bytes over UBUS_MAX_MSGLEN`,
          pos + UBUS_MSGHDR_LEN,
        );
        this.pending = Buffer.alloc(0);
        return out;
      }
      const total = UBUS_MSGHDR_LEN + rawLen;
      if (this.pending.length - pos < total) break;
      out.push(this.pending.subarray(pos, pos + total));
      pos += total;
    }
    this.pending = this.pending.subarray(pos);
    return out;
  }
}
