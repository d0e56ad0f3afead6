// The core's ubus object `wifid`: daemon status, the radio inventory and the TX queue's
// accounting. Inventory changes are announced twice, as OpenWrt does: a ubus event and
// a notification on this object to its subscribers.
import type { Logger } from './log.js';
import type { Nl80211Service } from './nl80211/service.js';
import { inventoryEvent, nl80211UbusMethods } from './nl80211/ubus-methods.js';
import type { PluginHost } from './plugin-host.js';
import type { TxQueue } from './txq/queue.js';
import { txqUbusMethods } from './txq/ubus-methods.js';
import type { UbusClient, UbusReply } from './ubus/index.js';
import type { AccessMethods } from './ubus/access.js';
import { replyMemo } from './ubus/reply-memo.js';

declare const WIFID_VERSION: string;
export const VERSION = typeof WIFID_VERSION === 'string' ? WIFID_VERSION : '0.0.0-dev';

export const CORE_OBJECT = 'wifid';

export interface CoreServices {
  ubus: UbusClient;
  nl: Nl80211Service;
  txq: TxQueue;
  host: PluginHost;
  log: Logger;
  startedAt: number;
  configProblems: () => string[];
  /** Why the last configuration file read was refused (file:line each); empty when it is in force. */
  configRefused: () => string[];
}

export function coreMethods(s: CoreServices): AccessMethods {
  // The same reply until something in it changes (at the latest when the uptime's second
  // turns): encoded once, not on every call of a caller that polls.
  const sameStatus = replyMemo();
  return {
    status: {
      access: 'read',
      policy: {},
      handler: () => sameStatus({
        version: VERSION,
        uptime: Math.floor((performance.now() - s.startedAt) / 1000),
        nl80211: s.nl.state === 'ready' ? 'ready' : 'unavailable',
        // Kernel error texts and EAPOL TX status need the socket-option addon.
        ...extendedAck(s.nl.extendedAckProblem),
        scan_dumps: scanDumps(s.nl.scanDumpStats()),
        plugins: s.host.status().map((p) => ({ ...p })),
        config_problems: s.configProblems(),
        ...configRefused(s.configRefused()),
      } as UbusReply),
    },
    ...nl80211UbusMethods(s.nl),
    ...txqUbusMethods(s.txq),
  };
}

/** Where GET_SCAN dumps were decoded: in the worker thread, or on the main thread (no worker file, or the thread failed). */
function scanDumps(d: ReturnType<Nl80211Service['scanDumpStats']>): UbusReply {
  return { in_worker: d.inWorker, in_main_thread: d.inMainThread, threads_started: d.threadsStarted, thread_running: d.threadRunning };
}

/** Present only after a refused read: the file on disk is not the configuration in force. */
function configRefused(refused: string[]): { config_refused?: string[] } {
  return refused.length === 0 ? {} : { config_refused: refused };
}

function extendedAck(problem: string | undefined): { extended_ack: boolean; extended_ack_problem?: string } {
  return problem === undefined ? { extended_ack: true } : { extended_ack: false, extended_ack_problem: problem };
}

/** Registers the object and forwards inventory changes; returns the function that stops forwarding. */
export async function publishCoreObject(s: CoreServices): Promise<() => void> {
  await s.ubus.addObject(CORE_OBJECT, coreMethods(s));
  return s.nl.onChange((change) => {
    const { type, data } = inventoryEvent(change, (i) => s.nl.wiphy(i)?.name);
    const payload = data as UbusReply;
    const short = type.slice(CORE_OBJECT.length + 1);
    Promise.all([s.ubus.sendEvent(type, payload), s.ubus.notify(CORE_OBJECT, short, payload)]).catch((err: unknown) =>
      s.log.warn(`announcing ${type}: ${err instanceof Error ? err.message : String(err)}`),
    );
  });
}
