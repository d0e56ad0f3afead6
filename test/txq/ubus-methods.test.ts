import { describe, expect, it } from 'vitest';
import { TxQueue } from '../../core/txq/queue.js';
import { txqUbusMethods } from '../../core/txq/ubus-methods.js';
import { ManualClock, ScriptedTransport, mgmtFrame, settle, silentLogger } from './fakes.js';

describe('wifid txq (ubus)', () => {
  it('reports per lane and class what the queue did, in snake_case, JSON-safe', async () => {
    const t = new ScriptedTransport();
    const clock = new ManualClock();
    const q = new TxQueue(t, clock, silentLogger, { window: 2, criticalReserve: 1, maxQueued: { critical: 8, management: 8, bulk: 1 } });
    await q.start();
    t.autoReply = true;
    const lane = { wdev: 0x200000002, linkId: 1 };
    void q.submit({ lane, class: 'bulk', frame: mgmtFrame(1) });
    void q.submit({ lane, class: 'bulk', frame: mgmtFrame(2) });
    void q.submit({ lane, class: 'bulk', frame: mgmtFrame(3) }); // queue_full
    void q.submit({ lane, class: 'critical', frame: mgmtFrame(4) });
    await settle();
    clock.advance(2.5);
    t.status(t.sends[0], true);
    t.status(t.sends[1], false);
    await settle();

    const reply = await txqUbusMethods(q).txq.handler({}, { object: 'wifid', method: 'txq', peer: 1, log: silentLogger, reply() {} });
    expect(JSON.parse(JSON.stringify(reply))).toEqual({
      lanes: [
        {
          wdev: 0x200000002,
          link_id: 1,
          classes: {
            critical: { queued: 0, in_flight: 0, sent: 1, acked: 0, noack: 1, failed: 0, rejected: 0, promoted: 0, delay_p50_ms: 0, delay_p99_ms: 0 },
            management: { queued: 0, in_flight: 0, sent: 0, acked: 0, noack: 0, failed: 0, rejected: 0, promoted: 0 },
            bulk: { queued: 0, in_flight: 1, sent: 2, acked: 1, noack: 0, failed: 0, rejected: 1, promoted: 0, delay_p50_ms: 0, delay_p99_ms: 2.5 },
          },
        },
      ],
      totals: {
        critical: { sent: 1, acked: 0, noack: 1, failed: 0, rejected: 0 },
        management: { sent: 0, acked: 0, noack: 0, failed: 0, rejected: 0 },
        bulk: { sent: 2, acked: 1, noack: 0, failed: 0, rejected: 1 },
      },
      sending: 0,
      status_timeouts: 0,
      late_statuses: 0,
      unmatched_statuses: 0,
      rejected_at_submit: 0,
    });
  });
});
