// Generic netlink families as the controller (nlctrl) describes them: asking for one by
// name, and reading the controller's notifications of families that come and go (how
// nl80211 shows up when cfg80211 loads). ell's genl.c does this for iwd.
// Only the two modules needed: the package's index loads every family it knows
// (route, wireguard, nl80211 structs: ~580 kB of JS, about 7 MB of idle RSS).
import * as genl from 'netlink/dist/genl/structs.js';
import { AttrStream } from 'netlink/dist/structs.js';
import { AckError, type GenlChannel } from './genl-channel.js';
import { parseGenl, type NetlinkMessage } from './message.js';

export const GENL_ID_CTRL = 16;
const CTRL_VERSION = 2;
const CTRL_CMD_NEWFAMILY = 1;
const CTRL_CMD_DELFAMILY = 2;
const CTRL_CMD_GETFAMILY = 3;

export interface Family {
  id: number;
  version: number;
  groups: Map<string, number>;
}

/** The family called `name`, or null when it is not registered. */
export async function getFamily(ctrl: GenlChannel, name: string): Promise<Family | null> {
  const stream = new AttrStream();
  stream.emit(genl.formatMessage({ familyName: name }));
  const data = Buffer.concat(stream.bufs);
  try {
    const [reply] = await ctrl.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_VERSION, data);
    if (!reply) return null;
    return familyFrom(genl.parseMessage(Buffer.from(parseGenl(reply).attrs)));
  } catch (err) {
    if (err instanceof AckError && err.ack.errno === 2) return null; // ENOENT: not registered
    throw err;
  }
}

export type FamilyNotification = { kind: 'new' | 'del'; name: string | undefined; family: Family };

/**
 * A controller notification of a family registered or removed; undefined for other
 * messages. Throws on a malformed one.
 */
export function parseFamilyNotification(msg: NetlinkMessage): FamilyNotification | undefined {
  if (msg.type !== GENL_ID_CTRL) return undefined;
  const g = parseGenl(msg);
  const fam = genl.parseMessage(Buffer.from(g.attrs));
  if (g.cmd === CTRL_CMD_NEWFAMILY) return { kind: 'new', name: fam.familyName, family: familyFrom(fam) };
  if (g.cmd === CTRL_CMD_DELFAMILY) return { kind: 'del', name: fam.familyName, family: familyFrom(fam) };
  return undefined;
}

function familyFrom(m: genl.Message): Family {
  const groups = new Map<string, number>();
  for (const g of m.mcastGroups ?? []) if (g.name !== undefined && g.id !== undefined) groups.set(g.name, g.id);
  return { id: m.familyId ?? 0, version: m.version ?? 1, groups };
}
