// The kernel's figures in `wifid.sta status` (plugins/sta-mlo/link-status.ts) against a
// requester answering GET_STATION and GET_INTERFACE with replies in the kernel's decoded
// shape: Linux 6.12's for a multi-link AP (one STA_INFO, no MLO_LINKS, no rates), a later
// kernel's with per-link STA_INFO, and refusals and malformed replies, which leave the rest
// of the view standing and say what could not be read.
import { describe, expect, it } from 'vitest';
import type { Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { ConnectionView } from '../../plugins/sta-mlo/connector.js';
import { withKernelFigures } from '../../plugins/sta-mlo/link-status.js';

const AP_MLD = '06:4d:4c:44:00:00';
const LINK = ['06:4d:4c:44:00:10', '06:4d:4c:44:00:11'];
const STA_MLD = '02:00:00:00:01:00';
const STA_LINK = ['02:00:00:00:01:10', '02:00:00:00:01:11'];

const mloView: ConnectionView = {
  state: 'connected', ssid: 'wifid-mld', bssid: LINK[0]!, freq: 2412, akm: 'SAE', pmf: true, ap_mld_addr: AP_MLD, assoc_link_id: 0,
  links: [{ link_id: 0, bssid: LINK[0]!, freq: 2412 }, { link_id: 1, bssid: LINK[1]!, freq: 2437 }],
};

/** GET_INTERFACE of a station MLD over links 0 and 1 (nl80211_send_iface: MAC, MLO_LINKS with link id, address, channel). */
const staIface: Attrs_nl80211_attrs = {
  IFINDEX: 7, WDEV: 2n, WIPHY: 1, IFTYPE: 2, MAC: STA_MLD,
  MLO_LINKS: [{ MLO_LINK_ID: 0, MAC: STA_LINK[0]!, WIPHY_FREQ: 2412 }, { MLO_LINK_ID: 1, MAC: STA_LINK[1]!, WIPHY_FREQ: 2437 }],
};

function kernel(answer: (cmd: string, attrs: Attrs_nl80211_attrs) => Attrs_nl80211_attrs[]) {
  const sent: [string, Attrs_nl80211_attrs][] = [];
  const nl: Nl80211Requester = { request: async (cmd, attrs = {}) => { sent.push([cmd, attrs]); return answer(cmd, attrs); } };
  return { nl, sent };
}

describe('wifid.sta status: the kernel\'s figures of a connection', () => {
  it('over two links on Linux 6.12: GET_STATION of the AP MLD (no link id); its signal and bytes at the connection\'s level, no rates; each link with the station\'s own link address and no invented figures', async () => {
    const k = kernel((cmd) => (cmd === 'GET_STATION'
      ? [{ IFINDEX: 7, MAC: AP_MLD, STA_INFO: { SIGNAL: -30, SIGNAL_AVG: -30, RX_BYTES64: 1500n, TX_BYTES64: 2500n, INACTIVE_TIME: 10 } }]
      : [staIface]));
    const r = await withKernelFigures(mloView, k.nl, 7);
    expect(k.sent).toEqual([['GET_STATION', { IFINDEX: 7, MAC: AP_MLD }], ['GET_INTERFACE', { IFINDEX: 7 }]]);
    expect(r.problems).toEqual([]);
    expect(r.view).toEqual({
      ...mloView, signal: -30, signal_avg: -30, rx_bytes: 1500, tx_bytes: 2500,
      links: [{ link_id: 0, addr: STA_LINK[0], bssid: LINK[0], freq: 2412 }, { link_id: 1, addr: STA_LINK[1], bssid: LINK[1], freq: 2437 }],
    });
  });

  it('a kernel that reports per-link STA_INFO (MLO_LINKS): each link gets its own figures; a link the SME no longer has is not shown', async () => {
    const k = kernel((cmd) => (cmd === 'GET_STATION'
      ? [{
        MAC: AP_MLD, STA_INFO: { TX_BYTES64: 9n },
        MLO_LINKS: [
          { MLO_LINK_ID: 0, MAC: LINK[0]!, STA_INFO: { SIGNAL: -41, TX_BITRATE: { BITRATE32: 2882 }, RX_BITRATE: { BITRATE32: 1441 } } },
          { MLO_LINK_ID: 1, MAC: LINK[1]!, STA_INFO: { SIGNAL: -55 } },
          { MLO_LINK_ID: 2, MAC: '06:4d:4c:44:00:12', STA_INFO: { SIGNAL: -70 } },
        ],
      }]
      : [staIface]));
    const r = await withKernelFigures(mloView, k.nl, 7);
    expect(r.view.tx_bytes).toBe(9);
    expect(r.view.links).toEqual([
      { link_id: 0, addr: STA_LINK[0], bssid: LINK[0], freq: 2412, signal: -41, tx_rate_kbps: 288_200, rx_rate_kbps: 144_100 },
      { link_id: 1, addr: STA_LINK[1], bssid: LINK[1], freq: 2437, signal: -55 },
    ]);
  });

  it('a single-link connection: GET_STATION of the BSSID with its rates; no GET_INTERFACE', async () => {
    const view: ConnectionView = { state: 'connected', ssid: 'x', bssid: LINK[0]!, freq: 2437, akm: 'WPA2-PSK', pmf: false };
    const k = kernel(() => [{ MAC: LINK[0]!, STA_INFO: { SIGNAL: -30, TX_BITRATE: { BITRATE: 540 }, RX_BITRATE: { BITRATE32: 10 } } }]);
    const r = await withKernelFigures(view, k.nl, 7);
    expect(k.sent.map(([c, a]) => [c, a.MAC])).toEqual([['GET_STATION', LINK[0]]]);
    expect(r.view).toEqual({ ...view, signal: -30, tx_rate_kbps: 54_000, rx_rate_kbps: 1000 });
  });

  it('not connected: nothing is asked of the kernel', async () => {
    const k = kernel(() => { throw new Error('asked'); });
    for (const view of [{ state: 'disconnected' }, { state: 'handshake', bssid: LINK[0] }] as ConnectionView[]) {
      expect(await withKernelFigures(view, k.nl, 7)).toEqual({ view, problems: [] });
    }
    expect(k.sent).toEqual([]);
  });

  it('GET_STATION refused (ENOENT): kernel_error says so, the links and their addresses stand', async () => {
    const k = kernel((cmd) => { if (cmd === 'GET_STATION') throw new Nl80211Error('GET_STATION', -2); return [staIface]; });
    const r = await withKernelFigures(mloView, k.nl, 7);
    expect(r.problems).toEqual([`GET_STATION: ENOENT (${AP_MLD})`]);
    expect(r.view.kernel_error).toBe(`GET_STATION: ENOENT (${AP_MLD})`);
    expect(r.view.signal).toBeUndefined();
    expect(r.view.links!.map((l) => l.addr)).toEqual(STA_LINK);
  });

  it('malformed replies: none, one without NL80211_ATTR_MAC, one about another station, a rate of 0: named, the rest shown', async () => {
    const cases: [Attrs_nl80211_attrs[], string][] = [
      [[], `GET_STATION ${AP_MLD}: no reply`],
      [[{ STA_INFO: { SIGNAL: -30 } }], `GET_STATION ${AP_MLD}: the reply has no NL80211_ATTR_MAC`],
      [[{ MAC: LINK[1]!, STA_INFO: { SIGNAL: -30 } }], `GET_STATION ${AP_MLD}: the reply is about ${LINK[1]}`],
    ];
    for (const [reply, problem] of cases) {
      const r = await withKernelFigures(mloView, kernel((cmd) => (cmd === 'GET_STATION' ? reply : [staIface])).nl, 7);
      expect(r.view.kernel_error).toBe(problem);
      expect(r.view.signal).toBeUndefined();
      expect(r.view.links).toHaveLength(2);
    }
    const zero = await withKernelFigures(mloView, kernel((cmd) => (cmd === 'GET_STATION' ? [{ MAC: AP_MLD, STA_INFO: { SIGNAL: -30, TX_BITRATE: { BITRATE32: 0 } } }] : [staIface])).nl, 7);
    expect(zero.view).toMatchObject({ signal: -30, kernel_error: `GET_STATION ${AP_MLD}: TX_BITRATE without a usable rate` });
    expect(zero.view.tx_rate_kbps).toBeUndefined();
  });

  it('GET_INTERFACE failing or without the interface type: the links without addresses, the station\'s figures shown, the problem named', async () => {
    const sta = [{ MAC: AP_MLD, STA_INFO: { SIGNAL: -30 } }];
    const refused = await withKernelFigures(mloView, kernel((cmd) => { if (cmd === 'GET_INTERFACE') throw new Nl80211Error('GET_INTERFACE', -19); return sta; }).nl, 7);
    expect(refused.view).toMatchObject({ signal: -30, kernel_error: 'GET_INTERFACE: ENODEV' });
    expect(refused.view.links).toEqual([{ link_id: 0, bssid: LINK[0], freq: 2412 }, { link_id: 1, bssid: LINK[1], freq: 2437 }]);
    const bare = await withKernelFigures(mloView, kernel((cmd) => (cmd === 'GET_STATION' ? sta : [{ IFINDEX: 7 }])).nl, 7);
    expect(bare.view.kernel_error).toMatch(/^GET_INTERFACE 7: the reply lacks wdev, wiphy or interface type$/);
  });
});
