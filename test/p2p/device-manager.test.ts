// wifid.p2p start/stop logic that needs no kernel: what a caller hears while nl80211 is absent.
import { describe, expect, it } from 'vitest';
import { Nl80211Service } from '../../core/nl80211/service.js';
import { PluginScope, ServiceRegistry, TypedEvents } from '../../core/plugin/index.js';
import { P2pDeviceManager } from '../../plugins/p2p-device/device-manager.js';
import { P2P_SECTION } from '../../plugins/p2p-device/config.js';
import { ConfigService } from '../../core/config/index.js';
import { silentLogger } from '../txq/fakes.js';

describe('P2pDeviceManager', () => {
  it('start while nl80211 is absent says so (NOT_SUPPORTED), not "unknown phy (known: none)"', async () => {
    const nl = new Nl80211Service(silentLogger); // never started: nl80211 unavailable
    const scope = new PluginScope('p2p-device', silentLogger, { nl }, new ServiceRegistry(), []);
    const config = new ConfigService('/nonexistent/wifid', silentLogger);
    config.register(P2P_SECTION);
    const devices = new P2pDeviceManager(nl, {
      nl: scope.nl, txq: scope.txq, radio: scope.radio, clock: scope.clock, log: silentLogger, events: new TypedEvents(silentLogger),
    }, () => config.values(P2P_SECTION, 'p2p'), silentLogger);
    await expect(devices.start('phy0')).rejects.toMatchObject({ status: 'NOT_SUPPORTED', message: expect.stringMatching(/nl80211 is not available/) });
    await scope.dispose();
  });
});
