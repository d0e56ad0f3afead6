// On a kernel without cfg80211 (this project's build host, CI containers) the nl80211
// family is absent: the service must start, say so, and refuse requests clearly.
import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { Nl80211UnavailableError } from '../../core/nl80211/errors.js';
import { Nl80211Service } from '../../core/nl80211/service.js';
import { existsSync, readFileSync } from 'node:fs';

const lines: string[] = [];
const log = new StderrLogger('debug', 'test', { write: (l: string) => void lines.push(l) });
// /proc/net/genetlink does not exist; cfg80211 registers nl80211 when it loads, and its
// sysfs class appears with it.
const cfg80211Loaded = existsSync('/sys/module/cfg80211') || (existsSync('/proc/modules') && /^cfg80211 /m.test(readFileSync('/proc/modules', 'utf8')));

describe('nl80211 service on the host kernel', () => {
  it('without cfg80211: starts unavailable, logs why, refuses requests with a clear error, stops cleanly', async () => {
    const svc = new Nl80211Service(log);
    await svc.start();
    if (cfg80211Loaded) {
      // A host with cfg80211 has the family: the service must be ready instead.
      expect(svc.state).toBe('ready');
      await svc.stop();
      return;
    }
    expect(svc.state).toBe('unavailable');
    expect(lines.some((l) => l.includes('nl80211 unavailable (cfg80211 not loaded)'))).toBe(true);
    await expect(svc.request('GET_WIPHY', {}, { dump: true })).rejects.toBeInstanceOf(Nl80211UnavailableError);
    await expect(svc.request('GET_WIPHY', {}, { dump: true })).rejects.toThrow('GET_WIPHY: nl80211 is not available');
    expect(svc.wiphys()).toEqual([]);
    expect(svc.interfaces()).toEqual([]);
    await svc.stop();
  });
});
