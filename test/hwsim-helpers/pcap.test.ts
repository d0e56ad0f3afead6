// The hwsim0 capture reader, on a real capture from the VM (see vectors/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameKind, parsePcap } from '../hwsim/lib/pcap.js';
import { mulberry32, mutate } from '../helpers/prng.js';

const capture = readFileSync(new URL('./vectors/open-assoc.pcap', import.meta.url));
/** Mutated captures the fuzz test parses: a fixed count, so every run tests the same inputs. */
const PCAP_FUZZ_RUNS = 1_000;

describe('parsePcap', () => {
  it('reads the frames of an open association from a real hwsim0 capture', () => {
    const frames = parsePcap(capture);
    expect(frames.length).toBeGreaterThan(5);
    const kinds = frames.map((f) => frameKind(f.frame));
    const has = (type: number, subtype: number) => kinds.some((k) => k.type === type && k.subtype === subtype);
    expect(has(0, 8), 'beacon').toBe(true);
    expect(has(0, 11), 'authentication').toBe(true);
    expect(has(0, 0), 'association request').toBe(true);
    expect(has(0, 1), 'association response').toBe(true);
    // The beacon's first element is the SSID hostapd was given (24-byte header, 12 fixed bytes).
    const beacon = frames[kinds.findIndex((k) => k.type === 0 && k.subtype === 8)]!.frame;
    expect(beacon[36]).toBe(0);
    expect(beacon.subarray(38, 38 + beacon[37]!).toString('latin1')).toBe('wifid-open');
    // Radiotap headers start with version 0 and carry their own length.
    for (const f of frames) expect(f.radiotap[0]).toBe(0);
    expect(frames.every((f, i) => i === 0 || f.timeUs >= frames[i - 1]!.timeUs)).toBe(true);
  });

  it('rejects what is not a radiotap pcap with a message', () => {
    expect(() => parsePcap(Buffer.alloc(10))).toThrow(/pcap: 10 bytes/);
    expect(() => parsePcap(Buffer.alloc(24))).toThrow(/pcap: unknown magic/);
    const ethernet = Buffer.from(capture.subarray(0, 24));
    ethernet.writeUInt32LE(1, 20);
    expect(() => parsePcap(ethernet)).toThrow(/link type 1/);
  });

  it('drops a record cut short by a stopped capture', () => {
    const all = parsePcap(capture);
    expect(parsePcap(capture.subarray(0, capture.length - 3))).toHaveLength(all.length - 1);
  });

  it('fuzz: mutated captures parse or fail with a pcap error, never anything else (seeded, fixed count)', () => {
    const rnd = mulberry32(0x5eed_0001);
    for (let run = 0; run < PCAP_FUZZ_RUNS; run++) {
      const input = mutate(capture, rnd);
      try {
        for (const f of parsePcap(input)) {
          expect(f.radiotap.length).toBeGreaterThanOrEqual(8);
          expect(f.radiotap.byteOffset + f.radiotap.length).toBe(f.frame.byteOffset);
        }
      } catch (e) {
        expect((e as Error).message).toMatch(/^pcap: /);
      }
    }
  });
});
