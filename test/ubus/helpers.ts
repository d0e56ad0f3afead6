// Test fixtures: a broker on a fresh socket, clients with a logger that keeps its lines.
// With UBUSD=/path/to/ubusd in the environment the tests run against that binary (a real
// ubusd built from OpenWrt's sources, say) instead of the in-process test broker.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

export interface BrokerHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** An external ubusd binary as the broker. */
class ProcessBroker implements BrokerHandle {
  private proc?: ChildProcess;
  constructor(private readonly bin: string, private readonly socketPath: string) {}

  async start(): Promise<void> {
    rmSync(this.socketPath, { force: true });
    this.proc = spawn(this.bin, ['-s', this.socketPath], { stdio: 'ignore' });
    // A hang guard, not a speed target: a loaded 2-core machine starts node slowly.
    const deadline = Date.now() + 25_000;
    while (!existsSync(this.socketPath)) {
      if (Date.now() > deadline) throw new Error(`${this.bin} did not create ${this.socketPath}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (proc && proc.exitCode === null) {
      await new Promise<void>((resolve) => { proc.once('exit', () => resolve()); proc.kill('SIGTERM'); });
    }
    rmSync(this.socketPath, { force: true });
  }
}

export const EXTERNAL_UBUSD = process.env.UBUSD;

function newBroker(socketPath: string): BrokerHandle {
  return EXTERNAL_UBUSD ? new ProcessBroker(EXTERNAL_UBUSD, socketPath) : new UbusBroker({ socketPath });
}

export interface Bus {
  dir: string;
  socketPath: string;
  broker: BrokerHandle;
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
    broker: newBroker(socketPath),
    async client(opts) {
      const log = new LineSink();
      const ubus = new UbusClient(socketPath, new StderrLogger('debug', 'test', log), opts);
      await ubus.connect();
      clients.push(ubus);
      return { ubus, log };
    },
    async restartBroker() {
      await bus.broker.stop();
      bus.broker = newBroker(socketPath);
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
