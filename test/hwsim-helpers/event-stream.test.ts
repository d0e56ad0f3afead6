// The event queue behind Peer.waitEvent: order, matching, timeouts.
import { describe, expect, it } from 'vitest';
import { EventStream, parseCliEventLine } from '../hwsim/lib/event-stream.js';

describe('EventStream', () => {
  it('finds an event that arrived before the wait and leaves the others queued', async () => {
    const s = new EventStream();
    s.push('A 1\nB 2\nA 3\n');
    expect(await s.waitEvent(/^B/, 10)).toBe('B 2');
    expect(await s.waitEvent(/^A/, 10)).toBe('A 1');
    expect(await s.waitEvent(/^A/, 10)).toBe('A 3');
    expect(await s.waitEvent(/^A/, 10)).toBeNull();
  });

  it('resolves a wait with an event that arrives later, split across chunks', async () => {
    const s = new EventStream();
    const p = s.waitEvent(/CONNECTED/, 1_000);
    s.push('CTRL-EVENT-CONN');
    s.push('ECTED - Connection\n');
    expect(await p).toBe('CTRL-EVENT-CONNECTED - Connection');
  });

  it('resolves null on timeout and when the source ends', async () => {
    const s = new EventStream();
    expect(await s.waitEvent(/X/, 20)).toBeNull();
    const p = s.waitEvent(/X/, 10_000);
    s.end();
    expect(await p).toBeNull();
  });

  it("extracts events from wpa_cli's interactive output", async () => {
    const s = new EventStream(parseCliEventLine);
    // As seen from wpa_cli in the VM: prompt, CR, level prefix, line clear.
    s.push('Interactive mode\n\n>  \r<3>CTRL-EVENT-SCAN-STARTED \n> ping\nPONG\n> >  \r\x1b[K');
    expect(s.history).toEqual(['CTRL-EVENT-SCAN-STARTED']);
  });
});
