import { describe, expect, it } from 'vitest';
import { Nl80211FrameTransport, type Nl80211Port } from '../../core/txq/nl80211-transport.js';
import type { TxEventSink, TxLane, TxStatusEvent } from '../../core/txq/types.js';
import { mgmtFrame, silentLogger } from './fakes.js';

/** Stands in for the nl80211 service at its API boundary: records requests, replays events. */
function fakeService(replies: Record<string, unknown>[] = [{ COOKIE: 42n }], fail?: Error, ackCookie?: bigint) {
  const requests: { cmd: string; attrs: Record<string, unknown>; socket?: string }[] = [];
  const subs: { cmds: readonly string[]; handler: (ev: any) => void }[] = [];
  const changeListeners: ((c: any) => void)[] = [];
  const port: Nl80211Port = {
    async request(cmd, attrs, opts) {
      requests.push({ cmd, attrs: attrs as Record<string, unknown>, ...(opts?.socket ? { socket: opts.socket } : {}) });
      if (fail) throw fail;
      return replies as never;
    },
    async requestAckCookie(cmd, attrs, opts) {
      requests.push({ cmd, attrs: attrs as Record<string, unknown>, ...(opts?.socket ? { socket: opts.socket } : {}) });
      if (fail) throw fail;
      return ackCookie;
    },
    subscribe(sub) {
      subs.push(sub);
      return () => subs.splice(subs.indexOf(sub), 1);
    },
    iface: ({ ifindex }: any) => (ifindex === 5 ? { wdev: 9n, ifindex: 5, links: [] } : undefined),
    onChange(l) {
      changeListeners.push(l);
      return () => changeListeners.splice(changeListeners.indexOf(l), 1);
    },
  };
  const emit = (ev: any) => subs.filter((s) => s.cmds.includes(ev.cmd)).forEach((s) => s.handler(ev));
  return { port, requests, subs, emit, changeListeners };
}

function recordingSink() {
  const statuses: TxStatusEvent[] = [];
  const gone: TxLane[] = [];
  const sink: TxEventSink = { txStatus: (e) => statuses.push(e), laneGone: (l) => gone.push(l) };
  return { sink, statuses, gone };
}

describe('Nl80211FrameTransport', () => {
  it('sends NL80211_CMD_FRAME with wdev, frame, channel, wait, link and returns the cookie', async () => {
    const f = fakeService();
    const t = new Nl80211FrameTransport(f.port, silentLogger);
    const frame = mgmtFrame(1);
    const res = await t.send({ lane: { wdev: 9n, linkId: 2 }, kind: 'frame', frame, noAck: false, freq: 2412, waitMs: 50, offchannelOk: true });
    expect(res).toEqual({ cookie: 42n });
    expect(f.requests).toEqual([{ cmd: 'FRAME', attrs: { WDEV: 9n, FRAME: frame, MLO_LINK_ID: 2, WIPHY_FREQ: 2412, DURATION: 50, OFFCHANNEL_TX_OK: true } }]);
  });

  it('sends critical frames on the high-priority socket, the others on the request socket', async () => {
    const f = fakeService();
    const t = new Nl80211FrameTransport(f.port, silentLogger);
    await t.send({ lane: { wdev: 9n }, kind: 'frame', frame: mgmtFrame(1), noAck: false, critical: true });
    await t.send({ lane: { wdev: 9n }, kind: 'frame', frame: mgmtFrame(2), noAck: false });
    await t.send({ lane: { wdev: 9n }, kind: 'control_port', frame: new Uint8Array([2, 3, 0, 0]), noAck: false, critical: true, controlPort: { dest: new Uint8Array(6), ethertype: 0x888e, noEncrypt: false } });
    expect(f.requests.map((r) => [r.cmd, r.socket])).toEqual([['FRAME', 'high'], ['FRAME', undefined], ['CONTROL_PORT_FRAME', 'high']]);
  });

  it('asks for no ACK with DONT_WAIT_FOR_ACK and expects no cookie then', async () => {
    const f = fakeService([]);
    const t = new Nl80211FrameTransport(f.port, silentLogger);
    expect(await t.send({ lane: { wdev: 9n }, kind: 'frame', frame: mgmtFrame(1), noAck: true })).toEqual({});
    expect(f.requests[0].attrs.DONT_WAIT_FOR_ACK).toBe(true);
  });

  it('sends EAPOL as NL80211_CMD_CONTROL_PORT_FRAME to the destination MAC, with the cookie of its ACK', async () => {
    const f = fakeService([], undefined, 77n);
    const t = new Nl80211FrameTransport(f.port, silentLogger);
    const payload = new Uint8Array([2, 3, 0, 0]);
    const eapol = { dest: new Uint8Array([2, 0, 0, 0, 1, 0]), ethertype: 0x888e, noEncrypt: true };
    expect(await t.send({ lane: { wdev: 9n }, kind: 'control_port', frame: payload, noAck: false, controlPort: eapol })).toEqual({ cookie: 77n });
    // Without an ACK cookie (no extended ACKs) there is no status to wait for.
    expect(await new Nl80211FrameTransport(fakeService([]).port, silentLogger).send({ lane: { wdev: 9n }, kind: 'control_port', frame: payload, noAck: false, controlPort: eapol })).toEqual({});
    expect(f.requests[0]).toEqual({
      cmd: 'CONTROL_PORT_FRAME',
      attrs: { WDEV: 9n, FRAME: payload, MAC: '02:00:00:00:01:00', CONTROL_PORT_ETHERTYPE: 0x888e, CONTROL_PORT_NO_ENCRYPT: true },
    });
  });

  it('turns ENODEV into a lane_gone rejection and keeps other errors', async () => {
    const enodev = Object.assign(new Error('FRAME: ENODEV'), { code: 'ENODEV' });
    await expect(new Nl80211FrameTransport(fakeService([], enodev).port, silentLogger).send({ lane: { wdev: 1n }, kind: 'frame', frame: mgmtFrame(1), noAck: false }))
      .rejects.toMatchObject({ name: 'TxRejectedError', reason: 'lane_gone' });
    const ebusy = Object.assign(new Error('FRAME: EBUSY'), { code: 'EBUSY' });
    await expect(new Nl80211FrameTransport(fakeService([], ebusy).port, silentLogger).send({ lane: { wdev: 1n }, kind: 'frame', frame: mgmtFrame(1), noAck: false }))
      .rejects.toBe(ebusy);
  });

  it('forwards TX statuses and lane removals to the queue, and detaches on stop', () => {
    const f = fakeService();
    const t = new Nl80211FrameTransport(f.port, silentLogger);
    const r = recordingSink();
    t.start(r.sink);
    f.emit({ cmd: 'FRAME_TX_STATUS', wdev: 9n, attrs: { COOKIE: 7n, ACK: true } });
    f.emit({ cmd: 'CONTROL_PORT_FRAME_TX_STATUS', ifindex: 5, attrs: { COOKIE: 8n } });
    f.emit({ cmd: 'LINKS_REMOVED', ifindex: 5, attrs: { MLO_LINKS: [{ MLO_LINK_ID: 1 }] } });
    f.changeListeners.forEach((l) => l({ kind: 'interface-removed', iface: { wdev: 9n, links: [] } }));
    expect(r.statuses).toEqual([
      { wdev: 9n, kind: 'frame', cookie: 7n, acked: true },
      { wdev: 9n, kind: 'control_port', cookie: 8n, acked: false },
    ]);
    expect(r.gone).toEqual([{ wdev: 9n, linkId: 1 }, { wdev: 9n }]);
    t.stop();
    expect(f.subs).toHaveLength(0);
    expect(f.changeListeners).toHaveLength(0);
  });
});
