// What a ubus caller can make the daemon log, through the real path: the test broker,
// the `ubus` CLI as a separate process, the wifid object's `wiphys` method (one the
// read-only group may call) and the logger at the default level.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_RATE_LIMIT } from '../../core/log-rate-limit.js';
import { StderrLogger } from '../../core/log.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import { nl80211UbusMethods } from '../../core/nl80211/ubus-methods.js';
import { UbusClient, UbusError, UbusStatus } from '../../core/ubus/index.js';
import { ubusCli } from '../helpers/wifid-process.js';
import { ManualClock } from '../txq/fakes.js';
import { startBus, type Bus } from './helpers.js';

/** Everything the daemon wrote, split into the records logd would make of it. */
let written = '';
const records = (): string[] => written.split('\n').slice(0, -1);

let bus: Bus;
let daemon: UbusClient;
let caller: UbusClient;

/**
 * The daemon's side: the `wifid` object's nl80211 methods with no radio at all (every
 * `wiphys` naming a phy is refused with NOT_FOUND), logging at the default level with a
 * fresh rate limit on a clock that never moves (the limit's window never ends).
 */
async function publishWifid(): Promise<UbusClient> {
  const log = new StderrLogger('info', 'wifid', { write: (s: string) => { written += s; } }, new ManualClock());
  const client = new UbusClient(bus.socketPath, log.child('ubus'));
  await client.connect();
  const noRadios = { state: 'unavailable', wiphys: () => [] } as unknown as Nl80211Service;
  await client.addObject('wifid', nl80211UbusMethods(noRadios));
  return client;
}

beforeAll(async () => {
  bus = await startBus();
  caller = (await bus.client()).ubus;
}, 60_000);
beforeEach(async () => {
  written = '';
  daemon = await publishWifid();
});
afterEach(async () => { await daemon.close(); });
afterAll(async () => { await bus.close(); });

describe('lines a ubus caller causes', () => {
  it('a newline in an argument cannot forge a record (ubus call wifid wiphys)', async () => {
    const r = await ubusCli(bus.socketPath, 'call', 'wifid', 'wiphys', '{"phy":"x\\nerror: wifid: FORGED"}');
    expect(r.code).toBe(256 - UbusStatus.NOT_FOUND);
    expect(records()).toEqual(['info: wifid/ubus: wifid wiphys: Not found: no wiphy named "x\\nerror: wifid: FORGED"']);
    expect(records().some((l) => l.startsWith('error:'))).toBe(false);
    // The reply quotes the value escaped as well.
    expect(JSON.parse(r.stdout)).toEqual({ error: 'no wiphy named "x\\nerror: wifid: FORGED"' });
  });

  it('a 1 MiB argument writes a short line and gets a short error back', async () => {
    const huge = 'A'.repeat((1 << 20) - 1024); // as much as fits a ubus message
    const err = await caller.call('wifid', 'wiphys', { phy: huge }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UbusError);
    expect((err as UbusError).status).toBe(UbusStatus.NOT_FOUND);
    expect((err as UbusError).message).toBe(`no wiphy named "${'A'.repeat(64)}…" (${huge.length} characters)`);
    expect(records()).toEqual([`info: wifid/ubus: wifid wiphys: Not found: no wiphy named "${'A'.repeat(64)}…" (${huge.length} characters)`]);
  });

  it('an unknown argument name of any length is quoted short', async () => {
    const name = 'n'.repeat(60_000);
    const err = await caller.call('wifid', 'wiphys', { [name]: 1 }).catch((e: unknown) => e);
    expect((err as UbusError).status).toBe(UbusStatus.INVALID_ARGUMENT);
    expect((err as UbusError).message).toBe(`wiphys: unknown argument "${'n'.repeat(64)}…" (60000 characters)`);
    expect(records().every((l) => l.length < 300)).toBe(true);
  });

  it('a caller repeating itself is rate-limited to a burst per window', async () => {
    for (let i = 0; i < 3 * DEFAULT_LOG_RATE_LIMIT.burst; i++) {
      await caller.call('wifid', 'wiphys', { phy: `phy${i}` }).catch(() => undefined);
    }
    expect(records()).toEqual(Array.from({ length: DEFAULT_LOG_RATE_LIMIT.burst }, (_, i) => `info: wifid/ubus: wifid wiphys: Not found: no wiphy named "phy${i}"`));
  });
});
