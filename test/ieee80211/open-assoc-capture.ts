// Test helper: the management frames of test/hwsim-helpers/vectors/open-assoc.pcap, a real
// hwsim0 capture of bookworm's wpa_supplicant 2.10 joining hostapd 2.10 (open network
// "wifid-open", channel 1, beacon_int 1000; AP 02:00:00:00:00:00, STA 02:00:00:00:01:00).
import { readFileSync } from 'node:fs';
import { frameKind, parsePcap } from '../hwsim/lib/pcap.js';

export const CAPTURE_AP = '02:00:00:00:00:00';
export const CAPTURE_STA = '02:00:00:00:01:00';

const frames = parsePcap(readFileSync(new URL('../hwsim-helpers/vectors/open-assoc.pcap', import.meta.url)));

/** The first management frame of `subtype` sent by `sa` ("aa:bb:..."), as a fresh Uint8Array. */
export function capturedMgmt(subtype: number, sa: string): Uint8Array {
  const want = sa.replace(/:/g, '');
  const f = frames.find((x) => {
    const k = frameKind(x.frame);
    return k.type === 0 && k.subtype === subtype && x.frame.subarray(10, 16).toString('hex') === want;
  });
  if (!f) throw new Error(`no management subtype ${subtype} from ${sa} in open-assoc.pcap`);
  return new Uint8Array(f.frame);
}

/** A copy of `frame` with duration, sequence control and (beacon/probe response) timestamp zeroed: the fields the driver writes. */
export function withoutDriverFields(frame: Uint8Array, timestamp = false): Uint8Array {
  const out = frame.slice();
  out.fill(0, 2, 4);
  out.fill(0, 22, 24);
  if (timestamp) out.fill(0, 24, 32);
  return out;
}
