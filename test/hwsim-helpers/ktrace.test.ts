// The reading of tracefs output: trace lines, per-CPU loss counters, and mac80211's
// tracepoints as association milestones. Lines are as Debian's Linux 6.12 printed them
// in the hwsim VM (hostapd 2.10 AP on wlan0, wpa_supplicant 2.10 on wlan1, open network).
import { describe, expect, it } from 'vitest';
import { parseTrace, parseTraceLine, parseTraceStats } from '../hwsim/lib/ktrace.js';
import { associationSpan, mac80211Event } from '../hwsim/lib/mac80211-trace.js';

const ASSOCIATION = `# tracer: nop
#
# entries-in-buffer/entries-written: 12/12   #P:2
#
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
#              | |         |   |||||     |         |
  wpa_supplicant-210     [000] .....    42.778857: drv_mgd_prepare_tx: phy1 vif:wlan1(2) duration: 0, subtype:0xb0, success:0
    kworker/u8:2-37      [000] .....    42.791331: drv_mgd_complete_tx: phy1 vif:wlan1(2) duration: 0, subtype:0xb0, success:1
    kworker/u8:2-37      [000] .....    42.832002: drv_mgd_prepare_tx: phy1 vif:wlan1(2) duration: 0, subtype:0x0, success:0
         hostapd-197     [001] .....    42.842080: rdev_change_station: phy0, netdev:wlan0(2), station mac: 02:00:00:00:01:00, station flags mask: 0x1c, station flags set: 0x0, station modify mask: 0x0, listen interval: -1, aid: 0, plink action: 0, plink state: 0, uapsd queues: 0, vlan:
    kworker/u8:2-37      [000] .....    42.908646: drv_mgd_complete_tx: phy1 vif:wlan1(2) duration: 0, subtype:0x0, success:1
  wpa_supplicant-210     [001] .....    42.949912: drv_sta_state: phy1 vif:wlan1(2) sta:02:00:00:00:00:00 state: 3->4
         hostapd-197     [001] .....    42.953154: drv_sta_state: phy0 vif:wlan0(3) sta:02:00:00:00:01:00 state: 3->4
     ksoftirqd/1-27      [001] b.s1.    42.957498: cfg80211_rx_mgmt: wdev(1), freq: 2412.000, sig dbm: -30
`;

describe('parseTraceLine', () => {
  it('reads task, pid, CPU, time in microseconds, event and fields', () => {
    expect(parseTraceLine('    kworker/u8:2-37      [001] .....    42.832002: drv_mgd_prepare_tx: phy1 vif:wlan1(2) duration: 0, subtype:0x0, success:0')).toEqual({
      task: 'kworker/u8:2', pid: 37, cpu: 1, timeUs: 42_832_002, event: 'drv_mgd_prepare_tx', body: 'phy1 vif:wlan1(2) duration: 0, subtype:0x0, success:0',
    });
    expect(parseTraceLine('           <...>-225     [001] b.s1.    48.589357: cfg80211_rx_mgmt: wdev(1), freq: 2412.000, sig dbm: -30')).toMatchObject({
      task: '<...>', pid: 225, timeUs: 48_589_357, event: 'cfg80211_rx_mgmt',
    });
  });

  it('skips headers and blank lines; a whole file keeps its order', () => {
    expect(parseTraceLine('# tracer: nop')).toBeUndefined();
    expect(parseTraceLine('')).toBeUndefined();
    const recs = parseTrace(ASSOCIATION);
    expect(recs).toHaveLength(8);
    expect(recs.map((r) => r.timeUs)).toEqual([...recs.map((r) => r.timeUs)].sort((a, b) => a - b));
  });
});

describe('parseTraceStats', () => {
  it('reads the loss counters of a per-CPU stats file', () => {
    const text = 'entries: 23\noverrun: 2\ncommit overrun: 1\nbytes: 2524\noldest event ts:    23.045708\nnow ts:    49.069585\ndropped events: 3\nread events: 0\n';
    expect(parseTraceStats(text)).toEqual({ overrun: 2, commitOverrun: 1, dropped: 3 });
  });

  it('refuses a file without the counters rather than reading zero', () => {
    expect(() => parseTraceStats('entries: 23\n')).toThrow(/overrun/);
  });
});

describe('mac80211 milestones', () => {
  it('reads station state changes and management TX preparation', () => {
    const [prep, , , , , , auth] = parseTrace(ASSOCIATION);
    expect(mac80211Event(prep!)).toEqual({ kind: 'mgd_prepare_tx', timeUs: 42_778_857, wiphy: 'phy1', vif: 'wlan1', vifType: 2, subtype: 0xb0, success: false });
    expect(mac80211Event(auth!)).toEqual({ kind: 'sta_state', timeUs: 42_953_154, wiphy: 'phy0', vif: 'wlan0', vifType: 3, sta: '02:00:00:00:01:00', from: 3, to: 4 });
  });

  it('refuses a drv_sta_state line it cannot read instead of skipping it', () => {
    const r = parseTraceLine('  x-1  [000] .....    1.000000: drv_sta_state: something else')!;
    expect(() => mac80211Event(r)).toThrow(/drv_sta_state/);
  });

  it('spans from the association request to the AP authorizing that station, not the station authorizing the AP', () => {
    const span = associationSpan(parseTrace(ASSOCIATION), { staVif: 'wlan1', apVif: 'wlan0', sta: '02:00:00:00:01:00' });
    expect(span).toEqual({ requestUs: 42_832_002, responseUs: 42_908_646, authorizedUs: 42_953_154, requests: 1 });
  });

  it('counts from the first request when the station had to repeat it', () => {
    const hostapdLine = '         hostapd-197     [001] .....    42.842080';
    const retried = ASSOCIATION.replace(
      hostapdLine,
      '    kworker/u8:2-37      [000] .....    42.840000: drv_mgd_prepare_tx: phy1 vif:wlan1(2) duration: 0, subtype:0x20, success:0\n' + hostapdLine,
    );
    expect(retried).not.toBe(ASSOCIATION);
    expect(associationSpan(parseTrace(retried), { staVif: 'wlan1', apVif: 'wlan0', sta: '02:00:00:00:01:00' })).toMatchObject({ requestUs: 42_832_002, requests: 2 });
  });

  it('says what is missing', () => {
    const recs = parseTrace(ASSOCIATION);
    expect(associationSpan(recs, { staVif: 'wlan1', apVif: 'wlan0', sta: '02:00:00:00:09:00' })).toMatch(/no authorization of 02:00:00:00:09:00/);
    expect(associationSpan(recs.filter((r) => !r.body.includes('subtype:0x0,')), { staVif: 'wlan1', apVif: 'wlan0', sta: '02:00:00:00:01:00' })).toMatch(/no \(re\)association request/);
  });
});
