// GenlChannel against a scripted kernel: the replies are netlink messages laid out as in
// include/uapi/linux/netlink.h (struct nlmsghdr, struct nlmsgerr, enum nlmsgerr_attrs).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { AckError, GenlChannel, type NetlinkSocketLike } from '../../core/nl80211/genl-channel.js';
import { NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST, parseAck, parseNetlinkMessages } from '../../core/nl80211/message.js';

/** A socket whose "kernel" answers each sent message with the datagrams `script` returns. */
class ScriptedSocket extends EventEmitter implements NetlinkSocketLike {
  sent: Buffer[] = [];
  constructor(private readonly script: (req: { seq: number; flags: number; type: number; bytes: Buffer }) => Buffer[]) { super(); }
  send(msg: Uint8Array, _o?: unknown, cb?: (e?: Error) => void): void {
    const b = Buffer.from(msg);
    this.sent.push(b);
    const req = { seq: b.readUInt32LE(8), flags: b.readUInt16LE(6), type: b.readUInt16LE(4), bytes: b };
    setImmediate(() => {
      cb?.();
      for (const d of this.script(req)) this.emit('message', d, { port: 0 });
    });
  }
  close(): void {}
  address() { return { port: 4242 }; }
  addMembership(): void {}
}

function nlmsg(type: number, flags: number, seq: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt32LE(16 + payload.length, 0);
  h.writeUInt16LE(type, 4);
  h.writeUInt16LE(flags, 6);
  h.writeUInt32LE(seq, 8);
  h.writeUInt32LE(4242, 12);
  const pad = (4 - (payload.length % 4)) % 4;
  return Buffer.concat([h, payload, Buffer.alloc(pad)]);
}

/** NLMSG_ERROR with error -errno, the request's header echoed (NLM_F_CAPPED) and an extack message. */
function errorWithExtack(req: Buffer, errno: number, msg?: string): Buffer {
  const err = Buffer.alloc(4);
  err.writeInt32LE(-errno, 0);
  const tlvs: Buffer[] = [];
  if (msg) {
    const s = Buffer.from(msg + '\0');
    const h = Buffer.alloc(4);
    h.writeUInt16LE(4 + s.length, 0);
    h.writeUInt16LE(1, 2); // NLMSGERR_ATTR_MSG
    tlvs.push(h, s, Buffer.alloc((4 - (s.length % 4)) % 4));
  }
  // flags: NLM_F_CAPPED (0x100) | NLM_F_ACK_TLVS (0x200) when TLVs follow
  return nlmsg(2, 0x100 | (msg ? 0x200 : 0), req.readUInt32LE(8), Buffer.concat([err, req.subarray(0, 16), ...tlvs]));
}

const genlReply = (seq: number, flags: number, cmd: number, attrs: Buffer) => nlmsg(0x1c, flags, seq, Buffer.concat([Buffer.from([cmd, 1, 0, 0]), attrs]));

const noHandlers = { onEvent: () => undefined, onSocketError: () => undefined, onInvalid: () => undefined };

describe('generic netlink channel', () => {
  it('a refusal carries errno and the extended-ACK message; the service turns it into "CMD: ENAME: text"', async () => {
    const sock = new ScriptedSocket((r) => [errorWithExtack(r.bytes, 16, 'interface name in use')]);
    const ch = new GenlChannel(sock, noHandlers);
    const err = await ch.request(0x1c, 7, 0, Buffer.alloc(0)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AckError);
    expect((err as AckError).ack).toEqual({ errno: 16, extackMessage: 'interface name in use' });
    const e = new Nl80211Error('NEW_INTERFACE', (err as AckError).ack.errno, (err as AckError).ack.extackMessage);
    expect(e.message).toBe('NEW_INTERFACE: EBUSY: interface name in use');
    expect(e.code).toBe('EBUSY');
    expect(sock.sent[0]!.readUInt16LE(6)).toBe(NLM_F_REQUEST | NLM_F_ACK);
  });

  it('an error without extack still names the errno; an uncapped echo is skipped correctly', () => {
    const req = nlmsg(0x1c, NLM_F_REQUEST | NLM_F_ACK, 9, Buffer.from([7, 0, 0, 0, 8, 0, 3, 0, 5, 0, 0, 0]));
    const err = Buffer.alloc(4);
    err.writeInt32LE(-19, 0);
    // Not capped: the whole request is echoed, then TLVs (NLMSGERR_ATTR_MSG "no such device").
    const s = Buffer.from('no such device\0');
    const tlv = Buffer.concat([Buffer.from([4 + s.length, 0, 1, 0]), s, Buffer.alloc((4 - (s.length % 4)) % 4)]);
    const [m] = parseNetlinkMessages(nlmsg(2, 0x200, 9, Buffer.concat([err, req, tlv])));
    expect(parseAck(m!)).toEqual({ errno: 19, extackMessage: 'no such device' });
    expect(new Nl80211Error('DEL_INTERFACE', 19).message).toBe('DEL_INTERFACE: ENODEV');
  });

  it('hands out the cookie a successful command puts in its ACK (NLMSGERR_ATTR_COOKIE)', async () => {
    const cookie = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const sock = new ScriptedSocket((r) => {
      const ok = Buffer.alloc(4); // error 0
      const tlv = Buffer.concat([Buffer.from([4 + 8, 0, 3, 0]), cookie]); // NLMSGERR_ATTR_COOKIE
      return [nlmsg(2, 0x100 | 0x200, r.seq, Buffer.concat([ok, r.bytes.subarray(0, 16), tlv]))];
    });
    const answer = await new GenlChannel(sock, noHandlers).exchange(0x1c, 0x81, 0, Buffer.alloc(0));
    expect(answer.parts).toEqual([]);
    expect(answer.ack).toEqual({ errno: 0, cookie: Uint8Array.from(cookie) });
  });

  it('collects a dump until NLMSG_DONE, and a reply until its ACK', async () => {
    const sock = new ScriptedSocket((r) => {
      if (r.flags & NLM_F_DUMP) {
        return [Buffer.concat([genlReply(r.seq, 2, 3, Buffer.alloc(0)), genlReply(r.seq, 2, 3, Buffer.alloc(0))]), nlmsg(3, 2, r.seq, Buffer.alloc(4))];
      }
      return [genlReply(r.seq, 0, 7, Buffer.alloc(0)), errorWithExtack(r.bytes, 0)];
    });
    const ch = new GenlChannel(sock, noHandlers);
    expect(await ch.request(0x1c, 1, 0, Buffer.alloc(0), { dump: true })).toHaveLength(2);
    expect(await ch.request(0x1c, 5, 0, Buffer.alloc(0))).toHaveLength(1);
  });

  it('messages that answer no request are events; socket errors (ENOBUFS) reach the owner', async () => {
    const events: number[] = [];
    const errors: string[] = [];
    const sock = new ScriptedSocket(() => []);
    new GenlChannel(sock, { onEvent: (m) => void events.push(m.type), onSocketError: (e) => void errors.push(e.code ?? ''), onInvalid: () => undefined });
    sock.emit('message', genlReply(0, 0, 7, Buffer.alloc(0)), { port: 0 });
    sock.emit('error', Object.assign(new Error('recvmsg: No buffer space available'), { code: 'ENOBUFS' }));
    expect(events).toEqual([0x1c]);
    expect(errors).toEqual(['ENOBUFS']);
  });

  it('runs one dump at a time per socket, as the kernel requires (it answers EBUSY otherwise)', async () => {
    let running = false;
    const sock = new ScriptedSocket((r) => {
      if (!(r.flags & NLM_F_DUMP)) return [errorWithExtack(r.bytes, 0)];
      if (running) return [errorWithExtack(r.bytes, 16)];
      running = true;
      setTimeout(() => {
        running = false;
        sock.emit('message', Buffer.concat([genlReply(r.seq, 2, 3, Buffer.alloc(0)), nlmsg(3, 2, r.seq, Buffer.alloc(4))]), { port: 0 });
      }, 20);
      return [];
    });
    const ch = new GenlChannel(sock, noHandlers);
    const results = await Promise.all([
      ch.request(0x1c, 1, 0, Buffer.alloc(0), { dump: true }),
      ch.request(0x1c, 5, 0, Buffer.alloc(0), { dump: true }),
      ch.request(0x1c, 5, 0, Buffer.alloc(0)),
    ]);
    expect(results.map((r) => r.length)).toEqual([1, 1, 0]);
  });

  it('believes only the kernel: datagrams from another process (port != 0) are dropped', () => {
    const events: number[] = [];
    const sock = new ScriptedSocket(() => []);
    new GenlChannel(sock, { onEvent: (m) => void events.push(m.seq), onSocketError: () => undefined, onInvalid: () => undefined });
    sock.emit('message', genlReply(0, 0, 7, Buffer.alloc(0)), { port: 0x1234 });
    sock.emit('message', genlReply(0, 0, 7, Buffer.alloc(0)), { port: 0 });
    expect(events).toEqual([0]);
  });

  it('a closed channel fails pending requests and refuses new ones', async () => {
    const ch = new GenlChannel(new ScriptedSocket(() => []), noHandlers);
    const p = ch.request(0x1c, 1, 0, Buffer.alloc(0));
    ch.close();
    await expect(p).rejects.toThrow('netlink socket closed');
    await expect(ch.request(0x1c, 1, 0, Buffer.alloc(0))).rejects.toThrow('netlink socket closed');
  });
});
