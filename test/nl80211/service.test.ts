// The service's life against a scripted kernel (test/nl80211/fake-kernel.ts): the family
// appearing and going, the inventory dumped and kept by events, ENOBUFS resyncs, and
// priority classes of real subscribers.
import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { decodeAttrs } from '../../core/nl80211/attrs.js';
import type { Nl80211Event } from '../../core/nl80211/dispatch.js';
import type { InventoryChange } from '../../core/nl80211/inventory.js';
import { Nl80211Service } from '../../core/nl80211/service.js';
import { FakeKernel, GROUPS } from './fake-kernel.js';

/** Waits until `cond` holds (the scripted kernel answers on later event-loop turns). */
async function until(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const settle = () => new Promise((r) => setTimeout(r, 50));

function setup() {
  const lines: string[] = [];
  const log = new StderrLogger('debug', 'test', { write: (l: string) => void lines.push(l) });
  const kernel = new FakeKernel();
  kernel.wiphyParts = [
    { WIPHY: 0, WIPHY_NAME: 'phy0', SUPPORTED_IFTYPES: [2, 3, 10], MLO_SUPPORT: true },
    { WIPHY: 0, WIPHY_NAME: 'phy0', WIPHY_BANDS: { 0: { FREQS: [{ FREQ: 2412 }] } } },
    { WIPHY: 0, WIPHY_NAME: 'phy0', WIPHY_BANDS: { 0: { FREQS: [{ FREQ: 2437 }] } } },
  ];
  kernel.interfaces = [{ WIPHY: 0, IFINDEX: 4, IFNAME: 'wlan0', IFTYPE: 2, MAC: '02:00:00:00:00:00', WDEV: 1n }];
  const svc = new Nl80211Service(log);
  svc.options.openSocket = kernel.openSocket;
  return { svc, kernel, lines };
}

describe('Nl80211Service with a scripted kernel', () => {
  it('waits without nl80211, attaches when the controller announces it, detaches when it goes', async () => {
    const { svc, kernel, lines } = setup();
    const states: string[] = [];
    svc.onState((s) => states.push(s));
    await svc.start();
    expect(svc.state).toBe('unavailable');
    kernel.loadCfg80211();
    await until('ready', () => svc.state === 'ready');
    expect(svc.state).toBe('ready');
    expect(svc.wiphys().map((w) => [w.name, w.bands[0]!.channels.map((c) => c.freq), w.supportsMlo])).toEqual([['phy0', [2412, 2437], true]]);
    expect(svc.iface({ ifname: 'wlan0' })?.wdev).toBe(1n);
    kernel.unloadCfg80211();
    await until('unavailable', () => svc.state === 'unavailable');
    expect(svc.state).toBe('unavailable');
    expect(svc.wiphys()).toEqual([]);
    expect(states).toEqual(['ready', 'unavailable']);
    expect(lines.some((l) => l.includes('nl80211 family went away'))).toBe(true);
    await svc.stop();
  });

  it('keeps the inventory by config events without dumping, and resyncs (logged) after ENOBUFS', async () => {
    const { svc, kernel, lines } = setup();
    kernel.nl80211Present = true;
    await svc.start();
    const changes: InventoryChange[] = [];
    svc.onChange((c) => changes.push(c));
    const dumps = () => kernel.requests.filter((r) => r.dump).length;
    const before = dumps();
    // NEW_INTERFACE (7) and DEL_INTERFACE (8) on the config group.
    kernel.notify(GROUPS.config, 7, { WIPHY: 0, IFINDEX: 9, IFNAME: 'mld0', IFTYPE: 3, MAC: '02:00:00:00:0a:00', WDEV: 2n,
      MLO_LINKS: [{ MLO_LINK_ID: 0, MAC: '02:00:00:00:0a:01', WIPHY_FREQ: 2412 }] });
    await until('mld0 added', () => svc.iface({ ifindex: 9 }) !== undefined);
    expect(svc.iface({ ifindex: 9 })?.links).toEqual([{ linkId: 0, addr: '02:00:00:00:0a:01', channel: { freq: 2412 } }]);
    kernel.notify(GROUPS.config, 8, { WIPHY: 0, IFINDEX: 4, WDEV: 1n, IFTYPE: 2 });
    await until('wlan0 removed', () => svc.iface({ ifname: 'wlan0' }) === undefined);
    expect(svc.iface({ ifname: 'wlan0' })).toBeUndefined();
    expect(dumps()).toBe(before);
    expect(changes.map((c) => c.kind)).toEqual(['interface-added', 'interface-removed']);
    // Lost events: the kernel says so with ENOBUFS; the dump brings wlan0 back.
    kernel.overrun(GROUPS.config);
    await until('resynced', () => svc.iface({ ifname: 'wlan0' }) !== undefined);
    expect(lines.some((l) => l.includes('low event socket overrun (ENOBUFS)'))).toBe(true);
    expect(dumps()).toBe(before + 2);
    expect(svc.iface({ ifname: 'wlan0' })).toBeDefined();
    expect(svc.iface({ ifindex: 9 })).toBeUndefined(); // not in the kernel's dump
    await svc.stop();
  });

  it('delivers mlme events to high subscribers before low work queued earlier', async () => {
    const { svc, kernel } = setup();
    kernel.nl80211Present = true;
    await svc.start();
    const order: string[] = [];
    const push = (e: Nl80211Event) => void order.push(e.cmd);
    svc.subscribe({ owner: 'scan', cmds: ['NEW_SCAN_RESULTS'], priority: 'low', handler: push });
    svc.subscribe({ owner: 'sta', cmds: ['AUTHENTICATE'], priority: 'high', handler: push });
    // NEW_SCAN_RESULTS (34) x3 on scan, then AUTHENTICATE (37) on mlme, in one I/O turn.
    for (let i = 0; i < 3; i++) kernel.notify(GROUPS.scan, 34, { WIPHY: 0, IFINDEX: 4 });
    kernel.notify(GROUPS.mlme, 37, { WIPHY: 0, IFINDEX: 4 });
    await until('all four delivered', () => order.length === 4);
    expect(order).toEqual(['AUTHENTICATE', 'NEW_SCAN_RESULTS', 'NEW_SCAN_RESULTS', 'NEW_SCAN_RESULTS']);
    svc.unsubscribeOwner('sta');
    kernel.notify(GROUPS.mlme, 37, { WIPHY: 0, IFINDEX: 4 });
    await settle();
    expect(order).toHaveLength(4);
    await svc.stop();
  });

  it('a failing initial dump does not fail the start: unavailable, logged, tried again', async () => {
    const { svc, kernel, lines } = setup();
    kernel.nl80211Present = true;
    kernel.failDumps = 1;
    svc.options.retryMs = 20;
    await svc.start();
    expect(svc.state).toBe('unavailable');
    expect(lines.some((l) => l.includes('initial dump failed: GET_WIPHY: EIO'))).toBe(true);
    await until('ready after the retry', () => svc.state === 'ready');
    expect(svc.wiphys()).toHaveLength(1);
    await svc.stop();
  });

  it('adds SOCKET_OWNER to NEW_INTERFACE and maps refusals to Nl80211Error', async () => {
    const { svc, kernel } = setup();
    kernel.nl80211Present = true;
    await svc.start();
    const err = await svc.request('NEW_INTERFACE', { WIPHY: 0, IFNAME: 'x', IFTYPE: 2 }).catch((e: Error) => e);
    expect((err as Error).message).toBe('NEW_INTERFACE: EOPNOTSUPP');
    const sent = kernel.requests.find((r) => r.cmd === 7)!;
    expect(decodeAttrs('nl80211_attrs', sent.attrs)).toEqual({ WIPHY: 0, IFNAME: 'x', IFTYPE: 2, SOCKET_OWNER: true });
    await svc.stop();
  });
});
