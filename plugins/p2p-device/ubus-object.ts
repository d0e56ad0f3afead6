// The ubus object wifid.p2p: method table, argument checks beyond the policy, and the
// translation of P2pError into UbusError (the reply {"error": ...} and a status).
import { UbusError, UbusStatus } from '../../core/ubus/index.js';
import type { AccessMethods } from '../../core/ubus/access.js';
import type { P2pDeviceManager } from './device-manager.js';
import { P2pError } from './errors.js';

export const P2P_OBJECT = 'wifid.p2p';
/** Longest find/listen a caller may ask for, s (a day; 0 or absent means until stop_find). */
const MAX_TIMEOUT_S = 86_400;
const PHY_NAME = /^[A-Za-z0-9_.-]{1,31}$/;

function handleArg(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new UbusError(UbusStatus.INVALID_ARGUMENT, `handle must be a positive integer (the handle start returned), got ${String(value)}`);
  }
  return value;
}

function timeoutArg(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TIMEOUT_S) {
    throw new UbusError(UbusStatus.INVALID_ARGUMENT, `timeout must be 0..${MAX_TIMEOUT_S} seconds, got ${String(value)}`);
  }
  return value;
}

/** Runs a handler body, answering a P2pError with its status and message. */
async function answer<T>(body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof P2pError) throw new UbusError(UbusStatus[err.status], err.message);
    throw err;
  }
}

export function p2pMethods(devices: P2pDeviceManager): AccessMethods {
  return {
    start: {
      access: 'write',
      policy: { phy: { type: 'string', required: true } },
      handler: (args) => answer(async () => {
        const phy = args.phy as string;
        if (!PHY_NAME.test(phy)) throw new P2pError('INVALID_ARGUMENT', `phy must be a wiphy name such as phy0, got '${phy}'`);
        return { ...(await devices.start(phy)) };
      }),
    },
    stop: {
      access: 'write',
      policy: { handle: { type: 'int32', required: true } },
      handler: (args) => answer(async () => {
        const handle = handleArg(args.handle);
        await devices.stop(handle);
        return { handle, stopped: true };
      }),
    },
    list: {
      access: 'read',
      policy: {},
      handler: () => answer(() => ({ devices: devices.list().map((d) => ({ ...d })) })),
    },
    find: {
      access: 'write',
      policy: { handle: { type: 'int32', required: true }, timeout: { type: 'int32' } },
      handler: (args) => answer(() => {
        const handle = handleArg(args.handle);
        const timeout = timeoutArg(args.timeout);
        devices.get(handle).discovery.find(timeout);
        return { handle, state: 'find', timeout: timeout ?? 0 };
      }),
    },
    listen: {
      access: 'write',
      policy: { handle: { type: 'int32', required: true }, timeout: { type: 'int32' } },
      handler: (args) => answer(() => {
        const handle = handleArg(args.handle);
        const timeout = timeoutArg(args.timeout);
        devices.get(handle).discovery.listen(timeout);
        return { handle, state: 'listen', timeout: timeout ?? 0 };
      }),
    },
    stop_find: {
      access: 'write',
      policy: { handle: { type: 'int32', required: true } },
      handler: (args) => answer(() => {
        const handle = handleArg(args.handle);
        devices.get(handle).discovery.stopFind('requested');
        return { handle, state: 'idle' };
      }),
    },
    peers: {
      access: 'read',
      policy: { handle: { type: 'int32', required: true } },
      handler: (args) => answer(() => {
        const handle = handleArg(args.handle);
        return { handle, peers: devices.peers(handle).map((p) => ({ ...p })) };
      }),
    },
  };
}
