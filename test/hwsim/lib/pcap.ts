// Reading what tcpdump wrote from hwsim0: classic pcap records whose link
// type is radiotap (127), each a radiotap header then the 802.11 frame.

export interface CapturedFrame {
  /** Capture time in microseconds since the epoch. */
  timeUs: number;
  /** The 802.11 frame (radiotap header removed). */
  frame: Buffer;
  radiotap: Buffer;
}

export const LINKTYPE_IEEE802_11_RADIOTAP = 127;

/** Parses a classic (microsecond, little- or big-endian) pcap file of radiotap frames. */
export function parsePcap(buf: Buffer): CapturedFrame[] {
  if (buf.length < 24) throw new Error(`pcap: ${buf.length} bytes, shorter than its global header`);
  const magic = buf.readUInt32LE(0);
  let le: boolean;
  if (magic === 0xa1b2c3d4) le = true;
  else if (magic === 0xd4c3b2a1) le = false;
  else throw new Error(`pcap: unknown magic 0x${magic.toString(16)}`);
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const linktype = u32(20);
  if (linktype !== LINKTYPE_IEEE802_11_RADIOTAP) throw new Error(`pcap: link type ${linktype}, expected radiotap (127)`);
  const frames: CapturedFrame[] = [];
  let off = 24;
  while (off < buf.length) {
    // A record cut short by a stopped capture is dropped, not fatal.
    if (off + 16 > buf.length) break;
    const incl = u32(off + 8);
    const start = off + 16;
    if (start + incl > buf.length) break;
    const data = buf.subarray(start, start + incl);
    if (data.length < 4) throw new Error(`pcap: record at ${off} too short for radiotap`);
    const rtLen = data.readUInt16LE(2); // radiotap is little-endian whatever the file's byte order
    if (rtLen < 8 || rtLen > data.length) throw new Error(`pcap: record at ${off} has radiotap length ${rtLen} of ${data.length}`);
    frames.push({
      timeUs: u32(off) * 1e6 + u32(off + 4),
      radiotap: data.subarray(0, rtLen),
      frame: data.subarray(rtLen),
    });
    off = start + incl;
  }
  return frames;
}

/** Frame control's type and subtype, e.g. { type: 0, subtype: 8 } for a beacon. */
export function frameKind(frame: Buffer): { type: number; subtype: number } {
  if (frame.length < 2) throw new Error('802.11 frame shorter than its frame control field');
  return { type: (frame[0]! >> 2) & 3, subtype: (frame[0]! >> 4) & 0xf };
}
