// A scripted stand-in for the kernel's side of generic netlink, for unit tests of the
// service where no cfg80211 exists: the generic-netlink controller (GETFAMILY, family
// announcements on its notify group) and an nl80211 family answering GET_WIPHY and
// GET_INTERFACE from fixed attribute sets. Messages use the layouts of
// include/uapi/linux/netlink.h and genetlink.h; the controller's attributes are written
// with the `netlink` package's own genl codec.
import { EventEmitter } from 'node:events';
import { AttrStream, genl } from 'netlink';
import { encodeAttrs } from '../../core/nl80211/attrs.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { NetlinkSocketLike } from '../../core/nl80211/genl-channel.js';
import { parseGenl, parseNetlinkMessages } from '../../core/nl80211/message.js';

export const NL80211_ID = 0x1c;
const CTRL_ID = 16;
export const GROUPS = { notify: 0x10, config: 5, scan: 6, regulatory: 7, mlme: 8 } as const;

function nlmsg(type: number, flags: number, seq: number, port: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt32LE(16 + payload.length, 0);
  h.writeUInt16LE(type, 4);
  h.writeUInt16LE(flags, 6);
  h.writeUInt32LE(seq, 8);
  h.writeUInt32LE(port, 12);
  return Buffer.concat([h, payload, Buffer.alloc((4 - (payload.length % 4)) % 4)]);
}

const genlMsg = (type: number, flags: number, seq: number, port: number, cmd: number, attrs: Buffer) =>
  nlmsg(type, flags, seq, port, Buffer.concat([Buffer.from([cmd, 1, 0, 0]), attrs]));

function ack(seq: number, port: number, request: Buffer, errno = 0): Buffer {
  const e = Buffer.alloc(4);
  e.writeInt32LE(-errno, 0);
  return nlmsg(2, 0x100, seq, port, Buffer.concat([e, request.subarray(0, 16)]));
}

const done = (seq: number, port: number) => nlmsg(3, 2, seq, port, Buffer.alloc(4));

function ctrlAttrs(m: genl.Message): Buffer {
  const s = new AttrStream();
  s.emit(genl.formatMessage(m));
  return Buffer.concat(s.bufs);
}

export class FakeSocket extends EventEmitter implements NetlinkSocketLike {
  readonly groups = new Set<number>();
  closed = false;
  constructor(private readonly kernel: FakeKernel, readonly port: number) { super(); }
  send(msg: Uint8Array, _o?: unknown, cb?: (e?: Error) => void): void {
    const b = Buffer.from(msg);
    setImmediate(() => {
      cb?.();
      if (!this.closed) this.kernel.handle(this, b);
    });
  }
  close(): void { this.closed = true; }
  address() { return { port: this.port }; }
  addMembership(g: number): void { this.groups.add(g); }
  setRecvBufferSize(): void {}
  deliver(datagram: Buffer): void { if (!this.closed) this.emit('message', datagram, { port: 0 }); }
}

export class FakeKernel {
  readonly sockets: FakeSocket[] = [];
  nl80211Present = false;
  /** Dumps to refuse with EIO before answering them. */
  failDumps = 0;
  wiphyParts: Attrs_nl80211_attrs[] = [];
  interfaces: Attrs_nl80211_attrs[] = [];
  /** Commands received on the nl80211 family, in order, with their dump flag. */
  readonly requests: { cmd: number; dump: boolean; attrs: Uint8Array }[] = [];
  private nextPort = 100;

  openSocket = (): NetlinkSocketLike => {
    const s = new FakeSocket(this, this.nextPort++);
    this.sockets.push(s);
    return s;
  };

  handle(sock: FakeSocket, bytes: Buffer): void {
    for (const m of parseNetlinkMessages(bytes)) {
      const g = parseGenl(m);
      const dump = (m.flags & 0x300) === 0x300;
      const raw = bytes;
      if (m.type === CTRL_ID) {
        const req = genl.parseMessage(Buffer.from(g.attrs));
        const fam = req.familyName === 'nlctrl' ? this.ctrlFamily() : req.familyName === 'nl80211' && this.nl80211Present ? this.nlFamily() : null;
        if (!fam) { sock.deliver(ack(m.seq, sock.port, raw, 2)); continue; }
        sock.deliver(genlMsg(CTRL_ID, 0, m.seq, sock.port, 1, ctrlAttrs(fam)));
        sock.deliver(ack(m.seq, sock.port, raw));
        continue;
      }
      if (m.type !== NL80211_ID || !this.nl80211Present) { sock.deliver(ack(m.seq, sock.port, raw, 2)); continue; }
      this.requests.push({ cmd: g.cmd, dump, attrs: Uint8Array.from(g.attrs) });
      if (dump && this.failDumps > 0) { this.failDumps--; sock.deliver(ack(m.seq, sock.port, raw, 5)); continue; }
      const replyAll = (items: Attrs_nl80211_attrs[], cmd: number) => {
        for (const a of items) sock.deliver(genlMsg(NL80211_ID, 2, m.seq, sock.port, cmd, encodeAttrs('nl80211_attrs', a)));
        sock.deliver(done(m.seq, sock.port));
      };
      if (g.cmd === 1 && dump) replyAll(this.wiphyParts, 3); // GET_WIPHY -> NEW_WIPHY
      else if (g.cmd === 5 && dump) replyAll(this.interfaces, 7); // GET_INTERFACE -> NEW_INTERFACE
      else sock.deliver(ack(m.seq, sock.port, raw, 95)); // EOPNOTSUPP
    }
  }

  ctrlFamily(): genl.Message {
    return { familyId: CTRL_ID, familyName: 'nlctrl', version: 2, mcastGroups: [{ name: 'notify', id: GROUPS.notify }] };
  }

  nlFamily(): genl.Message {
    return {
      familyId: NL80211_ID, familyName: 'nl80211', version: 1,
      mcastGroups: (['config', 'scan', 'regulatory', 'mlme'] as const).map((name) => ({ name, id: GROUPS[name] })),
    };
  }

  /** Registers nl80211 and announces it, as cfg80211's module init does. */
  loadCfg80211(): void {
    this.nl80211Present = true;
    this.multicast(GROUPS.notify, genlMsg(CTRL_ID, 0, 0, 0, 1, ctrlAttrs(this.nlFamily())));
  }

  unloadCfg80211(): void {
    this.nl80211Present = false;
    this.multicast(GROUPS.notify, genlMsg(CTRL_ID, 0, 0, 0, 2, ctrlAttrs({ familyId: NL80211_ID, familyName: 'nl80211' })));
  }

  /** An nl80211 notification (cmd number, attributes) to the sockets in `group`. */
  notify(group: number, cmd: number, attrs: Attrs_nl80211_attrs): void {
    this.multicast(group, genlMsg(NL80211_ID, 0, 0, 0, cmd, encodeAttrs('nl80211_attrs', attrs)));
  }

  multicast(group: number, datagram: Buffer): void {
    for (const s of this.sockets) if (s.groups.has(group)) s.deliver(datagram);
  }

  /** The receive queue of the sockets in `group` overflowed: recvmsg fails with ENOBUFS. */
  overrun(group: number): void {
    for (const s of this.sockets) {
      if (s.groups.has(group) && !s.closed) s.emit('error', Object.assign(new Error('recvmsg: No buffer space available'), { code: 'ENOBUFS', errno: 105 }));
    }
  }
}
