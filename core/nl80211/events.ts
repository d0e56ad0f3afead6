// nl80211 events as subscribers see them: command name, ids read without decoding the
// rest, attributes decoded on first use (a backlog of low-priority events costs little
// until a handler looks at it).
import { decodeAttrs } from './attrs.js';
import type { Nl80211Event, Priority } from './dispatch.js';
import { ENUMS, type Attrs_nl80211_attrs } from './gen/schema.generated.js';
import { parseGenl, peekIds, type NetlinkMessage } from './message.js';

const CMD_NAMES = new Map<number, string>();
for (const [name, id] of Object.entries(ENUMS.nl80211_commands.values as Record<string, number>)) if (!CMD_NAMES.has(id)) CMD_NAMES.set(id, name);

/** 'NEW_INTERFACE' for 7; numbers of newer kernels as 'CMD_<n>'. */
export const commandName = (id: number): string => CMD_NAMES.get(id) ?? `CMD_${id}`;

/** Builds an event from a raw nl80211 message; attributes are decoded on first use. */
export function makeEvent(msg: NetlinkMessage, receivedAt: number, source: Priority): Nl80211Event {
  const g = parseGenl(msg);
  const ids = peekIds(g.attrs);
  const bytes = g.attrs;
  let decoded: Attrs_nl80211_attrs | undefined;
  return {
    cmd: commandName(g.cmd),
    cmdId: g.cmd,
    ...ids,
    get attrs() {
      return (decoded ??= decodeAttrs('nl80211_attrs', bytes));
    },
    source,
    receivedAt,
  };
}

