// The hwsim capture helper's reading of what tcpdump says when it exits.
import { describe, expect, it } from 'vitest';
import { tcpdumpKernelDrops } from '../hwsim/lib/capture.js';

describe('tcpdumpKernelDrops', () => {
  it('reads the count from the statistics tcpdump prints on exit', () => {
    // tcpdump 4.99 (Debian bookworm), -w with SIGINT: its stderr.
    const stderr = 'tcpdump: listening on hwsim0, link-type IEEE802_11_RADIO (802.11 plus radiotap header), snapshot length 262144 bytes\n' +
      '131 packets captured\n140 packets received by filter\n9 packets dropped by kernel\n';
    expect(tcpdumpKernelDrops(stderr)).toBe(9);
    expect(tcpdumpKernelDrops(stderr.replace('9 packets dropped', '1 packet dropped'))).toBe(1);
  });

  it('is undefined when tcpdump printed no statistics (killed before)', () => {
    expect(tcpdumpKernelDrops('tcpdump: listening on hwsim0, link-type IEEE802_11_RADIO\n')).toBeUndefined();
  });
});
