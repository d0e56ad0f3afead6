// The ubus object wifid.ap: method table, argument checks beyond the policy, and the
// translation of ApError into UbusError (the reply {"error": ...} and a status).
import { isValidMacString } from '../../core/ieee80211/mac-address.js';
import { isValidReasonCode, ReasonCode } from '../../core/ieee80211/reason-codes.js';
import { UbusError, UbusStatus } from '../../core/ubus/index.js';
import type { AccessMethods } from '../../core/ubus/access.js';
import type { ApManager } from './ap-manager.js';
import { ApError } from './errors.js';
import { HTMODES, type HtMode } from './config.js';
import { DEFAULT_ANNOUNCE_TBTT, MAX_ANNOUNCE_TBTT } from './ap-mld.js';
import { parseLinkSpec, type LinkSpec } from './mld-config.js';
import { MAX_MLO_LINK_ID } from '../../core/nl80211/mld-commands.js';

export const AP_OBJECT = 'wifid.ap';
/** Longest ban a kick may set, s (a day). */
const MAX_BAN_S = 86_400;

async function answer<T>(body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof ApError) throw new UbusError(UbusStatus[err.status], err.message);
    throw err;
  }
}

function nameArg(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(v)) throw new ApError('INVALID_ARGUMENT', `name must be the name of an ap section, got ${JSON.stringify(v)}`);
  return v;
}

/** add_link's `link`: '<phy>:<channel>[:<htmode>]' as in `list link`. */
export function linkArg(v: unknown): LinkSpec<HtMode> {
  const spec = typeof v === 'string' ? parseLinkSpec(v, HTMODES) : undefined;
  if (!spec) throw new ApError('INVALID_ARGUMENT', `link must be '<phy>:<channel>[:<htmode>]' (e.g. 'phy0:11' or 'phy0:36:EHT80'), got ${JSON.stringify(v)}`);
  return spec;
}

export function linkIdArg(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_MLO_LINK_ID) throw new ApError('INVALID_ARGUMENT', `link_id must be a link id 0..${MAX_MLO_LINK_ID}, got ${JSON.stringify(v)}`);
  return v;
}

export function announceTbttArg(v: unknown): number {
  if (v === undefined) return DEFAULT_ANNOUNCE_TBTT;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_ANNOUNCE_TBTT) throw new ApError('INVALID_ARGUMENT', `announce_tbtt must be 0..${MAX_ANNOUNCE_TBTT} TBTTs (0: remove at once, unannounced), got ${JSON.stringify(v)}`);
  return v;
}

function requiredName(v: unknown): string {
  const name = nameArg(v);
  if (name === undefined) throw new ApError('INVALID_ARGUMENT', 'name is required: the ap section of the AP MLD');
  return name;
}

export function apMethods(aps: ApManager): AccessMethods {
  return {
    status: {
      access: 'read',
      policy: { name: { type: 'string' } },
      handler: (args) => answer(() => ({ aps: aps.status(nameArg(args.name)).map((a) => ({ ...a, counters: { ...a.counters } })) })),
    },
    clients: {
      access: 'read',
      policy: { name: { type: 'string' } },
      handler: (args) => answer(async () => ({ clients: (await aps.clients(nameArg(args.name))).map((c) => ({ ...c })) })),
    },
    kick: {
      access: 'write',
      policy: { addr: { type: 'string', required: true }, reason: { type: 'int32' }, ban_s: { type: 'int32' } },
      handler: (args) => answer(async () => {
        const addr = args.addr as string;
        if (!isValidMacString(addr)) throw new ApError('INVALID_ARGUMENT', `addr must be a MAC address like aa:bb:cc:dd:ee:ff, got '${addr}'`);
        const reason = (args.reason as number | undefined) ?? ReasonCode.UNSPECIFIED_REASON;
        if (!isValidReasonCode(reason)) throw new ApError('INVALID_ARGUMENT', `reason must be an 802.11 reason code 1..65535, got ${reason}`);
        const banS = (args.ban_s as number | undefined) ?? 0;
        if (!Number.isInteger(banS) || banS < 0 || banS > MAX_BAN_S) throw new ApError('INVALID_ARGUMENT', `ban_s must be 0..${MAX_BAN_S} seconds, got ${banS}`);
        const ap = await aps.kick(addr.toLowerCase(), reason, banS);
        return { addr: addr.toLowerCase(), ap, reason, ban_s: banS };
      }),
    },
    add_link: {
      access: 'write',
      policy: { name: { type: 'string', required: true }, link: { type: 'string', required: true } },
      handler: (args) => answer(() => {
        const name = requiredName(args.name);
        return aps.addLink(name, linkArg(args.link));
      }),
    },
    remove_link: {
      access: 'write',
      policy: { name: { type: 'string', required: true }, link_id: { type: 'int32', required: true }, announce_tbtt: { type: 'int32' } },
      handler: (args) => answer(() => {
        const name = requiredName(args.name);
        return aps.removeLink(name, linkIdArg(args.link_id), announceTbttArg(args.announce_tbtt));
      }),
    },
  };
}
