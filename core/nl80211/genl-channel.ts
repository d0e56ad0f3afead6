// One generic-netlink socket: requests with their replies (ACKs, errors, multi-part
// dumps) matched by sequence number, and everything else (multicast notifications,
// unicast frame events) handed to an event callback with its arrival time.
// The socket module alone, not the package's index (see genl-family.ts).
import { RawNetlinkSocket } from 'netlink/dist/raw.js';
import { enableExtendedAck } from './socket-options.js';
import {
  buildGenlMessage, NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR,
  NLMSG_NOOP, NLMSG_OVERRUN, parseAck, parseNetlinkMessages, type NetlinkAck, type NetlinkMessage,
} from './message.js';

const NETLINK_GENERIC = 16;

/** What the channel needs of a netlink socket; RawNetlinkSocket of the `netlink` package fits. */
export interface NetlinkSocketLike {
  send(msg: Uint8Array, options?: { port?: number }, callback?: (error?: Error) => void): void;
  on(event: 'message', listener: (msg: Buffer, rinfo: { port: number }) => void): unknown;
  on(event: 'error', listener: (err: Error & { code?: string; errno?: number }) => void): unknown;
  close(): void;
  address(): { port: number };
  addMembership(group: number): void;
  setRecvBufferSize?(size: number): unknown;
  /** Why the kernel will not send extended ACKs to this socket (undefined: it will). */
  extendedAckProblem?: string;
}

export function openGenericNetlinkSocket(recvBufferSize?: number): NetlinkSocketLike {
  const sock = new RawNetlinkSocket(NETLINK_GENERIC, recvBufferSize ? { recvBufferSize, sendBufferSize: 0 } : undefined) as unknown as NetlinkSocketLike;
  sock.extendedAckProblem = enableExtendedAck(NETLINK_GENERIC, sock.address().port);
  return sock;
}

/** A request's answer: its reply messages, and the ACK that ended it (if any). */
export interface GenlAnswer {
  parts: NetlinkMessage[];
  ack?: NetlinkAck;
}

/** The kernel refused a request; `ack` carries the errno and extended-ACK fields. */
export class AckError extends Error {
  override name = 'AckError';
  constructor(readonly ack: NetlinkAck) {
    super(`netlink request failed with errno ${ack.errno}${ack.extackMessage ? `: ${ack.extackMessage}` : ''}`);
  }
}

export class ChannelClosedError extends Error {
  override name = 'ChannelClosedError';
}

export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
}

interface Pending {
  parts: NetlinkMessage[];
  dump: boolean;
  resolve(answer: GenlAnswer): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export interface ChannelHandlers {
  /** A message that answers no request (notification or unicast event). */
  onEvent(msg: NetlinkMessage, receivedAt: number): void;
  /** A socket error; ENOBUFS means the kernel dropped events (receive queue overrun). */
  onSocketError(err: Error & { code?: string }): void;
  /** A datagram that could not be parsed (logged by the owner, then dropped). */
  onInvalid(err: Error): void;
  /**
   * Accept datagrams from user-space senders too. Off by default: any local process may
   * unicast to a netlink port, so only the kernel (port 0) is believed. Benches turn it on.
   */
  acceptUserSenders?: boolean;
  /** Where requests go: the kernel (0, the default); benches put a user-space peer that answers as it would. */
  peerPort?: number;
}

export class GenlChannel {
  private seq = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  readonly port: number;
  /** Why this socket gets no extended ACKs (no error texts, no ACK cookies), if it does not. */
  readonly extendedAckProblem: string | undefined;

  constructor(private readonly sock: NetlinkSocketLike, private readonly handlers: ChannelHandlers) {
    this.port = sock.address().port;
    this.extendedAckProblem = sock.extendedAckProblem;
    sock.on('message', (buf, rinfo) => {
      if (rinfo && rinfo.port !== 0 && !handlers.acceptUserSenders) return;
      this.receive(buf);
    });
    sock.on('error', (err) => this.handlers.onSocketError(err));
  }

  joinGroup(id: number): void {
    this.sock.addMembership(id);
  }

  /**
   * Sends a request and resolves with its reply messages: none for a bare ACK, one for a
   * reply, every part for a dump. Rejects with AckError when the kernel refuses it.
   */
  request(family: number, cmd: number, version: number, attrs: Uint8Array, opts: { dump?: boolean; timeoutMs?: number } = {}): Promise<NetlinkMessage[]> {
    return this.exchange(family, cmd, version, attrs, opts).then((a) => a.parts);
  }

  /** As request(), with the final ACK too (where commands such as CONTROL_PORT_FRAME put a cookie). */
  exchange(family: number, cmd: number, version: number, attrs: Uint8Array, opts: { dump?: boolean; timeoutMs?: number } = {}): Promise<GenlAnswer> {
    if (!opts.dump) return this.send(family, cmd, version, attrs, opts);
    // A netlink socket runs one dump at a time (the kernel answers EBUSY to a second):
    // dumps wait for the one before them; plain requests do not.
    const start = () => this.send(family, cmd, version, attrs, opts);
    const run = this.dumpTail.then(start, start);
    this.dumpTail = run.then(() => undefined, () => undefined);
    return run;
  }

  private dumpTail: Promise<void> = Promise.resolve();

  private send(family: number, cmd: number, version: number, attrs: Uint8Array, opts: { dump?: boolean; timeoutMs?: number }): Promise<GenlAnswer> {
    if (this.closed) return Promise.reject(new ChannelClosedError('netlink socket closed'));
    const seq = this.nextSeq();
    const flags = NLM_F_REQUEST | NLM_F_ACK | (opts.dump ? NLM_F_DUMP : 0);
    const msg = buildGenlMessage({ family, cmd, version, flags, seq, port: this.port, attrs });
    return new Promise<GenlAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        reject(new RequestTimeoutError(`no answer to netlink request ${cmd} within ${opts.timeoutMs ?? 10_000} ms`));
      }, opts.timeoutMs ?? 10_000);
      this.pending.set(seq, { parts: [], dump: !!opts.dump, resolve, reject, timer });
      this.sock.send(msg, { port: this.handlers.peerPort ?? 0 }, (err) => {
        if (!err) return;
        const p = this.pending.get(seq);
        if (!p) return;
        this.pending.delete(seq);
        clearTimeout(p.timer);
        p.reject(err);
      });
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new ChannelClosedError('netlink socket closed'));
    }
    this.pending.clear();
    this.sock.close();
  }

  private nextSeq(): number {
    // Sequence 0 is what the kernel puts on notifications; never use it for a request.
    const s = this.seq;
    this.seq = this.seq >= 0xffffffff ? 1 : this.seq + 1;
    return s;
  }

  private receive(buf: Buffer): void {
    const receivedAt = performance.now();
    let msgs: NetlinkMessage[];
    try {
      msgs = parseNetlinkMessages(buf);
    } catch (err) {
      this.handlers.onInvalid(err as Error);
      return;
    }
    for (const msg of msgs) {
      const p = msg.seq !== 0 ? this.pending.get(msg.seq) : undefined;
      if (!p) {
        if (msg.type === NLMSG_NOOP || msg.type === NLMSG_OVERRUN || msg.type === NLMSG_DONE || msg.type === NLMSG_ERROR) continue;
        this.handlers.onEvent(msg, receivedAt);
        continue;
      }
      try {
        this.answer(msg, p);
      } catch (err) {
        this.finish(msg.seq, p, err as Error);
      }
    }
  }

  private answer(msg: NetlinkMessage, p: Pending): void {
    if (msg.type === NLMSG_ERROR) {
      const ack = parseAck(msg);
      this.finish(msg.seq, p, ack.errno === 0 ? undefined : new AckError(ack), ack);
    } else if (msg.type === NLMSG_DONE) {
      // A dump's end; a negative number in it is the dump's error.
      const ack = msg.payload.length >= 4 ? parseAck(msg) : { errno: 0 };
      if (ack.errno !== 0) this.finish(msg.seq, p, new AckError(ack));
      else if (p.dump) this.finish(msg.seq, p, undefined);
      // Without NLM_F_DUMP the ACK that follows the reply ends the request.
    } else if (msg.type === NLMSG_NOOP || msg.type === NLMSG_OVERRUN) {
      // nothing to keep
    } else {
      // A dump's parts (NLM_F_MULTI) end with NLMSG_DONE; a plain reply with the ACK.
      p.parts.push(msg);
    }
  }

  private finish(seq: number, p: Pending, err: Error | undefined, ack?: NetlinkAck): void {
    if (this.pending.get(seq) !== p) return;
    this.pending.delete(seq);
    clearTimeout(p.timer);
    if (err) p.reject(err);
    else p.resolve(ack ? { parts: p.parts, ack } : { parts: p.parts });
  }
}
