// /etc/init.d/wifid: syntax (sh -n), shellcheck, and what it asks of procd, run
// against stand-ins for the procd.sh functions that record each call.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const TOP = join(import.meta.dirname, '../..');
const INIT = join(TOP, 'openwrt/feed/net/wifid/files/wifid.init');

function hasShellcheck(): boolean {
  return spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).status === 0;
}

beforeAll(() => {
  // Debian's shellcheck; installed here when missing so the check is never skipped.
  if (!hasShellcheck()) {
    const apt = spawnSync('sh', ['-c', 'apt-get install -y -qq shellcheck || (apt-get update -qq && apt-get install -y -qq shellcheck)'], { encoding: 'utf8' });
    if (apt.status !== 0) throw new Error(`shellcheck is missing and apt-get could not install it:\n${apt.stderr}`);
  }
}, 300_000);

/** Sources the init script with procd.sh's functions replaced by recorders and runs `action`. */
function run(action: string, env: Record<string, string> = {}): string[] {
  const harness = `
procd_open_instance() { echo "procd_open_instance $*"; }
procd_set_param() { echo "procd_set_param $*"; }
procd_close_instance() { echo "procd_close_instance"; }
procd_add_reload_trigger() { echo "procd_add_reload_trigger $*"; }
procd_running() { echo "procd_running $*"; [ "$RUNNING" = 1 ]; }
procd_send_signal() { echo "procd_send_signal $*"; }
start() { echo "start"; }
. "$1"
${action}
`;
  return execFileSync('sh', ['-e', '-c', harness, 'harness', INIT], { encoding: 'utf8', env: { ...process.env, ...env } })
    .trim().split('\n');
}

describe('/etc/init.d/wifid', () => {
  it('is a procd script for /etc/rc.common that sh -n accepts', () => {
    expect(spawnSync('sh', ['-n', INIT]).status).toBe(0);
    const text = execFileSync('cat', [INIT], { encoding: 'utf8' });
    expect(text.split('\n')[0]).toBe('#!/bin/sh /etc/rc.common');
    expect(text).toMatch(/^USE_PROCD=1$/m);
    expect(text).toMatch(/^START=\d\d$/m);
  });

  it('is shellcheck clean', () => {
    const r = spawnSync('shellcheck', ['--shell=sh', INIT, join(TOP, 'openwrt/build-ipk')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000); // shellcheck takes seconds on a loaded machine

  it('start_service: node runs the bundle on the UCI file, respawn, output to logd, HUP for reload', () => {
    expect(run('start_service')).toEqual([
      'procd_open_instance ',
      'procd_set_param command /usr/bin/node /usr/lib/wifid/wifid.js -c /etc/config/wifid',
      'procd_set_param file /etc/config/wifid',
      'procd_set_param reload_signal HUP',
      'procd_set_param respawn',
      'procd_set_param stdout 1',
      'procd_set_param stderr 1',
      'procd_close_instance',
    ]);
  });

  it('service_triggers: a change of the wifid config runs reload', () => {
    expect(run('service_triggers')).toEqual(['procd_add_reload_trigger wifid']);
  });

  it('reload_service signals the running daemon instead of restarting it, and starts it when not running', () => {
    expect(run('reload_service', { RUNNING: '1' })).toEqual(['procd_running wifid', 'procd_send_signal wifid * HUP']);
    expect(run('reload_service', { RUNNING: '0' })).toEqual(['procd_running wifid', 'start']);
  });
});
