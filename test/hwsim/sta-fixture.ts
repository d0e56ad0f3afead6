// Pieces the wifid.sta hwsim tests share: the station's status entry and a `ubus listen`
// on its events registered before anything happens (no event can be missed).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pollUntil } from './lib/exec.js';
import { EventStream } from './lib/event-stream.js';
import { registerCleanup, unregisterCleanup } from './lib/cleanup.js';
import type { WifidWorld } from './wifid-world.js';

const UBUS_CLI = fileURLToPath(new URL('../ubusd/ubus', import.meta.url));

/** The entry of station `name` in `wifid.sta status`, or undefined (daemon not answering yet). */
export async function staStatus(world: WifidWorld, name: string): Promise<Record<string, unknown> | undefined> {
  return ((await world.call('status', { name })).json as { stations?: Record<string, unknown>[] } | undefined)?.stations?.[0];
}

/**
 * `ubus listen` on wifid.sta.<name> for each of `names`, ready once it heard a probe of its
 * own (node starts slowly under TCG). Works before the daemon runs: only the broker is needed.
 */
export async function listenStaEvents(world: WifidWorld, names: readonly string[]): Promise<{ events: EventStream; stop(): void }> {
  const events = new EventStream();
  const child = spawn(UBUS_CLI, ['-s', world.socket, 'listen', ...names.map((n) => `wifid.sta.${n}`)], { stdio: ['ignore', 'pipe', 'pipe'] });
  events.feedFrom(child.stdout!);
  const kill = async (): Promise<void> => { child.kill('SIGTERM'); };
  registerCleanup(child, 'ubus listen (wifid.sta)', kill);
  await pollUntil('waiting for `ubus listen` to register', 60_000, async () => {
    await world.ubus(['send', `wifid.sta.${names[0]!}`, '{"probe":"listener"}']);
    return (await events.waitEvent(/listener/, 500)) ? true : undefined;
  }, 500);
  events.clear();
  return { events, stop: () => { unregisterCleanup(child); void kill(); } };
}
