// wifid's socket-option addon against this machine's kernel: with NETLINK_EXT_ACK set the
// generic-netlink controller explains a refusal; without it the same refusal is bare.
// No cfg80211 needed: the controller (nlctrl) is in every kernel.
import { RawNetlinkSocket } from 'netlink';
import { describe, expect, it } from 'vitest';
import { AckError, GenlChannel, openGenericNetlinkSocket, type NetlinkSocketLike } from '../../core/nl80211/genl-channel.js';
import { enableExtendedAck } from '../../core/nl80211/socket-options.js';

const GENL_ID_CTRL = 16;
const CTRL_CMD_GETFAMILY = 3;
const CTRL_ATTR_FAMILY_NAME = 2;
const NETLINK_GENERIC = 16;

/** CTRL_ATTR_FAMILY_NAME longer than GENL_NAMSIZ allows: the policy refuses it. */
function tooLongFamilyName(): Buffer {
  const name = Buffer.alloc(40, 0x61);
  name[39] = 0;
  const h = Buffer.alloc(4);
  h.writeUInt16LE(4 + name.length, 0);
  h.writeUInt16LE(CTRL_ATTR_FAMILY_NAME, 2);
  return Buffer.concat([h, name]);
}

const noHandlers = { onEvent: () => undefined, onSocketError: () => undefined, onInvalid: () => undefined };

async function refusal(sock: NetlinkSocketLike): Promise<AckError> {
  const ch = new GenlChannel(sock, noHandlers);
  try {
    const err = await ch.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 2, tooLongFamilyName()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AckError);
    return err as AckError;
  } finally {
    ch.close();
  }
}

describe('extended ACKs (native/netlink_sockopt.c)', () => {
  it('sockets wifid opens get the kernel\'s error text', async () => {
    const sock = openGenericNetlinkSocket();
    expect(sock.extendedAckProblem).toBeUndefined();
    const err = await refusal(sock);
    expect(err.ack.errno).toBe(22);
    expect(err.ack.extackMessage).toMatch(/policy/i);
    expect(err.message).toContain(err.ack.extackMessage!);
  });

  it('a socket without NETLINK_EXT_ACK gets the errno only', async () => {
    const sock = new RawNetlinkSocket(NETLINK_GENERIC) as unknown as NetlinkSocketLike;
    const err = await refusal(sock);
    expect(err.ack.errno).toBe(22);
    expect(err.ack.extackMessage).toBeUndefined();
  });

  it('names the errno when there is no such socket in this process', () => {
    const sock = new RawNetlinkSocket(NETLINK_GENERIC);
    const port = sock.address().port;
    sock.close();
    expect(enableExtendedAck(NETLINK_GENERIC, port)).toMatch(/NETLINK_EXT_ACK.*ENOENT/);
  });
});
