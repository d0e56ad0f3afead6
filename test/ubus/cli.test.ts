// The test CLI (test/ubusd/ubus, run as a separate process like the real `ubus`) against
// an object of ours, checking the output and exit codes of OpenWrt's cli.c.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UbusError, UbusStatus } from '../../core/ubus';
import { startBus, waitFor, type Bus } from './helpers';

// UBUS_CLI=/path/to/ubus runs the same checks with another CLI (OpenWrt's own, built from
// source), which is how these expectations were confirmed.
const CLI = process.env.UBUS_CLI ?? fileURLToPath(new URL('../ubusd/ubus', import.meta.url));

let bus: Bus;
let server: Awaited<ReturnType<Bus['client']>>['ubus'];

function ubus(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(CLI, ['-s', bus.socketPath, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  bus = await startBus();
  server = (await bus.client()).ubus;
  await server.addObject('demo', {
    hello: {
      policy: { id: { type: 'int32', required: true }, msg: { type: 'string' } },
      handler: (args) => ({ message: `got ${args.msg ?? '-'} #${args.id}`, list: [1, true], nested: { d: 1.5 } }),
    },
    refuse: { handler: () => { throw new UbusError(UbusStatus.NOT_SUPPORTED, 'not on this radio'); } },
  });
  // The first run bundles the CLI; do it once outside the timed tests.
  await ubus('list');
}, 60_000);
afterAll(async () => { await bus.close(); });

describe('test ubus CLI', () => {
  it('list -v prints paths, ids and signatures as the real CLI', async () => {
    const r = await ubus('-v', 'list');
    const id = server.objectId('demo').toString(16).padStart(8, '0');
    expect(r).toEqual({ code: 0, stderr: '', stdout: `'demo' @${id}\n\t"hello":{"id":"Integer","msg":"String"}\n\t"refuse":{}\n` });
    expect((await ubus('list', 'de*')).stdout).toBe('demo\n');
  });

  it('call prints the reply tab-indented and exits 0', async () => {
    const r = await ubus('call', 'demo', 'hello', '{"id":1,"msg":"hi"}');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n\t"message": "got hi #1",\n\t"list": [\n\t\t1,\n\t\ttrue\n\t],\n\t"nested": {\n\t\t"d": 1.500000\n\t}\n}\n');
  });

  it('a policy error prints the error reply, the failed command and exits 254', async () => {
    const r = await ubus('call', 'demo', 'hello', '{"id":"x"}');
    expect(r.code).toBe(254);
    expect(r.stdout).toBe('{\n\t"error": "hello: argument \\"id\\" must be of type int32, got string"\n}\n');
    // cli.c returns -UBUS_STATUS_INVALID_ARGUMENT = -2, which main() also takes for its
    // "bad usage" code: the real CLI prints the usage text after the failure line.
    expect(r.stderr).toMatch(/^Command failed: ubus call demo hello \{"id":"x"\} \(Invalid argument\)\nUsage: /);
  });

  it('exits 253 for an unknown method, 4 for an unknown object, 248 for NOT_SUPPORTED', async () => {
    expect((await ubus('call', 'demo', 'nosuch')).code).toBe(253);
    expect(await ubus('call', 'nosuch', 'foo')).toEqual({ code: 4, stdout: '', stderr: 'Command failed: Not found\n' });
    const r = await ubus('call', 'demo', 'refuse');
    expect(r.code).toBe(248);
    expect(r.stdout).toContain('"error": "not on this radio"');
  });

  it('wait_for returns once the objects exist, or exits 7 after its timeout', async () => {
    const late = ubus('-t', '10', 'wait_for', 'demo', 'late.obj');
    await new Promise((r) => setTimeout(r, 1500));
    await server.addObject('late.obj', {});
    expect(await late).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await ubus('-t', '1', 'wait_for', 'never')).toEqual({ code: 7, stdout: '', stderr: 'Command failed: Request timed out\n' });
  }, 30_000);

  it('listen prints what send sends, compact, one line per event', async () => {
    const child = spawn(CLI, ['-s', bus.socketPath, '-t', '5', 'listen', 'wifid.*']);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    // Wait until the listener's pattern is registered: events sent before are lost.
    const registered = await waitFor(async () => {
      await server.sendEvent('wifid.probe', {});
      return stdout.includes('wifid.probe');
    }, 10_000);
    expect(registered).toBe(true);
    expect((await ubus('send', 'wifid.types', '{"i":1,"big":5000000000,"d":1.5,"b":true,"s":"x","a":[1,"y",[]],"t":{"n":{}}}')).code).toBe(0);
    await waitFor(() => stdout.includes('wifid.types'), 5000);
    child.kill('SIGTERM');
    expect(stdout.split('\n')).toContain('{ "wifid.types": {"i":1,"big":5000000000,"d":1.500000,"b":true,"s":"x","a":[1,"y",[]],"t":{"n":{}}} }');
  }, 30_000);

  it('subscribe prints the notifications of an object', async () => {
    const child = spawn(CLI, ['-s', bus.socketPath, '-t', '5', 'subscribe', 'demo']);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    expect(await waitFor(() => server.subscriberCount('demo') > 0, 10_000)).toBe(true);
    expect(await server.notify('demo', 'assoc', { mac: 'aa:bb:cc:dd:ee:ff' })).toBe(1);
    await waitFor(() => stdout.includes('assoc'), 5000);
    child.kill('SIGTERM');
    expect(stdout).toBe('{ "assoc": {"mac":"aa:bb:cc:dd:ee:ff"} }\n');
  }, 30_000);
});
