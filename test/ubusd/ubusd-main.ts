// Entry of the bundled test broker (see test/ubusd/ubusd): `ubusd [-s SOCKET] [-v]`.
import { UBUS_DEFAULT_SOCKET } from '../../core/ubus/protocol';
import { UbusBroker } from './broker';

const argv = process.argv.slice(2);
let socketPath = UBUS_DEFAULT_SOCKET;
let verbose = false;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '-s' && argv[i + 1]) socketPath = argv[++i]!;
  else if (a.startsWith('-s') && a.length > 2) socketPath = a.slice(2);
  else if (a === '-v') verbose = true;
  else {
    process.stderr.write('Usage: ubusd [-s <socket>] [-v]\n');
    process.exit(1);
  }
}

const broker = new UbusBroker({ socketPath, log: verbose ? (line) => process.stderr.write(`ubusd: ${line}\n`) : undefined });
broker.start().then(
  () => { if (verbose) process.stderr.write(`ubusd: listening on ${socketPath}\n`); },
  (e: unknown) => {
    process.stderr.write(`ubusd: cannot listen on ${socketPath}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => { void broker.stop().then(() => process.exit(0)); });
}
