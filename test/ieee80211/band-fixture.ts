// Test helper: the bands of a real mac80211_hwsim radio (Linux 6.12, mlo=1), decoded from
// test/hwsim-helpers/vectors/get-wiphy-split-dump.json through wifid's own inventory.
import { readFileSync } from 'node:fs';
import { decodeAttrs } from '../../core/nl80211/attrs.js';
import { buildWiphy, groupByWiphy, type Band } from '../../core/nl80211/inventory.js';

const parts = (JSON.parse(readFileSync(new URL('../hwsim-helpers/vectors/get-wiphy-split-dump.json', import.meta.url), 'utf8')) as { data: string }[])
  .map((p) => decodeAttrs('nl80211_attrs', Buffer.from(p.data, 'hex')));

export const HWSIM_WIPHY = buildWiphy(groupByWiphy(parts)[0]!)!;

export function hwsimBand(name: '2ghz' | '5ghz' | '6ghz'): Band {
  const b = HWSIM_WIPHY.bands.find((x) => x.band === name);
  if (!b) throw new Error(`hwsim dump has no ${name} band`);
  return b;
}
