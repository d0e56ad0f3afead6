// A plugin whose start() fails half-way must not leave what it acquired behind: the
// p2p-device plugin subscribes to inventory changes and then registers its ubus object;
// with ubusd unreachable the registration fails, and every retry (a reload, nl80211
// coming back) used to add one more inventory listener that nobody removed.
import { describe, expect, it } from 'vitest';
import { ConfigService } from '../../core/config/index.js';
import { Nl80211Service } from '../../core/nl80211/service.js';
import type { InventoryChange } from '../../core/nl80211/inventory.js';
import { PluginHost } from '../../core/plugin-host.js';
import { RadioWorkQueue } from '../../core/radio/work-queue.js';
import { systemClock } from '../../core/txq/clock.js';
import { TxQueue } from '../../core/txq/queue.js';
import { UbusClient } from '../../core/ubus/index.js';
import { P2pDevicePlugin } from '../../plugins/p2p-device/index.js';
import { ScriptedTransport, silentLogger } from '../txq/fakes.js';

/** The real service, counting the inventory listeners still attached. */
class CountingNl80211 extends Nl80211Service {
  live = 0;
  override onChange(listener: (c: InventoryChange) => void): () => void {
    const off = super.onChange(listener);
    this.live++;
    let attached = true;
    return () => {
      if (attached) this.live--;
      attached = false;
      off();
    };
  }
}

describe('a plugin whose start fails', () => {
  it('p2p-device with ubusd unreachable: no inventory listener stays behind, however often it is retried', async () => {
    const nl = new CountingNl80211(silentLogger);
    const ubus = new UbusClient('/nonexistent/ubus.sock', silentLogger); // never connected: addObject fails
    const radio = new RadioWorkQueue(silentLogger);
    const txq = new TxQueue(new ScriptedTransport(), systemClock, silentLogger);
    const config = new ConfigService('/nonexistent/wifid', silentLogger);
    const plugin = new P2pDevicePlugin(silentLogger, config, nl, ubus);
    const host = new PluginHost(silentLogger, { nl, ubus, radio, txq, clock: systemClock });
    host.add(plugin);
    await host.setFacility('nl80211', true);
    await host.startAll();
    expect(host.status()).toEqual([expect.objectContaining({ name: 'p2p-device', state: 'failed' })]);
    expect(nl.live, 'listeners after the failed start').toBe(0);
    for (let retry = 0; retry < 3; retry++) {
      await host.setFacility('nl80211', false);
      await host.setFacility('nl80211', true);
      await host.setEnabled(new Set());
      await host.setEnabled(new Set(['p2p-device']));
    }
    expect(host.status()).toEqual([expect.objectContaining({ name: 'p2p-device', state: 'failed' })]);
    expect(nl.live, 'listeners after the retries').toBe(0);
  });
});
