// A raw ubus connection for tests: sends encoded messages, queues what arrives.
import { connect, type Socket } from 'node:net';
import { UbusFrameReader } from '../../core/ubus/framing';
import { decodeUbusMessage, encodeUbusMessage, type UbusMessage } from '../../core/ubus/message';

export class RawConn {
  private readonly queue: UbusMessage[] = [];
  private waiter?: () => void;
  private readonly reader = new UbusFrameReader();
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      for (const f of this.reader.push(chunk)) this.queue.push(decodeUbusMessage(f));
      this.waiter?.();
    });
    socket.on('close', () => { this.closed = true; this.waiter?.(); });
    socket.on('error', () => {});
  }

  static open(path: string): Promise<RawConn> {
    return new Promise((resolve, reject) => {
      const s = connect(path, () => resolve(new RawConn(s)));
      s.once('error', reject);
    });
  }

  send(msg: UbusMessage | Uint8Array): void {
    this.socket.write(msg instanceof Uint8Array ? msg : encodeUbusMessage(msg));
  }

  /** The next message, or null after `timeoutMs`. */
  async next(timeoutMs = 2000): Promise<UbusMessage | null> {
    const deadline = Date.now() + timeoutMs;
    while (!this.queue.length) {
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => { clearTimeout(t); resolve(); };
      });
      this.waiter = undefined;
    }
    return this.queue.shift()!;
  }

  pending(): UbusMessage[] {
    return [...this.queue];
  }

  close(): void {
    this.socket.destroy();
  }
}
