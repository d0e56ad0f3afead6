// Parsing `iw list` (iw 5.19) into what the nl80211 hwsim tests compare with wifid's
// inventory: wiphy name and index, each band's frequencies (disabled or not, max power),
// interface modes and interface combinations.

export interface IwWiphy {
  name: string;
  index: number;
  bands: { band: number; freqs: { freq: number; disabled: boolean; dbm?: number }[] }[];
  modes: string[];
  softwareModes: string[];
  combinations: { limits: { max: number; types: string[] }[]; total: number; channels: number }[];
}

/** iw's interface mode names -> enum nl80211_iftype names as wifid renders them. */
export const IW_MODE: Record<string, string> = {
  IBSS: 'adhoc', managed: 'station', AP: 'ap', 'AP/VLAN': 'ap_vlan', WDS: 'wds', monitor: 'monitor',
  'mesh point': 'mesh_point', 'P2P-client': 'p2p_client', 'P2P-GO': 'p2p_go', 'P2P-device': 'p2p_device',
  'outside context of a BSS': 'ocb', NAN: 'nan',
};

const mode = (s: string) => IW_MODE[s.trim()] ?? `unknown:${s.trim()}`;

export function parseIwList(text: string): IwWiphy[] {
  const out: IwWiphy[] = [];
  let cur: IwWiphy | null = null;
  let section = '';
  let band: IwWiphy['bands'][number] | null = null;
  let comboText = '';
  const flushCombo = () => {
    if (!cur || !comboText) return;
    // "#{ managed } <= 2048, #{ AP, mesh point } <= 2048, ... total <= 2048, #channels <= 1, STA/AP BI must match"
    const limits = [...comboText.matchAll(/#\{\s*([^}]*)\}\s*<=\s*(\d+)/g)].map((m) => ({
      max: Number(m[2]),
      types: m[1]!.split(',').map(mode),
    }));
    const total = Number(/total <= (\d+)/.exec(comboText)?.[1] ?? 0);
    const channels = Number(/#channels <= (\d+)/.exec(comboText)?.[1] ?? 0);
    cur.combinations.push({ limits, total, channels });
    comboText = '';
  };
  for (const line of text.split('\n')) {
    const w = /^Wiphy (\S+)/.exec(line);
    if (w) {
      flushCombo();
      cur = { name: w[1]!, index: -1, bands: [], modes: [], softwareModes: [], combinations: [] };
      out.push(cur);
      section = '';
      continue;
    }
    if (!cur) continue;
    const idx = /^\twiphy index: (\d+)/.exec(line);
    if (idx) { cur.index = Number(idx[1]); continue; }
    const b = /^\tBand (\d+):/.exec(line);
    if (b) {
      flushCombo();
      band = { band: Number(b[1]) - 1, freqs: [] };
      cur.bands.push(band);
      section = 'band';
      continue;
    }
    if (/^\t\tFrequencies:/.test(line)) { section = 'freqs'; continue; }
    if (section === 'freqs') {
      // iw 5.19: "* %d MHz [%d]"; S1G channels get negative channel numbers from iw.
      const f = /^\t\t\t\* (\d+) MHz \[-?\d+\](?: \(([\d.]+) dBm\))?(.*)$/.exec(line);
      if (f && band) {
        const entry: { freq: number; disabled: boolean; dbm?: number } = { freq: Number(f[1]), disabled: /\(disabled\)/.test(f[3] ?? '') };
        if (f[2] !== undefined) entry.dbm = Number(f[2]);
        band.freqs.push(entry);
        continue;
      }
      if (!/^\t\t\t/.test(line)) section = line.startsWith('\t\t') ? 'band' : '';
    }
    if (/^\tSupported interface modes:/.test(line)) { section = 'modes'; continue; }
    if (/^\tsoftware interface modes/.test(line)) { section = 'swmodes'; continue; }
    if (/^\tvalid interface combinations:/.test(line)) { section = 'combos'; continue; }
    if (section === 'modes' || section === 'swmodes') {
      const m = /^\t\t \* (.+)$/.exec(line);
      if (m) { (section === 'modes' ? cur.modes : cur.softwareModes).push(mode(m[1]!)); continue; }
      section = '';
    }
    if (section === 'combos') {
      const start = /^\t\t \* (.+)$/.exec(line);
      if (start) { flushCombo(); comboText = start[1]!; continue; }
      if (/^\t\t   /.test(line)) { comboText += ' ' + line.trim(); continue; }
      flushCombo();
      section = '';
    }
  }
  flushCombo();
  return out;
}
