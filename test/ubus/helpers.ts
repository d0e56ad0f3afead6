// Test fixtures: a broker on a fresh socket, clients with a logger that keeps its lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StderrLogger, type LogSink } from '../../core/log';
import { UbusClient, type UbusClientOptions } from '../../core/ubus/client';
import { UbusBroker } from '../ubusd/broker';

export class LineSink implements LogSink {
  readonly lines: string[] = [];
  write(line: string): void { this.lines.push(line.trimEnd()); }
  has(re: RegExp): boolean { return this.lines.some((l) => re.test(l)); }
}

export interface Bus {
  dir: string;
  socketPath: string;
  broker: UbusBroker;
  client(opts?: UbusClientOptions): Promise<{ ubus: UbusClient; log: LineSink }>;
  restartBroker(): Promise<void>;
  close(): Promise<void>;
}

export async function startBus(): Promise<Bus> {
  const dir = mkdtempSync(join(tmpdir(), 'ubus-test-'));
  const socketPath = join(dir, 'ubus.sock');
  const clients: UbusClient[] = [];
  const bus: Bus = {
    dir,
    socketPath,
    broker: new UbusBroker({ socketPath }),
    async client(opts) {
      const log = new LineSink();
      const ubus = new UbusClient(socketPath, new StderrLogger('debug', 'test', log), opts);
      await ubus.connect();
      clients.push(ubus);
      return { ubus, log };
    },
    async restartBroker() {
      await bus.broker.stop();
      bus.broker = new UbusBroker({ socketPath });
      await bus.broker.start();
    },
    async close() {
      for (const c of clients) await c.close();
      await bus.broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await bus.broker.start();
  return bus;
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 20));
  }
}
