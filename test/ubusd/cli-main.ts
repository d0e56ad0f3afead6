// Entry of the bundled test CLI (see test/ubusd/ubus).
import { main } from './cli';

main(process.argv.slice(2)).then(
  (ret) => { process.exitCode = ret & 0xff; },
  (e: unknown) => {
    process.stderr.write(`ubus: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 255;
  },
);
