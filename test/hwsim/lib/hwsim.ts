// Loading and unloading mac80211_hwsim with the radios a test asks for, and
// the leftover check that runs when a test gives them back.
import { readdir, readFile } from 'node:fs/promises';
import { runCleanups } from './cleanup.js';
import { parseIwDev, type WdevInfo } from './iw-dev.js';
import { pollUntil, run, tryRun } from './exec.js';

export interface Radio {
  /** Wiphy name, e.g. "phy3" (names grow with every module load). */
  phy: string;
  /** Wiphy index (NL80211_ATTR_WIPHY). */
  index: number;
  /** The netdev the driver created with the radio, e.g. "wlan3". */
  ifname: string;
  /** The radio's permanent MAC address. */
  addr: string;
}

export interface LoadOptions {
  radios: number;
  /** mac80211_hwsim's `mlo` parameter: radios that support MLO (Linux >= 6.4). */
  mlo?: boolean;
  /** Further module parameters, e.g. { support_p2p_device: 0 }. */
  params?: Record<string, string | number>;
  timeoutMs?: number;
}

interface Loaded {
  radios: Radio[];
  /** `type/ifname` of every wdev right after loading, per wiphy index. */
  baseline: Set<string>;
}

let loaded: Loaded | null = null;

const wdevKey = (w: WdevInfo) => `${w.phyIndex}/${w.type}/${w.ifname ?? w.wdev}`;

async function isLoaded(): Promise<boolean> {
  const text = await readFile('/proc/modules', 'utf8');
  return /^mac80211_hwsim /m.test(text);
}

async function listPhys(): Promise<string[]> {
  return readdir('/sys/class/ieee80211').catch(() => []);
}

async function readRadio(phy: string): Promise<Radio> {
  const base = `/sys/class/ieee80211/${phy}`;
  const index = Number((await readFile(`${base}/index`, 'utf8')).trim());
  const addr = (await readFile(`${base}/macaddress`, 'utf8')).trim();
  const netdevs = await readdir(`${base}/device/net`).catch(() => []);
  if (netdevs.length !== 1) throw new Error(`${phy}: expected one netdev after loading, found [${netdevs.join(', ')}]`);
  return { phy, index, addr, ifname: netdevs[0]! };
}

/** The VM's own check that it is the VM: hwsim tests must never run on a host. */
export function assertInVm(): void {
  if (process.env.WIFID_IN_VM !== '1') {
    throw new Error('hwsim tests run only inside the VM: test/hwsim/run-vm -- npx vitest run --project hwsim');
  }
}

/**
 * Loads mac80211_hwsim with `radios` radios and resolves with them, sorted by
 * wiphy index. A module left loaded by an earlier test is unloaded first.
 */
export async function loadHwsim(opts: LoadOptions): Promise<Radio[]> {
  assertInVm();
  if (loaded || (await isLoaded())) await unloadHwsim().catch(() => undefined);
  const params = [`radios=${opts.radios}`];
  if (opts.mlo) params.push('mlo=1');
  for (const [k, v] of Object.entries(opts.params ?? {})) params.push(`${k}=${v}`);
  await run(['modprobe', 'mac80211_hwsim', ...params], { timeoutMs: opts.timeoutMs ?? 30_000 });
  const phys = await pollUntil(`loadHwsim(${params.join(' ')}): waiting for ${opts.radios} wiphys`, 10_000, async () => {
    const p = await listPhys();
    return p.length === opts.radios ? p : undefined;
  });
  const radios = await Promise.all(phys.map(readRadio));
  radios.sort((a, b) => a.index - b.index);
  const wdevs = parseIwDev((await run(['iw', 'dev'])).stdout);
  loaded = { radios, baseline: new Set(wdevs.map(wdevKey)) };
  return radios;
}

/**
 * Stops what the helpers started (peers, monitors, namespaces), waits for the
 * radios to come back to the initial namespace, unloads the module and
 * resets the regulatory domain. Rejects, after unloading all the same, if
 * wdevs or namespaces were left behind or a cleanup failed.
 */
export async function unloadHwsim(): Promise<void> {
  const problems = await runCleanups();
  const state = loaded;
  loaded = null;
  if (state) {
    const count = state.radios.length;
    // Radios in a deleted namespace return once its last process is gone.
    let back = false;
    try {
      await pollUntil('unloadHwsim: radios returning to the initial netns', 10_000, async () => {
        const r = await run(['iw', 'phy']);
        return (r.stdout.match(/^Wiphy /gm) ?? []).length === count ? true : undefined;
      });
      back = true;
    } catch (e) {
      problems.push((e as Error).message);
    }
    if (back) {
      const leaked = parseIwDev((await run(['iw', 'dev'])).stdout).filter((w) => !state.baseline.has(wdevKey(w)));
      for (const w of leaked) {
        problems.push(`leaked ${w.type} interface ${w.ifname ?? '(no netdev)'} wdev ${w.wdev} on phy#${w.phyIndex}`);
      }
    }
  }
  const netns = (await tryRun(['ip', 'netns', 'list'])).stdout.trim();
  if (netns) {
    problems.push(`leaked network namespaces: ${netns.replace(/\n/g, ', ')}`);
    for (const line of netns.split('\n')) await tryRun(['ip', 'netns', 'del', line.split(' ')[0]!]);
  }
  if (await isLoaded()) {
    // cfg80211 and mac80211 stay loaded: reloading them costs seconds under TCG.
    await pollUntil('unloadHwsim: rmmod mac80211_hwsim', 10_000, async () =>
      (await tryRun(['rmmod', 'mac80211_hwsim'])).ok ? true : undefined,
    ).catch((e: Error) => problems.push(e.message));
  }
  // A test that set a country leaves it in cfg80211, which stays loaded.
  if (!/^country 00:/m.test((await tryRun(['iw', 'reg', 'get'])).stdout)) await tryRun(['iw', 'reg', 'set', '00']);
  if (problems.length) throw new Error(`unloadHwsim: ${problems.join('; ')}`);
}

/** The radios loaded now (empty when the module is not loaded by loadHwsim). */
export function loadedRadios(): readonly Radio[] {
  return loaded?.radios ?? [];
}
