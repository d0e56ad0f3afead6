// Direct nl80211 queries and events for hwsim tests, independent of wifid's
// own nl80211 service (which they test): a generic-netlink socket from the
// `netlink` package, names and numbers from the generated kernel schema.
import { createGenericNetlink, FlagsGet, genl, type GenericNetlinkMessage, type GenericNetlinkSocket } from 'netlink';
import { ENUMS } from '../../../core/nl80211/gen/schema.generated.js';
import { mergeWiphyDump, parseAttrs, type AttrMap, WiphyInfo } from './wiphy.js';

export { parseAttrs, WiphyInfo, type AttrMap } from './wiphy.js';

const CMD = ENUMS.nl80211_commands.values;
const ATTR = ENUMS.nl80211_attrs.values;

export type Nl80211CommandName = keyof typeof CMD;

const cmdName = new Map<number, string>(Object.entries(CMD).map(([k, v]) => [v as number, k]));

function flagAttr(type: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt16LE(4, 0);
  b.writeUInt16LE(type, 2);
  return b;
}

interface Family {
  id: number;
  groups: Map<string, number>;
}

async function resolveFamily(sock: GenericNetlinkSocket): Promise<Family> {
  const families = await sock.ctrlRequest(genl.Commands.GET_FAMILY, {}, { flags: FlagsGet.DUMP });
  const fam = families.find((f) => f.familyName === 'nl80211');
  if (!fam?.familyId) throw new Error('nl80211 generic netlink family not available (is cfg80211 loaded?)');
  const groups = new Map<string, number>();
  for (const g of fam.mcastGroups ?? []) if (g.name && g.id !== undefined) groups.set(g.name, g.id);
  return { id: fam.familyId, groups };
}

/** Every wiphy of the caller's network namespace (split dump, parts merged). */
export async function dumpWiphys(): Promise<WiphyInfo[]> {
  const sock = createGenericNetlink();
  try {
    const fam = await resolveFamily(sock);
    const [msgs] = await sock.request(fam.id, CMD.GET_WIPHY, 0, flagAttr(ATTR.SPLIT_WIPHY_DUMP), {
      flags: FlagsGet.DUMP,
      timeout: 10_000,
    });
    return mergeWiphyDump(msgs.map((m) => m.data));
  } finally {
    sock.socket.close();
  }
}

export interface Nl80211Event {
  cmd: number;
  /** Command name without NL80211_CMD_, e.g. "NEW_INTERFACE". */
  name: string;
  wiphy?: number;
  ifindex?: number;
  attrs: AttrMap;
}

export type EventMatch =
  | { cmd: Nl80211CommandName; wiphy?: number; ifindex?: number }
  | ((ev: Nl80211Event) => boolean);

function matches(ev: Nl80211Event, m: EventMatch): boolean {
  if (typeof m === 'function') return m(ev);
  return ev.cmd === CMD[m.cmd] && (m.wiphy === undefined || ev.wiphy === m.wiphy) && (m.ifindex === undefined || ev.ifindex === m.ifindex);
}

/** nl80211 multicast events of the caller's namespace, from subscription on. */
export class Nl80211EventWatch {
  readonly received: Nl80211Event[] = [];
  private readonly pending: Nl80211Event[] = [];
  private readonly waiters = new Set<{ m: EventMatch; resolve: (e: Nl80211Event | null) => void }>();

  constructor(
    private readonly sock: GenericNetlinkSocket,
    private readonly familyId: number,
  ) {
    sock.on('message', (msgs: (GenericNetlinkMessage | { type: number })[]) => {
      for (const msg of msgs) if ('cmd' in msg && msg.family === this.familyId) this.deliver(msg);
    });
  }

  private deliver(msg: GenericNetlinkMessage): void {
    const attrs = parseAttrs(msg.data);
    const ev: Nl80211Event = {
      cmd: msg.cmd,
      name: cmdName.get(msg.cmd) ?? `cmd ${msg.cmd}`,
      wiphy: attrs.get(ATTR.WIPHY)?.[0]?.readUInt32LE(0),
      ifindex: attrs.get(ATTR.IFINDEX)?.[0]?.readUInt32LE(0),
      attrs,
    };
    this.received.push(ev);
    for (const w of this.waiters) {
      if (matches(ev, w.m)) {
        this.waiters.delete(w);
        w.resolve(ev);
        return;
      }
    }
    this.pending.push(ev);
  }

  /** Resolves with the first matching event (received since the watch began), or null after timeoutMs. */
  waitEvent(m: EventMatch, timeoutMs: number): Promise<Nl80211Event | null> {
    const i = this.pending.findIndex((e) => matches(e, m));
    if (i >= 0) return Promise.resolve(this.pending.splice(i, 1)[0]!);
    return new Promise((resolve) => {
      const w = {
        m,
        resolve: (e: Nl80211Event | null) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        resolve(null);
      }, timeoutMs);
      this.waiters.add(w);
    });
  }

  close(): void {
    for (const w of this.waiters) w.resolve(null);
    this.waiters.clear();
    this.sock.socket.close();
  }
}

/** Subscribes to nl80211 multicast groups (default: config, mlme, scan, regulatory). */
export async function watchNl80211Events(groups: readonly string[] = ['config', 'mlme', 'scan', 'regulatory']): Promise<Nl80211EventWatch> {
  const sock = createGenericNetlink();
  const fam = await resolveFamily(sock);
  for (const g of groups) {
    const id = fam.groups.get(g);
    if (id === undefined) {
      sock.socket.close();
      throw new Error(`nl80211 has no multicast group "${g}"`);
    }
    sock.socket.addMembership(id);
  }
  return new Nl80211EventWatch(sock, fam.id);
}

/**
 * Subscribes, runs `trigger`, and waits for a matching event; rejects with
 * `step` and the events seen if none came within timeoutMs.
 */
export async function waitNl80211Event(
  step: string,
  trigger: () => Promise<unknown>,
  m: EventMatch,
  timeoutMs: number,
): Promise<Nl80211Event> {
  const watch = await watchNl80211Events();
  try {
    await trigger();
    const ev = await watch.waitEvent(m, timeoutMs);
    if (!ev) {
      const seen = watch.received.map((e) => e.name).join(', ') || 'none';
      throw new Error(`${step}: no matching nl80211 event within ${timeoutMs} ms (seen: ${seen})`);
    }
    return ev;
  } finally {
    watch.close();
  }
}
