// The station's automatic connection: when it attempts (at start, after a loss, after a
// reload), the exponential backoff between failed attempts and its reset, one attempt at a
// time, a runtime connect holding it off, ubus disconnect turning it off, the station's stop
// clearing its timer. Time is a manual clock; the scan and the connect are the host's
// boundaries, answered by the test.
import { describe, expect, it } from 'vitest';
import { AutoConnect, BACKOFF_MAX_MS, OFF_BY_DISCONNECT, OFF_NO_NETWORKS, backoffMs, requestFor } from '../../plugins/sta-mlo/auto-connect.js';
import type { StaNetworkSettings } from '../../plugins/sta-mlo/config.js';
import type { ConnectRequest } from '../../plugins/sta-mlo/connector.js';
import { chooseNetwork } from '../../plugins/sta-mlo/network-choice.js';
import { scanView, type ScanView } from '../../plugins/sta-mlo/scan-view.js';
import { ManualClock, silentLogger } from '../txq/fakes.js';
import { LINK0, LINK1, mldLinkIes, pskIes, result } from './scan-fixture.js';

const LEGACY = '02:00:00:00:02:00';

function net(o: Partial<StaNetworkSettings> & { ssid: string }): StaNetworkSettings {
  return { sta: 'uplink', encryption: 'none', key: undefined, ieee80211w: undefined, bssid: undefined, mlo: true, priority: 0, auto_connect: true, ...o };
}
const psk = (o: Partial<StaNetworkSettings> = {}) => net({ ssid: 'legacy', encryption: 'psk2', key: 'legacy passphrase', ...o });
const sae = (o: Partial<StaNetworkSettings> = {}) => net({ ssid: 'wifid-mld', encryption: 'sae', key: 'pw', ...o });

const IN_RANGE = scanView([result(LEGACY, 2462, pskIes(), -40)]);
const EMPTY = scanView([]);

interface Deferred<T> { promise: Promise<T>; resolve(v: T): void; reject(e: Error): void }
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/** Lets the promise chains of an attempt run (the clock is manual; this is the event loop). */
const flush = () => new Promise<void>((r) => setImmediate(r));

/** A station as the automatic connection sees it: scans answered with `air`, connects answered by the test or by `connectOutcome`. */
class FakeStation {
  readonly clock = new ManualClock();
  networks: StaNetworkSettings[] = [psk()];
  air: ScanView = EMPTY;
  scans: number[] = [];
  requests: ConnectRequest[] = [];
  /** Scans or connects under way at once (never more than one). */
  inFlight = 0;
  maxInFlight = 0;
  isConnected = false;
  /** Set: connects wait for the test; unset: they end at once with `connectError` or connected. */
  pendingConnect: Deferred<void> | undefined;
  holdConnects = false;
  connectError: string | undefined;
  pendingScan: Deferred<ScanView> | undefined;
  holdScans = false;
  readonly auto = new AutoConnect({
    clock: this.clock,
    log: silentLogger,
    networks: () => this.networks,
    scan: async () => {
      this.scans.push(this.clock.now());
      this.enter();
      try {
        if (this.holdScans) {
          this.pendingScan = deferred();
          return await this.pendingScan.promise;
        }
        return this.air;
      } finally {
        this.inFlight--;
      }
    },
    connect: async (req) => {
      this.requests.push(req);
      this.enter();
      try {
        if (this.holdConnects) {
          this.pendingConnect = deferred();
          await this.pendingConnect.promise;
        } else if (this.connectError) {
          throw new Error(this.connectError);
        }
        this.isConnected = true;
      } finally {
        this.inFlight--;
      }
    },
    connected: () => this.isConnected,
  });

  private enter(): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }

  /** Moves the clock by `ms` and lets what it started run. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await flush();
    await flush();
  }
}

describe('backoffMs', () => {
  it('doubles from 1 s and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, BACKOFF_MAX_MS]);
  });
});

describe('requestFor', () => {
  it('a single BSS: the network\'s settings and the BSS chosen', () => {
    const choice = chooseNetwork([psk()], IN_RANGE)!;
    expect(requestFor(choice)).toEqual({ ssid: 'legacy', encryption: 'psk2', key: 'legacy passphrase', ieee80211w: 0, bssid: LEGACY, mlo: false });
  });

  it('an AP MLD over its links: no BSS pinned (the connect scan gathers the links), mlo on', () => {
    const air = scanView([result(LINK0.bssid, LINK0.freq, mldLinkIes(LINK0, LINK1), -60), result(LINK1.bssid, LINK1.freq, mldLinkIes(LINK1, LINK0), -55)]);
    expect(requestFor(chooseNetwork([sae()], air)!)).toEqual({ ssid: 'wifid-mld', encryption: 'sae', key: 'pw', ieee80211w: 2, mlo: true });
    expect(requestFor(chooseNetwork([sae({ bssid: LINK0.bssid })], air)!)).toMatchObject({ bssid: LINK0.bssid, mlo: true });
  });
});

describe('AutoConnect', () => {
  it('without networks (or only auto_connect 0 ones) it stays off: no scan, no timer', async () => {
    const s = new FakeStation();
    s.networks = [psk({ auto_connect: false })];
    s.auto.start();
    await s.advance(60_000);
    expect(s.scans).toEqual([]);
    expect(s.clock.pendingTimers).toBe(0);
    expect(s.auto.view()).toEqual({ state: 'off', off_reason: OFF_NO_NETWORKS, attempts: 0 });
  });

  it('connects at start to the network in range', async () => {
    const s = new FakeStation();
    s.air = IN_RANGE;
    s.auto.start();
    await s.advance(0);
    expect(s.requests).toHaveLength(1);
    expect(s.auto.view()).toEqual({ state: 'connected', attempts: 0, network: 'legacy' });
    expect(s.clock.pendingTimers).toBe(0);
  });

  it('nothing in range: attempts after 1, 2, 4, 8, 16 s, then every 30 s; status shows the wait', async () => {
    const s = new FakeStation();
    s.auto.start();
    await s.advance(0);
    expect(s.auto.view()).toEqual({ state: 'waiting', attempts: 1, retry_in_ms: 1000, last_error: 'none of the networks (legacy) in range' });
    for (let i = 0; i < 9; i++) await s.advance(backoffMs(i + 1));
    const gaps = s.scans.slice(1).map((t, i) => t - s.scans[i]!);
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
    expect(s.auto.view()).toMatchObject({ state: 'waiting', attempts: 10, retry_in_ms: 30000 });
    await s.advance(12_000);
    expect(s.auto.view().retry_in_ms).toBe(18_000);
    expect(s.requests).toEqual([]);
  });

  it('a failed connect counts as an attempt; a connection resets the backoff; a loss tries again at once, then from 1 s', async () => {
    const s = new FakeStation();
    s.air = IN_RANGE;
    s.connectError = 'auth_failed: no authentication response';
    s.auto.start();
    await s.advance(0);
    await s.advance(1000);
    await s.advance(2000);
    expect(s.auto.view()).toEqual({ state: 'waiting', attempts: 3, retry_in_ms: 4000, last_error: 'auth_failed: no authentication response' });
    s.connectError = undefined;
    await s.advance(4000);
    expect(s.auto.view()).toEqual({ state: 'connected', attempts: 0, network: 'legacy' });
    const before = s.scans.length;

    // The AP is gone: the loss starts an attempt at once; it finds nothing; the backoff starts again at 1 s.
    s.isConnected = false;
    s.air = EMPTY;
    s.auto.lost();
    await s.advance(0);
    expect(s.scans.length).toBe(before + 1);
    expect(s.auto.view()).toMatchObject({ state: 'waiting', attempts: 1, retry_in_ms: 1000 });
    s.air = IN_RANGE;
    await s.advance(1000);
    expect(s.auto.view()).toMatchObject({ state: 'connected', attempts: 0 });
  });

  it('one attempt at a time: a loss or a reload during an attempt starts no second one', async () => {
    const s = new FakeStation();
    s.air = IN_RANGE;
    s.holdConnects = true;
    s.auto.start();
    await s.advance(0);
    expect(s.auto.view()).toEqual({ state: 'connecting', attempts: 0, network: 'legacy' });
    s.auto.lost();
    s.auto.reset();
    await s.advance(60_000);
    expect(s.scans).toHaveLength(1);
    s.pendingConnect!.resolve();
    await s.advance(0);
    expect(s.auto.view().state).toBe('connected');
    expect(s.maxInFlight).toBe(1);
    expect(s.clock.pendingTimers).toBe(0);
  });

  it('a runtime connect waits for the attempt under way and holds the automatic connection off; after a failed one it tries the networks after 1 s', async () => {
    const s = new FakeStation();
    s.air = IN_RANGE;
    s.holdScans = true;
    s.auto.start();
    await s.advance(0);
    expect(s.auto.view().state).toBe('scanning');
    let held = false;
    const hold = s.auto.hold().then(() => { held = true; });
    await flush();
    expect(held).toBe(false);
    // The scan ends: the attempt sees the runtime connect waiting and does not connect.
    s.pendingScan!.resolve(IN_RANGE);
    await hold;
    expect(s.requests).toEqual([]);
    expect(s.auto.view().state).toBe('connecting');
    s.holdScans = false;
    await s.advance(120_000);
    expect(s.scans).toHaveLength(1);
    // The runtime connect failed: the configured networks after the first backoff step.
    s.auto.release();
    expect(s.auto.view()).toMatchObject({ state: 'waiting', retry_in_ms: 1000 });
    await s.advance(1000);
    expect(s.requests).toHaveLength(1);
    expect(s.auto.view().state).toBe('connected');
  });

  it('ubus disconnect turns it off (no timer, no scan) until a connect or a reload', async () => {
    const s = new FakeStation();
    s.auto.start();
    await s.advance(0);
    expect(s.auto.trying).toBe(true);
    s.auto.disable();
    expect(s.auto.view()).toMatchObject({ state: 'off', off_reason: OFF_BY_DISCONNECT });
    expect(s.clock.pendingTimers).toBe(0);
    await s.advance(120_000);
    expect(s.scans).toHaveLength(1);
    expect(s.auto.trying).toBe(false);

    // A reload: on again, at once, backoff from the start.
    s.auto.reset();
    await s.advance(0);
    expect(s.scans).toHaveLength(2);
    expect(s.auto.view()).toMatchObject({ state: 'waiting', attempts: 1, retry_in_ms: 1000 });

    // A runtime connect after disconnect turns it on again.
    s.auto.disable();
    await s.auto.hold();
    s.isConnected = true;
    s.auto.release();
    expect(s.auto.view()).toMatchObject({ state: 'connected' });
  });

  it('disconnect during an attempt: the attempt ends, then it is off', async () => {
    const s = new FakeStation();
    s.air = IN_RANGE;
    s.holdConnects = true;
    s.auto.start();
    await s.advance(0);
    s.auto.disable();
    expect(s.auto.trying).toBe(false);
    const settled = s.auto.settled();
    s.pendingConnect!.resolve();
    await settled;
    // Connected until the station's disconnect ends it (Station.disconnect, after settled()).
    expect(s.auto.view().state).toBe('connected');
    s.isConnected = false;
    expect(s.auto.view()).toEqual({ state: 'off', off_reason: OFF_BY_DISCONNECT, attempts: 0 });
    expect(s.clock.pendingTimers).toBe(0);
  });

  it('a scan that fails is a failed attempt, nothing thrown', async () => {
    const s = new FakeStation();
    s.holdScans = true;
    s.auto.start();
    await s.advance(0);
    s.pendingScan!.reject(new Error('scan on wifid-sta0: EBUSY'));
    await s.advance(0);
    expect(s.auto.view()).toEqual({ state: 'waiting', attempts: 1, retry_in_ms: 1000, last_error: 'scan on wifid-sta0: EBUSY' });
  });

  it('close (the station stops): the timer is cleared and nothing runs afterwards', async () => {
    const s = new FakeStation();
    s.auto.start();
    await s.advance(0);
    expect(s.clock.pendingTimers).toBe(1);
    s.auto.close();
    expect(s.clock.pendingTimers).toBe(0);
    s.auto.lost();
    s.auto.reset();
    await s.advance(120_000);
    expect(s.scans).toHaveLength(1);
  });

  it('a network reload with no networks left: off', async () => {
    const s = new FakeStation();
    s.auto.start();
    await s.advance(0);
    s.networks = [];
    s.auto.reset();
    expect(s.auto.view()).toEqual({ state: 'off', off_reason: OFF_NO_NETWORKS, attempts: 0 });
    expect(s.clock.pendingTimers).toBe(0);
  });
});
