// A process running the p2p-device plugin on its core services (see p2p-stack.ts):
// `p2p-daemon -s UBUS_SOCKET -c UCI_FILE [-v]`. Used where a test needs the daemon as a
// separate process (SIGKILL) and by the demo.
import '@abraham/reflection';
import { StderrLogger } from '../../core/log.js';
import { startP2pStack } from './p2p-stack.js';

const argv = process.argv.slice(2);
const arg = (flag: string) => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ubusSocket = arg('-s');
const configPath = arg('-c');
if (!ubusSocket || !configPath) {
  process.stderr.write('usage: p2p-daemon -s UBUS_SOCKET -c UCI_FILE [-v]\n');
  process.exit(2);
}
const log = new StderrLogger(argv.includes('-v') ? 'debug' : 'info');
startP2pStack({ ubusSocket, configPath, log }).then(
  (stack) => {
    log.notice('p2p-daemon ready');
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => void stack.stop().then(() => process.exit(0)));
    }
  },
  (err: unknown) => {
    process.stderr.write(`error: p2p-daemon: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
