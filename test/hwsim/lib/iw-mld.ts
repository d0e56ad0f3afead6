// Parsing the links of an MLD from `iw dev <if> info` of iw 6.x (sid's, lib/sid.ts):
// bookworm's iw 5.19 prints no links. iw prints, under "MLD with links:", one
// "- link ID <n> link addr <mac>" line per link and, when the link has a channel,
// a "channel <n> (<freq> MHz), width: ..." line under it.

export interface IwMldLink {
  linkId: number;
  addr: string;
  channel?: number;
  freq?: number;
}

export function parseIwMldLinks(text: string): IwMldLink[] {
  const out: IwMldLink[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const link = /^\s*- link ID\s+(\d+) link addr ([0-9a-f:]{17})\s*$/.exec(lines[i]!);
    if (!link) continue;
    const l: IwMldLink = { linkId: Number(link[1]), addr: link[2]! };
    const ch = /^\s+channel (\d+) \((\d+) MHz\)/.exec(lines[i + 1] ?? '');
    if (ch) {
      l.channel = Number(ch[1]);
      l.freq = Number(ch[2]);
    }
    out.push(l);
  }
  return out;
}
