// Netlink message framing (struct nlmsghdr), the generic-netlink header (struct
// genlmsghdr) and error/ACK messages with their extended-ACK TLVs (struct nlmsgerr,
// enum nlmsgerr_attrs of include/uapi/linux/netlink.h). Pure: no sockets, no state.
import { forEachAttr } from './attrs.js';

export const NLMSG_HDRLEN = 16;
export const GENL_HDRLEN = 4;

export const NLMSG_NOOP = 1;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLMSG_OVERRUN = 4;

export const NLM_F_REQUEST = 0x01;
export const NLM_F_MULTI = 0x02;
export const NLM_F_ACK = 0x04;
export const NLM_F_DUMP = 0x100 | 0x200; // NLM_F_ROOT | NLM_F_MATCH
export const NLM_F_CAPPED = 0x100; // in an NLMSG_ERROR: the request was not echoed in full
export const NLM_F_ACK_TLVS = 0x200; // in an NLMSG_ERROR: extended-ACK TLVs follow

const NLMSGERR_ATTR_MSG = 1;
const NLMSGERR_ATTR_OFFS = 2;
const NLMSGERR_ATTR_COOKIE = 3;
const NLMSGERR_ATTR_MISS_TYPE = 5;

export class MessageDecodeError extends Error {
  override name = 'MessageDecodeError';
}

export interface NetlinkMessage {
  type: number;
  flags: number;
  seq: number;
  port: number;
  /** Bytes after the 16-byte header. */
  payload: Uint8Array;
}

export interface GenlMessage extends NetlinkMessage {
  cmd: number;
  version: number;
  /** Attribute bytes after the generic-netlink header. */
  attrs: Uint8Array;
}

export interface NetlinkAck {
  /** 0 for an ACK, a positive errno for an error. */
  errno: number;
  /** The kernel's extended-ACK message (NLMSGERR_ATTR_MSG), if it sent one. */
  extackMessage?: string;
  /** Offset of the offending attribute in the request (NLMSGERR_ATTR_OFFS). */
  extackOffset?: number;
  /** A required attribute the request lacked (NLMSGERR_ATTR_MISS_TYPE). */
  missingAttr?: number;
  /** What a successful command returns in its ACK (NLMSGERR_ATTR_COOKIE), e.g. CONTROL_PORT_FRAME's cookie. */
  cookie?: Uint8Array;
}

const align4 = (n: number) => (n + 3) & ~3;

/** Splits a datagram into its netlink messages; throws on a malformed header. */
export function parseNetlinkMessages(buf: Uint8Array): NetlinkMessage[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: NetlinkMessage[] = [];
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const len = view.getUint32(off, true);
    if (len < NLMSG_HDRLEN || off + len > buf.length) {
      throw new MessageDecodeError(`netlink message at offset ${off}: length ${len} outside ${buf.length} bytes`);
    }
    out.push({
      type: view.getUint16(off + 4, true),
      flags: view.getUint16(off + 6, true),
      seq: view.getUint32(off + 8, true),
      port: view.getUint32(off + 12, true),
      payload: buf.subarray(off + NLMSG_HDRLEN, off + len),
    });
    off += align4(len);
  }
  return out;
}

/** Reads the generic-netlink header of a message of a genl family. */
export function parseGenl(msg: NetlinkMessage): GenlMessage {
  if (msg.payload.length < GENL_HDRLEN) throw new MessageDecodeError(`generic netlink message of ${msg.payload.length} bytes has no header`);
  return { ...msg, cmd: msg.payload[0]!, version: msg.payload[1]!, attrs: msg.payload.subarray(GENL_HDRLEN) };
}

export interface GenlRequest {
  family: number;
  cmd: number;
  version: number;
  flags: number;
  seq: number;
  port: number;
  attrs: Uint8Array;
}

export function buildGenlMessage(req: GenlRequest): Buffer {
  const len = NLMSG_HDRLEN + GENL_HDRLEN + req.attrs.length;
  const b = Buffer.alloc(align4(len));
  b.writeUInt32LE(len, 0);
  b.writeUInt16LE(req.family, 4);
  b.writeUInt16LE(req.flags, 6);
  b.writeUInt32LE(req.seq >>> 0, 8);
  b.writeUInt32LE(req.port >>> 0, 12);
  b.writeUInt8(req.cmd, 16);
  b.writeUInt8(req.version, 17);
  Buffer.from(req.attrs.buffer, req.attrs.byteOffset, req.attrs.byteLength).copy(b, NLMSG_HDRLEN + GENL_HDRLEN);
  return b;
}

/**
 * Reads an NLMSG_ERROR (or the errno of a dump's NLMSG_DONE). Layout: s32 error, the
 * request's nlmsghdr, the rest of the request unless NLM_F_CAPPED, then TLVs if
 * NLM_F_ACK_TLVS.
 */
export function parseAck(msg: NetlinkMessage): NetlinkAck {
  const p = msg.payload;
  if (p.length < 4) throw new MessageDecodeError(`error message of ${p.length} bytes`);
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const ack: NetlinkAck = { errno: -view.getInt32(0, true) | 0 }; // | 0: an ACK's errno is 0, not -0
  if (msg.type === NLMSG_DONE) return ack;
  if (p.length < 4 + NLMSG_HDRLEN) throw new MessageDecodeError(`error message of ${p.length} bytes lacks the echoed header`);
  const echoedLen = view.getUint32(4, true);
  const echoed = msg.flags & NLM_F_CAPPED ? NLMSG_HDRLEN : echoedLen;
  if (echoed < NLMSG_HDRLEN || 4 + echoed > p.length) throw new MessageDecodeError(`error message echoes ${echoedLen} bytes of ${p.length - 4}`);
  if (msg.flags & NLM_F_ACK_TLVS) {
    forEachAttr(p.subarray(4 + align4(echoed)), (type, value) => {
      if (type === NLMSGERR_ATTR_MSG) {
        const end = value.indexOf(0);
        ack.extackMessage = Buffer.from(value.buffer, value.byteOffset, end < 0 ? value.length : end).toString('utf8');
      } else if (type === NLMSGERR_ATTR_OFFS && value.length >= 4) {
        ack.extackOffset = new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true);
      } else if (type === NLMSGERR_ATTR_COOKIE) {
        ack.cookie = Uint8Array.from(value);
      } else if (type === NLMSGERR_ATTR_MISS_TYPE && value.length >= 4) {
        ack.missingAttr = new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true);
      }
    });
  }
  return ack;
}

/** The command, wiphy, ifindex and wdev of an nl80211 message, read without decoding the rest. */
export interface MessageIds {
  wiphy?: number;
  ifindex?: number;
  wdev?: bigint;
}

// NL80211_ATTR_WIPHY, NL80211_ATTR_IFINDEX, NL80211_ATTR_WDEV (checked against the schema in tests).
export const ATTR_WIPHY = 1;
export const ATTR_IFINDEX = 3;
export const ATTR_WDEV = 153;

export function peekIds(attrs: Uint8Array): MessageIds {
  const ids: MessageIds = {};
  forEachAttr(attrs, (type, value) => {
    if (type === ATTR_WIPHY && value.length >= 4) ids.wiphy = new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true);
    else if (type === ATTR_IFINDEX && value.length >= 4) ids.ifindex = new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true);
    else if (type === ATTR_WDEV && value.length >= 8) ids.wdev = new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0, true);
  });
  return ids;
}
