// Parsing `iw dev` (iw 5.19): which wdevs each wiphy has, netdev or not.

export interface WdevInfo {
  phyIndex: number;
  /** Netdev name, or null for a wdev without netdev (P2P-Device, NAN). */
  ifname: string | null;
  wdev: string;
  type: string;
  addr: string;
}

export function parseIwDev(text: string): WdevInfo[] {
  const out: WdevInfo[] = [];
  let phyIndex = -1;
  let cur: WdevInfo | null = null;
  for (const line of text.split('\n')) {
    const phy = /^phy#(\d+)/.exec(line);
    if (phy) {
      phyIndex = Number(phy[1]);
      continue;
    }
    const iface = /^\t(?:Interface (\S+)|Unnamed\/non-netdev interface)\s*$/.exec(line);
    if (iface) {
      cur = { phyIndex, ifname: iface[1] ?? null, wdev: '', type: '', addr: '' };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    const field = /^\t\t(wdev|type|addr) (.+)$/.exec(line);
    if (field) cur[field[1] as 'wdev' | 'type' | 'addr'] = field[2]!.trim();
  }
  return out;
}
