// bench/sta's clients: how each one is told to connect and disconnect, how its cache of
// the network is emptied before each connection (so that each scans afresh and runs a full
// SAE), and when it says it is connected, each as seen from the bench process.
//
// The request is written by the bench process itself on a connection it holds open, so no
// process start lands in the span: for wifid a ubus call on a UbusClient of the bench (the
// broker runs in the bench too, as ubusd would between a script and wifid); for
// wpa_supplicant a command typed into an interactive wpa_cli attached to its control
// socket (wpa_cli's own event monitor, so its CTRL-EVENT-CONNECTED arrives the same way).
// Either way one hop (the broker, wpa_cli) sits between the bench and the daemon.
import { spawn, type ChildProcess } from 'node:child_process';
import { StderrLogger } from '../core/log.js';
import { UbusClient } from '../core/ubus/client.js';
import { parseCliEventLine } from '../test/hwsim/lib/event-stream.js';
import { pollUntil } from '../test/hwsim/lib/exec.js';
import type { Netns } from '../test/hwsim/lib/netns.js';
import type { Peer } from '../test/hwsim/lib/peers.js';
import { mloStatus, MLD_ADDR, MLD_FREQS } from '../test/hwsim/ap-mlo-fixture.js';

/** CLOCK_MONOTONIC in microseconds (libuv's hrtime reads it; the trace clock "mono" is the same). */
export const monoUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** What a connect request came to, as the client reported it. */
export interface ConnectOutcome {
  /** The bench wrote the request. */
  requestUs: number;
  /** The client's own report of the connection reached the bench (undefined: it failed). */
  reportedUs?: number;
  /** Why it failed (no connection, or no report of it). */
  failure?: string;
}

export interface StaSide {
  name: string;
  label: string;
  /** The client daemon's pid (its CPU is read from /proc). */
  pid: number;
  netns: Netns;
  phy: string;
  vif: string;
  /** The station's address as the AP's kernel keys it (its MLD address for a multi-link one). */
  addr: string;
  /** Ends the association if there is one (true then; the AP's removal of the station is awaited by the caller). */
  disconnect(): Promise<boolean>;
  /** Empties the client's own memory of the network (BSSs, PMKSA), after the kernel's BSS cache was flushed. */
  forget(): Promise<void>;
  /** Sends the connect request; resolves once the client reports connected, or failed. */
  connect(): Promise<ConnectOutcome>;
  /** After a connection: why it does not count (not the links this side asks for), or undefined. */
  check(): Promise<string | undefined>;
}

/**
 * Flushes cfg80211's BSS cache of the station's wiphy: a scan with NL80211_SCAN_FLAG_FLUSH on
 * a channel where nothing beacons expires every entry not seen during it. Without it the
 * kernel would hand the next connection's scan the AP MLD's links from earlier cycles (it
 * keeps a BSS 30 s), and a link that scan missed would still be found. `iw scan trigger`
 * returns once the scan started (`iw scan` itself listens for the end only after triggering
 * and can miss it); `scanEnded(sinceUs)` says when the kernel ended it (the bench's trace).
 * Then the cache must hold none of `bssids`.
 */
export async function flushKernelBss(ns: Netns, vif: string, emptyFreq: number, bssids: readonly string[], scanEnded: (sinceUs: number) => Promise<boolean>): Promise<void> {
  const since = monoUs();
  await ns.run(['iw', 'dev', vif, 'scan', 'trigger', 'flush', 'freq', String(emptyFreq)], 20_000);
  await pollUntil(`${vif}: the flush scan's end`, 30_000, async () => ((await scanEnded(since)) ? true : undefined), 50);
  const dump = (await ns.run(['iw', 'dev', vif, 'scan', 'dump'], 20_000)).stdout;
  const left = bssids.filter((b) => dump.includes(b));
  if (left.length) throw new Error(`${vif}: cfg80211 still holds ${left.join(', ')} after the flush scan:\n${dump}`);
}

const STA_NAME = 'sta0';

/** wifid's station (plugins/sta-mlo) in its own daemon, one side per `mlo` setting. */
export class WifidStation {
  readonly client: UbusClient;
  private waiting: ((atUs: number) => void) | undefined;

  private constructor(socket: string) {
    this.client = new UbusClient(socket, new StderrLogger('error', 'bench-sta'), { requestTimeoutMs: 300_000 });
  }

  static async open(socket: string): Promise<WifidStation> {
    const s = new WifidStation(socket);
    await s.client.connect();
    await s.client.onEvent('wifid.sta.connected', () => {
      const at = monoUs();
      s.waiting?.(at);
      s.waiting = undefined;
    });
    return s;
  }

  async status(): Promise<Record<string, unknown>> {
    const r = (await this.client.call('wifid.sta', 'status', { name: STA_NAME })) as { stations?: Record<string, unknown>[] } | undefined;
    const s = r?.stations?.[0];
    if (!s) throw new Error(`wifid.sta status: no station ${STA_NAME}: ${JSON.stringify(r)}`);
    return s;
  }

  side(o: { name: string; label: string; mlo: boolean; pid: number; netns: Netns; phy: string; vif: string; addr: string; ssid: string; key: string }): StaSide {
    let reply: Record<string, unknown> | undefined;
    return {
      name: o.name, label: o.label, pid: o.pid, netns: o.netns, phy: o.phy, vif: o.vif, addr: o.addr,
      disconnect: async () => {
        const conn = (await this.status()).connection as { state?: string } | undefined;
        if (conn?.state !== 'connected') return false;
        await this.client.call('wifid.sta', 'disconnect', { name: STA_NAME });
        return true;
      },
      // wifid's station keeps no BSS list of its own (each connect reads the kernel's scan
      // results) and no PMKSA cache: every connect runs a full SAE.
      forget: async () => undefined,
      connect: async () => {
        const reported = new Promise<number>((resolve) => (this.waiting = resolve));
        const requestUs = monoUs();
        reply = undefined;
        try {
          reply = (await this.client.call('wifid.sta', 'connect', { name: STA_NAME, ssid: o.ssid, key: o.key, encryption: 'sae', mlo: o.mlo }, { timeoutMs: 300_000 })) as Record<string, unknown> | undefined;
        } catch (err) {
          this.waiting = undefined;
          return { requestUs, failure: `connect failed: ${(err as Error).message}` };
        }
        // The event leaves wifid before the reply; it is awaited for a while in case the broker delivers it later.
        const reportedUs = await Promise.race([reported, new Promise<undefined>((r) => setTimeout(() => r(undefined), 10_000))]);
        this.waiting = undefined;
        return { requestUs, reportedUs, ...(reportedUs === undefined ? { failure: 'connected, but no wifid.sta.connected event within 10 s' } : {}) };
      },
      check: async () => {
        const links = ((reply?.links as { link_id: number }[] | undefined) ?? []).map((l) => l.link_id).sort();
        let failure: string | undefined;
        if (reply?.state !== 'connected') failure = `connect replied state ${String(reply?.state)}`;
        else if (o.mlo && (reply.ap_mld_addr !== MLD_ADDR || links.join(',') !== '0,1')) failure = `associated over links [${links.join(',')}] of ${String(reply.ap_mld_addr ?? 'no AP MLD')}, not 0 and 1`;
        else if (!o.mlo && (reply.ap_mld_addr !== undefined || !(MLD_FREQS as readonly number[]).includes(Number(reply.freq)))) failure = `not a single-link association on ${MLD_FREQS.join(' or ')} MHz: ${JSON.stringify(reply)}`;
        return failure;
      },
    };
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** An interactive wpa_cli on a wpa_supplicant's control socket: commands in, events out, stamped on arrival. */
export class WpaCliSession {
  private readonly proc: ChildProcess;
  private partial = '';
  private readonly events: { line: string; atUs: number }[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(ctrlDir: string, ifname: string) {
    // stdbuf: wpa_cli does not flush its output to a pipe line by line otherwise.
    this.proc = spawn('stdbuf', ['-oL', 'wpa_cli', '-p', ctrlDir, '-i', ifname], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.proc.stdout!.setEncoding('utf8');
    this.proc.stdout!.on('data', (chunk: string) => {
      const atUs = monoUs();
      const lines = (this.partial + chunk).split('\n');
      this.partial = lines.pop() ?? '';
      for (const l of lines) {
        const ev = parseCliEventLine(l);
        if (ev !== undefined) this.events.push({ line: ev, atUs });
      }
      for (const w of this.waiters) w();
    });
  }

  /** Types `cmd`; the time just before the write. */
  send(cmd: string): number {
    const at = monoUs();
    this.proc.stdin!.write(`${cmd}\n`);
    return at;
  }

  /** The first event matching `pattern` that arrived at or after `sinceUs`, or undefined after timeoutMs. */
  async waitEvent(pattern: RegExp, sinceUs: number, timeoutMs: number): Promise<{ line: string; atUs: number } | undefined> {
    const find = () => this.events.find((e) => e.atUs >= sinceUs && pattern.test(e.line));
    const found = find();
    if (found) return found;
    return new Promise((resolve) => {
      const check = () => {
        const e = find();
        if (!e) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(e);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  close(): void {
    this.proc.stdin!.end();
    this.proc.kill('SIGTERM');
  }
}

/** sid's wpa_supplicant 2.11 as a non-AP MLD over two links. */
export function supplicantSide(o: { name: string; label: string; sta: Peer; cli: WpaCliSession; netns: Netns; phy: string; vif: string; addr: string }): StaSide {
  const { sta, cli } = o;
  const ctrlOk = async (cmd: string) => {
    const reply = await sta.ctrl(cmd);
    if (reply !== 'OK') throw new Error(`${sta.label}: ${cmd} answered ${reply}`);
  };
  return {
    name: o.name, label: o.label, pid: sta.pid!, netns: o.netns, phy: o.phy, vif: o.vif, addr: o.addr,
    disconnect: async () => {
      const was = (await sta.status()).wpa_state === 'COMPLETED';
      const since = monoUs();
      await ctrlOk('DISCONNECT');
      if (was && !(await cli.waitEvent(/CTRL-EVENT-DISCONNECTED/, since, 20_000))) throw new Error(`${sta.label}: no disconnection\n${sta.tail()}`);
      return was;
    },
    // Its BSS table (BSS_FLUSH 0: every entry not in use; RECONNECT then finds no scan
    // result to reuse and scans) and its PMKSA cache (a cached PMKSA would skip SAE).
    forget: async () => {
      await ctrlOk('BSS_FLUSH 0');
      await ctrlOk('PMKSA_FLUSH');
      const left = (await sta.ctrl('BSS FIRST')).trim();
      if (left !== '' && left !== 'FAIL') throw new Error(`${sta.label}: BSS entries left after BSS_FLUSH 0: ${left}`);
    },
    connect: async () => {
      const requestUs = cli.send('reconnect');
      const ev = await cli.waitEvent(/CTRL-EVENT-CONNECTED/, requestUs, 120_000);
      if (!ev) return { requestUs, failure: `no CTRL-EVENT-CONNECTED within 120 s\n${sta.tail()}` };
      return { requestUs, reportedUs: ev.atUs };
    },
    check: async () => {
      const st = await sta.status();
      const m = await mloStatus(sta);
      return st.ap_mld_addr !== MLD_ADDR || m.linkIds.join(',') !== '0,1' ? `associated with links [${m.linkIds.join(',')}] of ${st.ap_mld_addr ?? 'no AP MLD'}, not 0 and 1` : undefined;
    },
  };
}
