// Entry of the bundled daemon (dist/wifid.js): flags, then the daemon's life.
import '@abraham/reflection';
import { PLUGINS } from '../plugins/index.js';
import { runDaemon } from './daemon.js';
import { parseArgs, UsageError, USAGE } from './options.js';

function main(): void {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`wifid: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  runDaemon(parsed.options, PLUGINS).then(
    (code) => process.exit(code),
    (err: unknown) => {
      // The one-line reason procd's log shows when the daemon cannot start.
      process.stderr.write(`error: wifid: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

main();
