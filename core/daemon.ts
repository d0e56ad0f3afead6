import { container as rootContainer } from 'tsyringe';
import { StderrLogger, type Logger } from './log.js';
import type { Options } from './options.js';
import { PluginHost } from './plugin-host.js';
import { TOKENS } from './tokens.js';

/**
 * Runs the daemon until SIGTERM/SIGINT; resolves with the exit code. Core services
 * that fail to start reject (the daemon cannot run without them); plugins are isolated
 * by the plugin host.
 */
export async function runDaemon(options: Options): Promise<number> {
  const started = performance.now();
  const log: Logger = new StderrLogger(options.verbose > 0 ? 'debug' : 'info');
  const container = rootContainer.createChildContainer();
  container.register(TOKENS.Logger, { useValue: log });
  container.register(TOKENS.Options, { useValue: options });
  container.registerSingleton(TOKENS.PluginHost, PluginHost);
  const host = container.resolve<PluginHost>(TOKENS.PluginHost);

  await host.startAll();
  log.notice(`ready in ${Math.round(performance.now() - started)} ms`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  log.notice(`${signal}: stopping`);
  const clean = await host.stopAll();
  log.notice('stopped');
  return clean ? 0 : 1;
}
