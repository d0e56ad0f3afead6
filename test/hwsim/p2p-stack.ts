// The services the p2p-device plugin runs on, wired as the daemon wires them (a
// tsyringe container with the core tokens), for the hwsim tests and the demo while
// the daemon's own wiring of nl80211/TX queue/ubus is not in core/daemon.ts yet.
import { container as rootContainer } from 'tsyringe';
import type { Logger } from '../../core/log.js';
import { TOKENS } from '../../core/tokens.js';
import { ConfigService } from '../../core/config/index.js';
import { Nl80211Service } from '../../core/nl80211/service.js';
import { Nl80211FrameTransport } from '../../core/txq/nl80211-transport.js';
import { TxQueue } from '../../core/txq/queue.js';
import { systemClock } from '../../core/txq/clock.js';
import { RadioWorkQueue } from '../../core/radio/work-queue.js';
import { UbusClient } from '../../core/ubus/index.js';
import { P2pDevicePlugin } from '../../plugins/p2p-device/index.js';

export interface P2pStack {
  plugin: P2pDevicePlugin;
  nl: Nl80211Service;
  stop(): Promise<void>;
}

export async function startP2pStack(opts: { ubusSocket: string; configPath: string; log: Logger }): Promise<P2pStack> {
  const c = rootContainer.createChildContainer();
  const config = new ConfigService(opts.configPath, opts.log);
  config.load();
  c.register(TOKENS.Logger, { useValue: opts.log });
  c.register(TOKENS.Config, { useValue: config });
  c.register(TOKENS.Clock, { useValue: systemClock });
  c.registerSingleton(TOKENS.Nl80211, Nl80211Service);
  const nl = c.resolve<Nl80211Service>(TOKENS.Nl80211);
  await nl.start();
  const transport = new Nl80211FrameTransport(nl, opts.log);
  c.register(TOKENS.FrameTransport, { useValue: transport });
  c.registerSingleton(TOKENS.TxQueue, TxQueue);
  const txq = c.resolve<TxQueue>(TOKENS.TxQueue);
  await txq.start();
  c.registerSingleton(TOKENS.RadioWork, RadioWorkQueue);
  const ubus = new UbusClient(opts.ubusSocket, opts.log);
  await ubus.connect();
  c.register(TOKENS.Ubus, { useValue: ubus });
  const plugin = c.resolve(P2pDevicePlugin);
  await plugin.start();
  return {
    plugin,
    nl,
    async stop() {
      await plugin.stop();
      await ubus.close();
      await txq.stop();
      await nl.stop();
    },
  };
}
