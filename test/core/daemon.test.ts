// The shipped bundle as a process against the test broker, on this host (no cfg80211 here,
// so nl80211 is unavailable and radio plugins wait).
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UbusBroker } from '../ubusd/broker.js';
import { REPO, spawnWifid, ubusCli, wifidBundle, type WifidProcess } from '../helpers/wifid-process.js';

const CONFIG = `
config wifid 'core'
	option log_level 'info'

config plugin 'p2p_device'
	option enabled '1'
`;

let dir: string;
let socket: string;
let broker: UbusBroker;
let daemon: WifidProcess | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wifid-daemon-'));
  socket = join(dir, 'ubus.sock');
  broker = new UbusBroker({ socketPath: socket });
  await broker.start();
});

afterEach(async () => {
  if (daemon && daemon.proc.exitCode === null && daemon.proc.signalCode === null) {
    daemon.proc.kill('SIGKILL');
    await daemon.exited;
  }
  daemon = undefined;
  await broker.stop();
});

function start(config: string, ...extra: string[]): WifidProcess {
  const path = join(dir, 'wifid');
  writeFileSync(path, config);
  daemon = spawnWifid(['-s', socket, '-c', path, ...extra]);
  return daemon;
}

async function status(): Promise<Record<string, unknown>> {
  const r = await ubusCli(socket, 'call', 'wifid', 'status');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('wifid daemon (bundle) with the test broker', { timeout: 60_000 }, () => {
  it('registers the wifid object with its signature and answers status', async () => {
    const d = start(CONFIG);
    expect(await d.waitLine(/^notice: wifid: ready in \d+ ms/, 15_000), d.lines.join('\n')).not.toBeNull();
    const list = await ubusCli(socket, '-v', 'list', 'wifid');
    expect(list.stdout).toContain('"status":{}');
    expect(list.stdout).toContain('"wiphys":{"phy":"String"}');
    const s = await status();
    expect(s.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(s.nl80211).toBe('unavailable');
    // The addon beside the build (dist/, `make native`) switched extended ACKs on.
    expect(s.extended_ack, String(s.extended_ack_problem)).toBe(true);
    expect(s.plugins).toEqual([{ name: 'p2p-device', state: 'waiting', reason: 'nl80211 unavailable' }, { name: 'mld-ap', state: 'disabled' }, { name: 'sta-mlo', state: 'disabled' }]);
  });

  it('without its socket-option addon runs on, warns once and says so in status', async () => {
    // The bundle alone in a folder with no addon near it; `netlink` from the checkout.
    const lonely = join(dir, 'a', 'b');
    mkdirSync(lonely, { recursive: true });
    copyFileSync(wifidBundle(), join(lonely, 'wifid.js'));
    const path = join(dir, 'wifid');
    writeFileSync(path, CONFIG);
    daemon = spawnWifid(['-s', socket, '-c', path], { bundle: join(lonely, 'wifid.js'), env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') } });
    const d = daemon;
    expect(await d.waitLine(/^notice: wifid: ready in \d+ ms/, 15_000), d.lines.join('\n')).not.toBeNull();
    const s = await status();
    expect(s.extended_ack).toBe(false);
    expect(s.extended_ack_problem).toMatch(/netlink_sockopt\.node not found/);
    expect(d.lines.filter((l) => l.includes('kernel error texts and ACK cookies unavailable'))).toHaveLength(1);
  });

  it('stops in order on SIGTERM and exits 0', async () => {
    const d = start(CONFIG);
    expect(await d.waitLine(/ready in/, 15_000)).not.toBeNull();
    d.proc.kill('SIGTERM');
    expect(await d.exited, d.lines.join('\n')).toBe(0);
    expect(d.lines.some((l) => l === 'notice: wifid: SIGTERM: stopping')).toBe(true);
    expect(d.lines.at(-1)).toBe('notice: wifid: stopped');
    expect(broker.objectPaths()).not.toContain('wifid');
  });

  it('refuses a config file libuci would refuse whole, at start: no plugin runs, status says where', async () => {
    const d = start(`${CONFIG}config broken 'x\n`);
    expect(await d.waitLine(/ready in/, 15_000), d.lines.join('\n')).not.toBeNull();
    const s = await status();
    const lines = CONFIG.split('\n').length; // the quote opened on the last line runs to the end of the file
    expect(s.config_refused).toEqual([expect.stringMatching(new RegExp(`wifid:${lines}: EOF with unterminated '`))]);
    expect((s.plugins as { state: string }[])[0]!.state).toBe('disabled');
    expect(d.lines.some((l) => /^error: wifid\/config: .*wifid:\d+: EOF with unterminated '/.test(l))).toBe(true);
  });

  it('a reload (SIGHUP) of a file libuci would refuse keeps the configuration in force and says so in status', async () => {
    const d = start(CONFIG);
    expect(await d.waitLine(/ready in/, 15_000)).not.toBeNull();
    writeFileSync(join(dir, 'wifid'), CONFIG.replace("option enabled '1'", "option enabled '0\n"));
    d.proc.kill('SIGHUP');
    expect(await d.waitLine(/reload: .* refused whole/, 20_000), d.lines.join('\n')).not.toBeNull();
    const s = await status();
    expect(s.config_refused).toEqual([expect.stringMatching(/wifid:\d+: EOF with unterminated '/)]);
    expect((s.plugins as { state: string }[])[0]!.state).toBe('waiting');
    writeFileSync(join(dir, 'wifid'), CONFIG);
    d.proc.kill('SIGHUP');
    await expect.poll(async () => (await status()).config_refused, { timeout: 15_000 }).toBeUndefined();
  });

  it('exits non-zero with a one-line reason when ubusd is not there', async () => {
    const d = start(CONFIG, '-s', join(dir, 'absent.sock'));
    expect(await d.exited).toBe(1);
    const errors = d.lines.filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: wifid: cannot start: ubus at .*absent\.sock: /);
  });

  it('applies a reload (SIGHUP) without a restart: a plugin switched off, then on again', async () => {
    const d = start(CONFIG);
    expect(await d.waitLine(/ready in/, 15_000)).not.toBeNull();
    const pid = d.proc.pid;
    writeFileSync(join(dir, 'wifid'), CONFIG.replace("option enabled '1'", "option enabled '0'"));
    d.proc.kill('SIGHUP');
    expect(await d.waitLine(/reloaded .*p2p_device.* changed/, 20_000), d.lines.join('\n')).not.toBeNull();
    await expect.poll(async () => ((await status()).plugins as { state: string }[])[0].state, { timeout: 15_000 }).toBe('disabled');
    writeFileSync(join(dir, 'wifid'), CONFIG);
    d.proc.kill('SIGHUP');
    await expect.poll(async () => ((await status()).plugins as { state: string }[])[0].state, { timeout: 15_000 }).toBe('waiting');
    expect(d.proc.pid).toBe(pid);
    expect(d.proc.exitCode).toBeNull();
  });
});
