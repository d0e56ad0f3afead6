// Every parser in core/ieee80211 reads untrusted bytes from the air; when they do not
// fit the format it throws this one error type, naming what was being decoded and where.
export type DecodeErrorCode = 'truncated' | 'bad_length' | 'bad_value' | 'missing';

export class FrameDecodeError extends Error {
  constructor(
    readonly code: DecodeErrorCode,
    /** What was being decoded, e.g. "P2P Device Info". */
    readonly what: string,
    /** Byte offset in the buffer handed to the parser. */
    readonly offset: number,
    detail: string,
  ) {
    super(`${what}: ${detail} (at offset ${offset})`);
    this.name = 'FrameDecodeError';
  }
}

/** Throws unless `need` bytes are available at `offset` of a `len`-byte buffer. */
export function requireBytes(len: number, offset: number, need: number, what: string): void {
  if (offset < 0 || need < 0 || offset + need > len) {
    throw new FrameDecodeError('truncated', what, offset, `needs ${need} bytes, ${Math.max(0, len - offset)} left`);
  }
}
