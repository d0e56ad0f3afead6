// wifid.ap add_link / remove_link (issue 17) refused before anything reaches the kernel:
// malformed arguments, an AP that is not an AP MLD, an AP MLD that is not running. Each
// answer is a UbusError with a status and words, and the APs' status is what it was.
// The methods run against an ApManager with real `config ap` sections; the wiphy is
// absent from the nl80211 inventory, so the AP MLD fails to start ("unknown phy")
// without a kernel.
import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { ConfigService } from '../../core/config/index.js';
import { UbusError, UbusStatus } from '../../core/ubus/index.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import { AP_SECTION } from '../../plugins/mld-ap/config.js';
import { ApManager, type ApStatusView } from '../../plugins/mld-ap/ap-manager.js';
import { announceTbttArg, apMethods, linkArg, linkIdArg } from '../../plugins/mld-ap/ubus-object.js';
import { ApError } from '../../plugins/mld-ap/errors.js';

const log = new StderrLogger('error', 'test', { write: () => {} });

async function world() {
  const lines = [
    "config ap 'mld'", "\tlist link 'phy7:1'", "\tlist link 'phy7:6'", "\toption ssid 'wifid-mld'",
    "config ap 'single'", "\toption phy 'phy7'", "\toption channel '1'", "\toption ssid 'wifid-one'",
  ];
  const config = new ConfigService('/etc/config/wifid', log, undefined, () => lines.join('\n'));
  config.register(AP_SECTION);
  config.load();
  const requests: string[] = [];
  const nl = {
    wiphy: () => undefined, wiphys: () => [], iface: () => undefined,
    request: async (cmd: string) => { requests.push(cmd); return []; },
  } as unknown as Nl80211Service;
  const clock = { now: () => 0, setTimer: () => 0 as never, clearTimer: () => undefined };
  const aps = new ApManager(config, {
    nl, subscribe: () => () => undefined, txq: { submit: async () => ({ status: 'rejected', message: 'no radio' }) as never }, clock, log, emit: () => undefined,
  }, () => undefined);
  await aps.sync();
  const m = apMethods(aps);
  const call = async (method: string, args: Record<string, unknown>): Promise<unknown> => m[method]!.handler(args as never, undefined as never);
  return { aps, call, requests };
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UbusError);
  return { status: (err as UbusError).status, message: (err as UbusError).message };
}

const snapshot = (aps: ApManager): ApStatusView[] => JSON.parse(JSON.stringify(aps.status())) as ApStatusView[];

describe('wifid.ap add_link / remove_link refusals', () => {
  it('argument checks: link spec, link id, announce_tbtt', () => {
    expect(linkArg('phy0:11')).toEqual({ phy: 'phy0', channel: 11 });
    expect(linkArg('phy0:36:EHT80')).toEqual({ phy: 'phy0', channel: 36, htmode: 'EHT80' });
    for (const bad of ['phy0', 'phy0:', 'phy0:0', 'phy0:300', 'phy0:6:HT41', ':6', 'phy 0:6', 6, null]) {
      expect(() => linkArg(bad), JSON.stringify(bad)).toThrow(ApError);
    }
    expect(linkIdArg(14)).toBe(14);
    for (const bad of [-1, 15, 1.5, '1']) expect(() => linkIdArg(bad), JSON.stringify(bad)).toThrow(/link_id must be a link id 0\.\.14/);
    expect(announceTbttArg(undefined)).toBe(10);
    expect(announceTbttArg(0)).toBe(0);
    for (const bad of [-1, 601, 2.5]) expect(() => announceTbttArg(bad), JSON.stringify(bad)).toThrow(/announce_tbtt must be 0\.\.600/);
  });

  it('bad arguments, an unknown AP, a single-link AP, an AP MLD not running: refused, status unchanged, nothing sent', async () => {
    const w = await world();
    const before = snapshot(w.aps);
    expect(before.find((a) => a.name === 'mld')).toMatchObject({ state: 'failed', links: [] });
    const cases: [string, Record<string, unknown>, number, RegExp][] = [
      ['add_link', { name: 'mld', link: 'phy7:eleven' }, UbusStatus.INVALID_ARGUMENT, /link must be '<phy>:<channel>\[:<htmode>\]'/],
      ['add_link', { name: 'no such', link: 'phy7:11' }, UbusStatus.INVALID_ARGUMENT, /name must be the name of an ap section/],
      ['add_link', { name: 'other', link: 'phy7:11' }, UbusStatus.NOT_FOUND, /no AP named 'other'/],
      ['add_link', { name: 'single', link: 'phy7:11' }, UbusStatus.NOT_SUPPORTED, /not an AP MLD/],
      ['add_link', { name: 'mld', link: 'phy7:11' }, UbusStatus.NOT_FOUND, /AP MLD mld is not running \(failed: unknown phy 'phy7'/],
      ['remove_link', { name: 'mld', link_id: 20 }, UbusStatus.INVALID_ARGUMENT, /link_id must be a link id/],
      ['remove_link', { name: 'mld', link_id: 1, announce_tbtt: 100_000 }, UbusStatus.INVALID_ARGUMENT, /announce_tbtt must be/],
      ['remove_link', { name: 'mld', link_id: 1 }, UbusStatus.NOT_FOUND, /not running/],
      ['remove_link', { name: 'single', link_id: 0 }, UbusStatus.NOT_SUPPORTED, /not an AP MLD/],
    ];
    for (const [method, args, status, message] of cases) {
      const r = await refusal(w.call(method, args));
      expect(r, `${method} ${JSON.stringify(args)}`).toMatchObject({ status, message: expect.stringMatching(message) });
    }
    expect(snapshot(w.aps)).toEqual(before);
    expect(w.requests).toEqual([]);
  });
});
