// A user-space netlink peer that answers GET_SCAN dumps as nl80211 does: each BSS a
// NEW_SCAN_RESULTS message with NLM_F_MULTI, packed into datagrams, then NLMSG_DONE (or
// an NLMSG_ERROR when told to refuse). Real NETLINK_GENERIC sockets on both sides (one
// process may unicast to another's port), so the scan worker and bench/events run the
// daemon's own dump path without cfg80211.
import { encodeAttrs } from '../../core/nl80211/attrs.js';
import { ENUMS, type Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { openGenericNetlinkSocket } from '../../core/nl80211/genl-channel.js';
import { buildGenlMessage, NLM_F_DUMP, NLMSG_DONE, NLMSG_ERROR, parseGenl, parseNetlinkMessages } from '../../core/nl80211/message.js';

const NLM_F_MULTI = 2;
const NLM_F_CAPPED = 0x100;
const CMD = ENUMS.nl80211_commands.values;

export const PEER_FAMILY = 0x1c; // any id: the messages never reach the kernel's families

/** A scan result as nl80211_send_bss writes it (a subset): what the peer answers with. */
export function scanEntryAttrs(i: number, ies: Uint8Array): Uint8Array {
  const bssid = `02:00:00:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`;
  return encodeAttrs('nl80211_attrs', {
    WIPHY: 0, IFINDEX: 3, WDEV: 1n, GENERATION: 7,
    BSS: { BSSID: bssid, FREQUENCY: 2412 + 5 * (i % 13), SIGNAL_MBM: -3000 - 100 * (i % 60), SEEN_MS_AGO: i, CAPABILITY: 0x431, BEACON_INTERVAL: 100, INFORMATION_ELEMENTS: ies, BEACON_IES: ies },
  } as Attrs_nl80211_attrs);
}

export interface ScanDumpPeer {
  readonly port: number;
  /** GET_SCAN requests answered so far. */
  readonly dumps: number;
  close(): void;
}

export interface ScanDumpPeerOptions {
  /** The entries of the next dump (attributes of each message). */
  entries(): readonly Uint8Array[];
  /** Refuse dumps with this errno (and extended-ACK text) instead. */
  refuse?(): { errno: number } | undefined;
  /** Bytes per datagram, as the kernel fills an skb (default 16 KiB). */
  datagramBytes?: number;
}

export function startScanDumpPeer(opts: ScanDumpPeerOptions): ScanDumpPeer {
  const sock = openGenericNetlinkSocket();
  let dumps = 0;
  const limit = opts.datagramBytes ?? 16 * 1024;
  sock.on('message', (buf, rinfo) => {
    for (const req of parseNetlinkMessages(buf)) {
      if (req.type !== PEER_FAMILY || !(req.flags & NLM_F_DUMP) || parseGenl(req).cmd !== CMD.GET_SCAN) continue;
      dumps++;
      const to = { port: rinfo.port };
      const refusal = opts.refuse?.();
      if (refusal) {
        const err = Buffer.alloc(20);
        err.writeUInt32LE(36, 0);
        err.writeUInt16LE(NLMSG_ERROR, 4);
        err.writeUInt16LE(NLM_F_CAPPED, 6); // the request echoed by its header only
        err.writeUInt32LE(req.seq, 8);
        err.writeUInt32LE(rinfo.port, 12);
        err.writeInt32LE(-refusal.errno, 16);
        sock.send(Buffer.concat([err, Buffer.from(buf.subarray(0, 16))]), to);
        continue;
      }
      let pending: Buffer[] = [];
      let size = 0;
      const flush = () => {
        if (pending.length > 0) sock.send(Buffer.concat(pending), to);
        pending = [];
        size = 0;
      };
      for (const attrs of opts.entries()) {
        const m = buildGenlMessage({ family: PEER_FAMILY, cmd: CMD.NEW_SCAN_RESULTS, version: 1, flags: NLM_F_MULTI, seq: req.seq, port: rinfo.port, attrs });
        if (size + m.length > limit) flush();
        pending.push(m);
        size += m.length;
      }
      const done = Buffer.alloc(20);
      done.writeUInt32LE(20, 0);
      done.writeUInt16LE(NLMSG_DONE, 4);
      done.writeUInt16LE(NLM_F_MULTI, 6);
      done.writeUInt32LE(req.seq, 8);
      done.writeUInt32LE(rinfo.port, 12);
      pending.push(done);
      flush();
    }
  });
  return {
    port: sock.address().port,
    get dumps() { return dumps; },
    close: () => sock.close(),
  };
}
