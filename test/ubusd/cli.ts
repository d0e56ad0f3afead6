// A `ubus` command line compatible with OpenWrt's cli.c (ubus 3cc98db) for tests and the
// demo: list [-v], call, listen, send, subscribe, wait_for; -s SOCKET, -t TIMEOUT, -S, -v. Same
// output (replies tab-indented as blobmsg_format_json_indent, events compact), same
// messages on stderr and the same exit codes (a failed call exits 256 - status when
// stderr is not a terminal). Test tooling, never shipped.
import { StderrLogger } from '../../core/log';
import type { BlobmsgField } from '../../core/ubus/blobmsg';
import { formatBlobmsgElementJson, formatBlobmsgJson, JsonParseError, parseJsonToBlobmsg } from '../../core/ubus/blobmsg-json';
import { UbusClient } from '../../core/ubus/client';
import { UBUS_DEFAULT_SOCKET, UbusError, UbusStatus, ubusStrerror } from '../../core/ubus/protocol';

interface Options {
  socket: string;
  timeout: number;
  listenTimeout: number;
  simple: boolean;
  verbose: number;
}

const USAGE = (prog: string) => `Usage: ${prog} [<options>] <command> [arguments...]
Options:
 -s <socket>:\t\tSet the unix domain socket to connect to
 -t <timeout>:\t\tSet the timeout (in seconds) for a command to complete
 -S:\t\t\tUse simplified output (for scripts)
 -v:\t\t\tMore verbose output

Commands:
 - list [<path>]\t\t\tList objects
 - call <path> <method> [<message>]\tCall an object method
 - subscribe <path> [<path>...]\tSubscribe to object(s) notifications
 - listen [<path>...]\t\t\tListen for events
 - send <type> [<message>]\t\tSend an event
 - wait_for <object> [<object>...]\tWait for multiple objects to appear on ubus

`;

const TYPE_NAMES: Record<number, string> = { 7: '"Boolean"', 5: '"Integer"', 3: '"String"', 1: '"Array"', 2: '"Table"' };

function formatType(f: BlobmsgField): string | undefined {
  if (f.type !== 'int32') return undefined;
  return TYPE_NAMES[f.value >>> 0] ?? '"(unknown)"';
}

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

/** ubus_cli_error: the full command line when stderr is not a terminal, as cli.c. */
function cliError(o: Options, cmd: string, args: string[], status: number): number {
  if (!o.simple && !process.stderr.isTTY) {
    err(`Command failed: ubus ${cmd} ${args.map((a) => `${a} `).join('')}(${ubusStrerror(status)})\n`);
    return -status;
  }
  return status;
}

function statusOf(e: unknown): number {
  if (e instanceof UbusError) return e.status;
  throw e;
}

async function list(ubus: UbusClient, o: Options, args: string[]): Promise<number> {
  if (args.length > 1) return -2;
  let objs;
  try {
    objs = await ubus.lookup(args[0]);
  } catch (e) {
    return statusOf(e);
  }
  for (const obj of objs) {
    if (o.simple || !o.verbose) { out(`${obj.path}\n`); continue; }
    out(`'${obj.path}' @${obj.id.toString(16).padStart(8, '0')}\n`);
    for (const m of obj.signatureFields) out(`\t${formatBlobmsgElementJson(m, formatType)}\n`);
  }
  return 0;
}

async function call(ubus: UbusClient, o: Options, args: string[]): Promise<number> {
  if (args.length < 2 || args.length > 3) return -2;
  let fields: BlobmsgField[] = [];
  if (args.length === 3) {
    try {
      fields = parseJsonToBlobmsg(args[2]!);
    } catch (e) {
      if (!(e instanceof JsonParseError)) throw e;
      return cliError(o, 'call', args, UbusStatus.PARSE_ERROR);
    }
  }
  let res;
  try {
    res = await ubus.callFields(args[0]!, args[1]!, fields, { timeoutMs: o.timeout * 1000 });
  } catch (e) {
    // ubus_lookup_id's failure is returned as is (no command line).
    return statusOf(e);
  }
  for (const r of res.replies) out(`${formatBlobmsgJson(r, { indent: o.simple ? undefined : 0 })}\n`);
  if (res.status) return cliError(o, 'call', args, res.status);
  return 0;
}

function printEvent(type: string, fields: BlobmsgField[]): void {
  out(`{ "${type}": ${formatBlobmsgJson(fields)} }\n`);
}

/** Until the -t timeout or a signal; leaves no timer behind to keep the process alive. */
async function waitListening(o: Options): Promise<void> {
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    const timer = o.listenTimeout ? setTimeout(done, o.listenTimeout * 1000) : undefined;
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

async function listen(ubus: UbusClient, o: Options, args: string[]): Promise<number> {
  const patterns = args.length ? args : ['*'];
  for (const p of patterns) {
    try {
      await ubus.onEvent(p, (type, _data, fields) => printEvent(type, fields));
    } catch (e) {
      if (!o.simple) err(`Error while registering for event '${p}': ${ubusStrerror(statusOf(e))}\n`);
      return -1;
    }
  }
  await waitListening(o);
  return 0;
}

async function subscribe(ubus: UbusClient, o: Options, args: string[]): Promise<number> {
  if (!args.length) {
    if (!o.simple) err('You need to specify an object to subscribe to\n');
    return -1;
  }
  for (const path of args) {
    try {
      await ubus.subscribe(path, (type, _data, fields) => printEvent(type, fields));
    } catch (e) {
      if (!o.simple) err(`Error while registering for event '${args[0]}': ${ubusStrerror(statusOf(e))}\n`);
      return -1;
    }
  }
  await waitListening(o);
  return 0;
}

async function send(ubus: UbusClient, _o: Options, args: string[]): Promise<number> {
  if (args.length < 1 || args.length > 2) return -2;
  let fields: BlobmsgField[] = [];
  if (args.length === 2) {
    try {
      fields = parseJsonToBlobmsg(args[1]!);
    } catch (e) {
      if (!(e instanceof JsonParseError)) throw e;
      return UbusStatus.PARSE_ERROR;
    }
  }
  try {
    await ubus.sendEventFields(args[0]!, fields);
  } catch (e) {
    return statusOf(e);
  }
  return 0;
}

/** ubus_cli_wait_for: watch ubus.object.add, then list, then wait up to the timeout. */
async function waitFor(ubus: UbusClient, o: Options, args: string[]): Promise<number> {
  if (args.length < 1) return -2;
  const pending = new Set(args);
  let wake: () => void = () => {};
  const seen = (path: string) => {
    pending.delete(path);
    if (!pending.size) wake();
  };
  try {
    await ubus.onEvent('ubus.object.add', (type, data) => {
      if (type === 'ubus.object.add' && typeof data.path === 'string') seen(data.path);
    });
    for (const obj of await ubus.lookup()) seen(obj.path);
  } catch (e) {
    return statusOf(e);
  }
  if (!pending.size) return 0;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, o.timeout * 1000);
    wake = () => { clearTimeout(timer); resolve(); };
  });
  return pending.size ? UbusStatus.TIMEOUT : 0;
}

const COMMANDS: Record<string, (ubus: UbusClient, o: Options, args: string[]) => Promise<number>> = {
  list, call, listen, subscribe, send, wait_for: waitFor,
};

export async function main(argv: string[], prog = 'ubus'): Promise<number> {
  const o: Options = { socket: UBUS_DEFAULT_SOCKET, timeout: 30, listenTimeout: 0, simple: false, verbose: 0 };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' ) { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const flag = a[j]!;
      if (flag === 'S') o.simple = true;
      else if (flag === 'v') o.verbose++;
      else if (flag === 's' || flag === 't') {
        const val = a.length > j + 1 ? a.slice(j + 1) : argv[++i];
        if (val === undefined) { err(USAGE(prog)); return 1; }
        if (flag === 's') o.socket = val;
        else { o.timeout = Number.parseInt(val, 10) || 0; o.listenTimeout = o.timeout; }
        break;
      } else { err(USAGE(prog)); return 1; }
    }
  }
  const rest = argv.slice(i);
  if (!rest.length) { err(USAGE(prog)); return 1; }
  const [cmd, ...args] = rest as [string, ...string[]];

  const ubus = new UbusClient(o.socket, new StderrLogger('error', 'ubus', { write: () => {} }), {
    reconnect: false,
    requestTimeoutMs: o.timeout * 1000,
  });
  try {
    await ubus.connect();
  } catch {
    if (!o.simple) err('Failed to connect to ubus\n');
    return -1;
  }
  let ret = -2;
  try {
    const run = COMMANDS[cmd];
    if (run) ret = await run(ubus, o, args);
  } finally {
    await ubus.close();
  }
  if (ret > 0 && !o.simple) err(`Command failed: ${ubusStrerror(ret)}\n`);
  else if (ret === -2) err(USAGE(prog));
  return ret;
}
