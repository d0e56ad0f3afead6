// Command-line flags, in the form OpenWrt daemons take them (ubus CLI's -s, -c for UCI).
export interface Options {
  configPath: string;
  socketPath: string;
  verbose: number;
}

export const DEFAULT_OPTIONS: Options = {
  configPath: '/etc/config/wifid',
  socketPath: '/var/run/ubus/ubus.sock',
  verbose: 0,
};

export const USAGE = `Usage: wifid [options]
Wi-Fi control plane over nl80211, controlled over ubus.

Options:
  -c, --config FILE   UCI configuration file (default: ${DEFAULT_OPTIONS.configPath})
  -s, --socket PATH   ubus socket (default: ${DEFAULT_OPTIONS.socketPath})
  -v, --verbose       more log output (repeat for debug)
  -h, --help          show this help and exit
`;

export type ParsedArgs = { help: true } | { help: false; options: Options };

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses argv (without node and script); throws UsageError naming the bad flag. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: Options = { ...DEFAULT_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v === '') throw new UsageError(`option ${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '-h': case '--help': return { help: true };
      case '-c': case '--config': options.configPath = value(); break;
      case '-s': case '--socket': options.socketPath = value(); break;
      case '-v': case '--verbose': options.verbose++; break;
      default:
        if (/^-v+$/.test(arg)) { options.verbose += arg.length - 1; break; }
        if (arg.startsWith('--config=')) { options.configPath = arg.slice(9); break; }
        if (arg.startsWith('--socket=')) { options.socketPath = arg.slice(9); break; }
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return { help: false, options };
}
