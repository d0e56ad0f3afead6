// Logs a caller cannot forge or flood: every line the logger writes is one safe line,
// whatever the values in it, and lines a caller causes are rate-limited per caller.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_RATE_LIMIT } from '../../core/log-rate-limit.js';
import { logSafe, MAX_LOG_MESSAGE, quoted } from '../../core/log-text.js';
import { StderrLogger } from '../../core/log.js';
import { ManualClock } from '../txq/fakes.js';

/** Everything written, as the lines logd would record (split at every newline). */
class RecordSink {
  text = '';
  write(s: string): void { this.text += s; }
  get records(): string[] { return this.text.split('\n').slice(0, -1); }
}

describe('log text', () => {
  it('escapes newlines and other controls so a value cannot start a record', () => {
    expect(logSafe('x\nerror: wifid: FORGED')).toBe('x\\nerror: wifid: FORGED');
    expect(logSafe('a\rb\tc\x1b[31m\x7f\x85')).toBe('a\\rb\\tc\\x1b[31m\\x7f\\x85');
  });

  it('shows invalid UTF-8, lone surrogates and bidirectional overrides as escapes', () => {
    const invalidUtf8 = Buffer.from([0x61, 0xff, 0xc3, 0x62]).toString('utf8'); // as blobmsg decodes it
    expect(logSafe(invalidUtf8)).toBe('a\\ufffd\\ufffdb');
    expect(logSafe('\ud800x\udc00')).toBe('\\ud800x\\udc00');
    expect(logSafe('user\u202egnp.exe\u2028next')).toBe('user\\u202egnp.exe\\u2028next');
    expect(logSafe('ünïcödé 😀 ok')).toBe('ünïcödé 😀 ok'); // printable text as is
  });

  it('cuts a long message and says how long it was', () => {
    const line = logSafe('A'.repeat(1 << 20));
    expect(line).toBe(`${'A'.repeat(MAX_LOG_MESSAGE)}… (cut, 1048576 characters)`);
    // Escapes count against the limit too.
    expect(logSafe('\n'.repeat(MAX_LOG_MESSAGE)).startsWith('\\n'.repeat(MAX_LOG_MESSAGE / 2))).toBe(true);
    expect(logSafe('\n'.repeat(MAX_LOG_MESSAGE)).length).toBeLessThan(MAX_LOG_MESSAGE + 40);
  });

  it('quotes a short prefix of a value, unambiguously', () => {
    expect(quoted('phy0')).toBe('"phy0"');
    expect(quoted('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    expect(quoted('x'.repeat(100), 8)).toBe('"xxxxxxxx…" (100 characters)');
    expect(quoted('1234567😀', 8)).toBe('"1234567…" (9 characters)'); // never half a surrogate pair
  });
});

describe('StderrLogger', () => {
  it('writes one record per call, whatever the message holds', () => {
    const sink = new RecordSink();
    const log = new StderrLogger('info', 'wifid', sink);
    log.info('no wiphy named x\nerror: wifid: FORGED');
    log.child('p2p\nerror').warn('A'.repeat(1 << 20));
    expect(sink.records).toHaveLength(2);
    expect(sink.records[0]).toBe('info: wifid: no wiphy named x\\nerror: wifid: FORGED');
    expect(sink.records[1]!.startsWith('warn: wifid/p2p\\nerror: AAAA')).toBe(true);
    expect(sink.records[1]!.length).toBeLessThan(MAX_LOG_MESSAGE + 60);
  });

  it('rate-limits lines per key as printk_ratelimit does, and reports what it suppressed', () => {
    const sink = new RecordSink();
    const clock = new ManualClock();
    const log = new StderrLogger('info', 'wifid', sink, clock);
    const { burst, intervalMs } = DEFAULT_LOG_RATE_LIMIT;
    const a = log.limited('ubus user mallory');
    const b = log.child('ubus').limited('ubus user root');
    for (let i = 0; i < burst + 5; i++) a.warn(`refused ${i}`);
    b.warn('refused root'); // another key has its own window
    log.error('not limited'); // lines without a key are never dropped
    expect(sink.records).toEqual([
      ...Array.from({ length: burst }, (_, i) => `warn: wifid: refused ${i}`),
      'warn: wifid/ubus: refused root',
      'error: wifid: not limited',
    ]);
    sink.text = '';
    clock.advance(intervalMs - 1);
    a.warn('still in the window');
    expect(sink.records).toEqual([]);
    clock.advance(1);
    a.info('next window');
    a.info('and more');
    expect(sink.records).toEqual([
      'info: wifid: 6 lines suppressed (rate limit for ubus user mallory)',
      'info: wifid: next window',
      'info: wifid: and more',
    ]);
  });

  it('lines below the level cost no tokens', () => {
    const sink = new RecordSink();
    const log = new StderrLogger('info', 'wifid', sink, new ManualClock()).limited('k');
    for (let i = 0; i < 100; i++) log.debug('chatty');
    log.warn('kept');
    expect(sink.records).toEqual(['warn: wifid: kept']);
  });

  it('a caller cannot grow the table: beyond maxKeys new keys share one window', () => {
    const sink = new RecordSink();
    const log = new StderrLogger('info', 'wifid', sink, new ManualClock(), { intervalMs: 5000, burst: 1, maxKeys: 3 });
    for (let peer = 0; peer < 10; peer++) log.limited(`peer ${peer}`).warn(`from ${peer}`);
    expect(sink.records).toEqual(['warn: wifid: from 0', 'warn: wifid: from 1', 'warn: wifid: from 2', 'warn: wifid: from 3']);
  });
});
