// Brings a netdev up (IFF_UP) over rtnetlink, as hostapd does for its AP interface:
// cfg80211 refuses START_AP on an interface that is down (ENETDOWN). One short-lived
// socket per call: an AP comes up rarely, and the daemon keeps no rtnetlink state.
// The netlink package is loaded on first use, so modules that only describe the
// plugins (the ACL generator) do not need its native part.

export async function setLinkUp(ifindex: number, up = true): Promise<void> {
  const { createRtNetlink } = await import('netlink');
  const rt = createRtNetlink();
  try {
    await rt.setLink({ index: ifindex, flags: up ? { up: true } : {}, change: { up: true } });
  } finally {
    rt.socket.close();
  }
}
