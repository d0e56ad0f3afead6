// bench/sta's reading of the kernel trace: one connection from the request to the station's
// kernel authorizing the AP, split at the scan's end, the first authentication frame and the
// association. Lines as Debian's Linux 6.12 printed them in the hwsim VM (bench/sta, debug
// mode, 2026-12-03): wifid's station (phy1, wifid-sta0) joining wifid's AP MLD (phy0) over
// two links; its scan of every channel ends once per band.
import { describe, expect, it } from 'vitest';
import { apDropped, connectSpan, scanEnded } from '../../bench/sta-trace.js';
import { parseTrace } from '../hwsim/lib/ktrace.js';

const T0 = 100_000_000; // the request, µs
const at = (msFromRequest: number) => ((T0 + msFromRequest * 1000) / 1e6).toFixed(6).padStart(14);
const CONNECTION = [
  `node-267 [000] ..... ${at(16.4)}: rdev_scan: phy1`,
  `kworker/u4:1-29 [000] ..... ${at(785.5)}: api_scan_completed: phy1 aborted:0`,
  `kworker/u4:0-12 [000] ..... ${at(3761.0)}: api_scan_completed: phy1 aborted:0`,
  `kworker/u4:0-12 [000] ..... ${at(3773.1)}: cfg80211_scan_done: aborted: false, scan start (TSF): 0, tsf_bssid: 00:00:00:00:00:00`,
  `node-267 [000] ..... ${at(3945.7)}: drv_mgd_prepare_tx: phy1 vif:wifid-sta0(2) duration: 2000, subtype:0xb0, success:0`,
  `node-267 [000] ..... ${at(4340.2)}: drv_mgd_prepare_tx: phy1 vif:wifid-sta0(2) duration: 2000, subtype:0xb0, success:0`,
  `kworker/u4:1-29 [000] ..... ${at(4381.5)}: drv_mgd_prepare_tx: phy1 vif:wifid-sta0(2) duration: 0, subtype:0x0, success:0`,
  `node-211 [000] ..... ${at(4398.6)}: drv_sta_state: phy0 vif:wifid-mld0(3) sta:42:00:00:00:01:00 state: 2->3`,
  `kworker/u4:1-29 [000] ..... ${at(4425.6)}: drv_sta_state: phy1 vif:wifid-sta0(2) sta:06:4d:4c:44:00:00 state: 2->3`,
  `node-211 [000] ..... ${at(4619.1)}: drv_sta_state: phy0 vif:wifid-mld0(3) sta:42:00:00:00:01:00 state: 3->4`,
  `node-267 [000] ..... ${at(4654.8)}: drv_sta_state: phy1 vif:wifid-sta0(2) sta:06:4d:4c:44:00:00 state: 3->4`,
].join('\n');

const Q = { requestUs: T0, phy: 'phy1', vif: 'wifid-sta0' };
const us = (msFromRequest: number) => Math.round(T0 + msFromRequest * 1000);

describe('connectSpan', () => {
  it('spans from the request to the station authorizing the AP (not the AP authorizing the station), the scan ending at its last band', () => {
    expect(connectSpan(parseTrace(CONNECTION), Q)).toEqual({
      requestUs: T0, firstScanUs: us(16.4), scanDoneUs: us(3761.0), firstAuthUs: us(3945.7), associatedUs: us(4425.6), authorizedUs: us(4654.8),
      scans: 1, authFrames: 2,
    });
  });

  it('refuses a connection that did not scan, and records from before the request', () => {
    const noScan = CONNECTION.split('\n').filter((l) => !l.includes('rdev_scan')).join('\n');
    expect(connectSpan(parseTrace(noScan), Q)).toMatch(/no scan by phy1/);
    expect(connectSpan(parseTrace(CONNECTION), { ...Q, requestUs: us(100) })).toMatch(/no scan by phy1/);
  });

  it('says what is missing: no authorization on that interface, no scan end', () => {
    expect(connectSpan(parseTrace(CONNECTION), { ...Q, vif: 'wlan2' })).toMatch(/no authorization on wlan2/);
    const noEnd = CONNECTION.split('\n').filter((l) => !l.includes('scan_completed') && !l.includes('scan_done')).join('\n');
    expect(connectSpan(parseTrace(noEnd), Q)).toMatch(/no scan end/);
  });

  it('takes cfg80211\'s scan end when the wiphy\'s own is not traced', () => {
    const cfgOnly = CONNECTION.split('\n').filter((l) => !l.includes('api_scan_completed')).join('\n');
    expect(connectSpan(parseTrace(cfgOnly), Q)).toMatchObject({ scanDoneUs: us(3773.1) });
  });
});

describe('scanEnded and apDropped', () => {
  it('a scan end of that wiphy after the time asked', () => {
    const recs = parseTrace(CONNECTION);
    expect(scanEnded(recs.filter((r) => r.event !== 'cfg80211_scan_done'), 'phy1', us(3000))).toBe(true);
    expect(scanEnded(recs.filter((r) => r.event !== 'cfg80211_scan_done'), 'phy2', us(0))).toBe(false);
    expect(scanEnded(recs, 'phy1', us(4000))).toBe(false);
  });

  it('the AP\'s removal of that station only', () => {
    const gone = parseTrace(`${CONNECTION}\nnode-211 [000] ..... ${at(5000)}: drv_sta_state: phy0 vif:wifid-mld0(3) sta:42:00:00:00:01:00 state: 1->0`);
    expect(apDropped(gone, 'wifid-mld0', '42:00:00:00:01:00')).toBe(true);
    expect(apDropped(gone, 'wifid-mld0', '02:00:00:00:02:00')).toBe(false);
    expect(apDropped(parseTrace(CONNECTION), 'wifid-mld0', '42:00:00:00:01:00')).toBe(false);
  });
});
