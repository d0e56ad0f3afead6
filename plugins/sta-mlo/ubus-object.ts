// The ubus object wifid.sta: method table, argument checks beyond the policy, and the
// translation of StaError into UbusError (the reply {"error": ...} and a status).
import { UbusError, UbusStatus } from '../../core/ubus/index.js';
import type { AccessMethods } from '../../core/ubus/access.js';
import type { StaManager } from './sta-manager.js';
import { StaError } from './errors.js';
import { connectMethods, scanFreqsArg } from './connect-methods.js';

export const STA_OBJECT = 'wifid.sta';

async function answer<T>(body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof StaError) throw new UbusError(UbusStatus[err.status], err.message);
    throw err;
  }
}

/** `name`: a sta section's name, or absent for every station. */
export function staNameArg(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(v)) throw new StaError('INVALID_ARGUMENT', `name must be the name of a sta section, got ${JSON.stringify(v)}`);
  return v;
}

export function staMethods(stations: StaManager): AccessMethods {
  return {
    status: {
      access: 'read',
      policy: { name: { type: 'string' } },
      handler: (args) => answer(async () => ({ stations: (await stations.status(staNameArg(args.name))).map((s) => ({ ...s, counters: { ...s.counters }, networks: [...s.networks], connection: { ...s.connection, ...(s.connection.links ? { links: s.connection.links.map((l) => ({ ...l })) } : {}) }, auto_connect: { ...s.auto_connect } })) })),
    },
    scan: {
      access: 'write',
      policy: { name: { type: 'string' }, freqs: { type: 'array' } },
      handler: (args) => answer(async () => {
        const name = staNameArg(args.name);
        const o = await stations.scan(name, scanFreqsArg(args.freqs));
        return {
          bss: o.bss.map((b) => ({ ...b, akm: [...b.akm] })),
          ap_mlds: o.ap_mlds.map((m) => ({ ...m, akm: [...m.akm], links: m.links.map((l) => ({ ...l })) })),
          aborted: o.aborted,
        };
      }),
    },
    ...connectMethods(stations, answer),
  };
}
