// ubus wifid.sta connect / disconnect: a connection at runtime (not written to UCI). The
// arguments are checked before anything happens (a bad one: INVALID_ARGUMENT, the station
// untouched); a connection that fails replies with the stage and reason in words
// ("auth_failed: SAE: the AP refused our confirm ... the password differs").
import type { AccessMethods } from '../../core/ubus/access.js';
import { isValidMacString } from '../../core/ieee80211/mac-address.js';
import { isValidPassphrase, MAX_SAE_PASSWORD } from '../../core/config/wireless-options.js';
import { STA_ENCRYPTIONS, type StaEncryption } from './config.js';
import { StaError } from './errors.js';
import type { ConnectRequest } from './connector.js';
import type { StaManager } from './sta-manager.js';

const MAX_SSID_BYTES = 32;
/** IEEE80211_MLD_MAX_NUM_LINKS. */
const MAX_LINKS = 15;
/** Channels a scan may list: every 2.4, 5 and 6 GHz 20 MHz channel fits. */
const MAX_SCAN_FREQS = 128;

/** A list of 1..`max` channel frequencies (MHz, 2.4 to 7.2 GHz), or undefined when absent; StaError naming `name` otherwise. */
export function freqListArg(name: string, v: unknown, max: number): number[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length === 0 || v.length > max || !v.every((f) => Number.isInteger(f) && (f as number) >= 2400 && (f as number) <= 7200)) {
    throw new StaError('INVALID_ARGUMENT', `${name} must be a list of 1..${max} frequencies in MHz, got ${JSON.stringify(v)}`);
  }
  return [...new Set(v as number[])];
}

/** `freqs` of scan and connect: the channels scanned (MHz). */
export const scanFreqsArg = (v: unknown): number[] | undefined => freqListArg('freqs', v, MAX_SCAN_FREQS);

/** The connect request in `args`, or StaError INVALID_ARGUMENT / NOT_SUPPORTED naming the argument. */
export function connectArgs(args: Record<string, unknown>): ConnectRequest {
  const ssid = args.ssid;
  if (typeof ssid !== 'string' || Buffer.byteLength(ssid) < 1 || Buffer.byteLength(ssid) > MAX_SSID_BYTES) {
    throw new StaError('INVALID_ARGUMENT', `ssid must be 1..${MAX_SSID_BYTES} bytes, got ${JSON.stringify(ssid)}`);
  }
  const enc = args.encryption;
  if (enc !== undefined && !(STA_ENCRYPTIONS as readonly unknown[]).includes(enc)) {
    throw new StaError('INVALID_ARGUMENT', `encryption must be one of ${STA_ENCRYPTIONS.join(', ')}, got ${JSON.stringify(enc)}`);
  }
  const key = args.key;
  if (key !== undefined) {
    if (typeof key !== 'string') throw new StaError('INVALID_ARGUMENT', 'key must be a string');
    if (enc === 'none') throw new StaError('INVALID_ARGUMENT', 'key is given but encryption is none');
    const saeOnly = enc === 'sae';
    if (saeOnly ? key.length < 1 || key.length > MAX_SAE_PASSWORD : enc !== undefined && !isValidPassphrase(key)) {
      throw new StaError('INVALID_ARGUMENT', saeOnly ? `key: an SAE password of 1..${MAX_SAE_PASSWORD} characters is needed` : 'key: a passphrase of 8..63 printable ASCII characters or 64 hex digits is needed');
    }
  } else if (enc !== undefined && enc !== 'none') {
    throw new StaError('INVALID_ARGUMENT', `encryption ${String(enc)} needs a key`);
  }
  const w = args.ieee80211w;
  if (w !== undefined && w !== 0 && w !== 1 && w !== 2) throw new StaError('INVALID_ARGUMENT', `ieee80211w must be 0, 1 or 2, got ${JSON.stringify(w)}`);
  if (w === 0 && (enc === 'sae' || enc === 'psk2-sha256')) throw new StaError('INVALID_ARGUMENT', `${String(enc)} needs management frame protection: ieee80211w 1 or 2`);
  const bssid = args.bssid;
  if (bssid !== undefined && (typeof bssid !== 'string' || !isValidMacString(bssid))) throw new StaError('INVALID_ARGUMENT', `bssid must be a MAC address like 02:00:00:00:01:00, got ${JSON.stringify(bssid)}`);
  const mlo = args.mlo;
  if (mlo !== undefined && typeof mlo !== 'boolean' && mlo !== 0 && mlo !== 1) throw new StaError('INVALID_ARGUMENT', `mlo must be a boolean, got ${JSON.stringify(mlo)}`);
  const links = freqListArg('links', args.links, MAX_LINKS);
  const freqs = scanFreqsArg(args.freqs);
  if (links !== undefined && enc !== undefined && enc !== 'sae' && links.length > 1) throw new StaError('INVALID_ARGUMENT', `several links need sae, not ${String(enc)}`);
  return {
    ssid,
    ...(enc !== undefined ? { encryption: enc as StaEncryption } : {}),
    ...(key !== undefined ? { key: key as string } : {}),
    ...(w !== undefined ? { ieee80211w: w as 0 | 1 | 2 } : {}),
    ...(bssid !== undefined ? { bssid: (bssid as string).toLowerCase() } : {}),
    ...(mlo !== undefined ? { mlo: mlo === true || mlo === 1 } : {}),
    ...(links !== undefined ? { links } : {}),
    ...(freqs !== undefined ? { freqs } : {}),
  };
}

function requiredName(v: unknown): string {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(v)) throw new StaError('INVALID_ARGUMENT', `name must be the name of a sta section, got ${JSON.stringify(v)}`);
  return v;
}

export function connectMethods(stations: StaManager, answer: <T>(body: () => T | Promise<T>) => Promise<T>): AccessMethods {
  return {
    connect: {
      access: 'write',
      policy: {
        name: { type: 'string', required: true }, ssid: { type: 'string', required: true }, key: { type: 'string' }, encryption: { type: 'string' },
        ieee80211w: { type: 'int32' }, bssid: { type: 'string' }, mlo: { type: 'bool' }, links: { type: 'array' }, freqs: { type: 'array' },
      },
      handler: (args) => answer(async () => {
        const name = requiredName(args.name);
        const req = connectArgs(args);
        const [sta] = stations.select(name);
        return { name, ...(await sta!.connect(req)) };
      }),
    },
    disconnect: {
      access: 'write',
      policy: { name: { type: 'string', required: true } },
      handler: (args) => answer(async () => {
        const name = requiredName(args.name);
        const [sta] = stations.select(name);
        return { name, ...(await sta!.disconnect()) };
      }),
    },
  };
}
