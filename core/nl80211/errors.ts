// The error a kernel refusal turns into: the command, the errno's name and the kernel's
// extended-ACK text, so "NEW_INTERFACE: EBUSY: ..." reaches a ubus caller unchanged.
import { errnoName } from './errno-names.js';

export class Nl80211Error extends Error {
  override name = 'Nl80211Error';
  /** Positive errno, e.g. 16 for EBUSY. */
  readonly errno: number;
  /** The errno's name, e.g. 'EBUSY'. */
  readonly code: string;
  constructor(
    readonly cmd: string,
    errno: number,
    readonly extack?: string,
    readonly missingAttr?: string,
  ) {
    const code = errnoName(errno);
    const detail = extack ?? (missingAttr ? `missing attribute ${missingAttr}` : undefined);
    super(`${cmd}: ${code}${detail ? `: ${detail}` : ''}`);
    this.errno = Math.abs(errno);
    this.code = code;
  }
}

/** nl80211 is not available: cfg80211 is not loaded, or the service is stopped. */
export class Nl80211UnavailableError extends Error {
  override name = 'Nl80211UnavailableError';
  constructor(readonly cmd: string) {
    super(`${cmd}: nl80211 is not available (cfg80211 not loaded)`);
  }
}
