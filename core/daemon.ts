import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { ConfigService, CORE_SECTION, formatProblem } from './config/index.js';
import { trimHeapAfterStart } from './heap-trim.js';
import { LogThreshold, StderrLogger, type Logger } from './log.js';
import { Nl80211Service } from './nl80211/service.js';
import type { Options } from './options.js';
import type { Plugin, PluginModule } from './plugin.js';
import { PluginHost } from './plugin-host.js';
import { RadioWorkQueue } from './radio/work-queue.js';
import { TOKENS } from './tokens.js';
import { systemClock } from './txq/clock.js';
import { Nl80211FrameTransport } from './txq/nl80211-transport.js';
import { TxQueue } from './txq/queue.js';
import { UbusClient } from './ubus/index.js';
import { publishCoreObject } from './wifid-object.js';

/** The core services every plugin may inject, registered on a fresh child container. */
function wireContainer(options: Options, log: Logger, config: ConfigService): DependencyContainer {
  const c = rootContainer.createChildContainer();
  c.register(TOKENS.Logger, { useValue: log });
  c.register(TOKENS.Options, { useValue: options });
  c.register(TOKENS.Config, { useValue: config });
  c.register(TOKENS.Clock, { useValue: systemClock });
  c.register(TOKENS.Ubus, { useValue: new UbusClient(options.socketPath, log.child('ubus')) });
  c.registerSingleton(TOKENS.Nl80211, Nl80211Service);
  c.registerSingleton(TOKENS.FrameTransport, Nl80211FrameTransport);
  c.registerSingleton(TOKENS.TxQueue, TxQueue);
  c.registerSingleton(TOKENS.RadioWork, RadioWorkQueue);
  // What each plugin's scope acquires through and releases when the plugin stops.
  c.register(TOKENS.PluginScopeCore, {
    useFactory: (r) => ({
      nl: r.resolve(TOKENS.Nl80211), ubus: r.resolve(TOKENS.Ubus), radio: r.resolve(TOKENS.RadioWork), txq: r.resolve(TOKENS.TxQueue), clock: systemClock,
    }),
  });
  c.registerSingleton(TOKENS.PluginHost, PluginHost);
  return c;
}

/**
 * Runs the daemon until SIGTERM/SIGINT and resolves with the exit code. The core
 * services (ubus, nl80211, TX queue) fail the start; plugins are isolated by the host.
 * SIGHUP (procd's reload) re-reads UCI and applies it without a restart.
 */
export async function runDaemon(options: Options, modules: readonly PluginModule[]): Promise<number> {
  const startedAt = performance.now();
  // Listening from the first moment: a stop asked for during start-up is honoured once
  // start-up has finished, instead of killing the process half-way.
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  // Likewise a reload (SIGHUP, whose default action would kill us) waits for start-up.
  let reload: (() => void) | undefined;
  let reloadAsked = false;
  const onHangup = (): void => {
    if (reload) reload();
    else reloadAsked = true;
  };
  process.on('SIGHUP', onHangup);
  const threshold = new LogThreshold(options.verbose > 0 ? 'debug' : 'info');
  const log: Logger = new StderrLogger(threshold);
  const config = new ConfigService(options.configPath, log);
  const applyLogLevel = (): void => {
    if (options.verbose === 0) threshold.level = config.values(CORE_SECTION, 'core').log_level;
  };
  const c = wireContainer(options, log, config);
  const host = c.resolve<PluginHost>(TOKENS.PluginHost);
  const plugins = modules.map((m) => c.resolve<Plugin>(m.plugin));
  for (const schema of plugins.flatMap((p) => p.configSections ?? [])) config.register(schema);
  config.declarePlugins(plugins.map((p) => p.name));
  config.load();
  applyLogLevel();

  const ubus = c.resolve<UbusClient>(TOKENS.Ubus);
  try {
    await ubus.connect();
  } catch (err) {
    throw new Error(`ubus at ${options.socketPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const nl = c.resolve<Nl80211Service>(TOKENS.Nl80211);
  await nl.start();
  const txq = c.resolve<TxQueue>(TOKENS.TxQueue);
  await txq.start();
  c.resolve<RadioWorkQueue>(TOKENS.RadioWork);

  const enabled = config.enabledPlugins(plugins.map((p) => p.name));
  for (const plugin of plugins) host.add(plugin, enabled.has(plugin.name));
  const stopAnnouncing = await publishCoreObject({
    ubus, nl, txq, host, log, startedAt,
    configProblems: () => config.problems().map(formatProblem),
    configRefused: () => config.refused().map(formatProblem),
  });
  const stopWatchingNl = nl.onState((state) => void host.setFacility('nl80211', state === 'ready'));
  await host.setFacility('nl80211', nl.state === 'ready');
  await host.startAll();
  // performance.now() counts from the process's start: the second figure includes node's
  // own start and the bundle's loading, what procd (and bench/package) wait for.
  const cpu = process.cpuUsage();
  log.notice(`ready in ${Math.round(performance.now() - startedAt)} ms (${Math.round(performance.now())} ms after exec, ` +
    `${Math.round((cpu.user + cpu.system) / 1000)} ms CPU; nl80211 ${nl.state})`);
  trimHeapAfterStart();

  reload = (): void => {
    config.reload().then(async (result) => {
      if (!result.applied) return;
      applyLogLevel();
      await host.setEnabled(config.enabledPlugins(plugins.map((p) => p.name)));
    }).catch((err: unknown) => log.error(`reload: ${err instanceof Error ? err.message : String(err)}`));
  };
  if (reloadAsked) reload();

  const signal = await stopSignal;
  log.notice(`${signal}: stopping`);
  process.off('SIGHUP', onHangup);
  stopWatchingNl();
  const clean = await host.stopAll();
  stopAnnouncing();
  await txq.stop();
  await nl.stop();
  await ubus.close();
  log.notice('stopped');
  return clean ? 0 : 1;
}
