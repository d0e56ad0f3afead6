import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ATTR_SPACES, ENUMS, NL80211_MULTICAST_GROUPS } from '../../core/nl80211/gen/schema.generated.js';

describe('generated nl80211 schema', () => {
  it('regenerating from the vendored header is a no-op', () => {
    // --check exits 1 (execFileSync throws) when schema.generated.ts differs.
    expect(() => execFileSync(process.execPath, ['core/nl80211/gen/generate.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('carries the MLO commands and attributes with the numbers of Linux 6.12', () => {
    // Numbers as counted in enum nl80211_commands / nl80211_attrs of the 6.12 header.
    expect(ENUMS.nl80211_commands.values.ADD_LINK).toBe(148);
    expect(ENUMS.nl80211_commands.values.REMOVE_LINK).toBe(149);
    expect(ENUMS.nl80211_commands.values.ADD_LINK_STA).toBe(150);
    expect(ENUMS.nl80211_commands.values.MODIFY_LINK_STA).toBe(151);
    expect(ENUMS.nl80211_commands.values.REMOVE_LINK_STA).toBe(152);
    expect(ENUMS.nl80211_attrs.values.MLO_LINKS).toBe(312);
    expect(ENUMS.nl80211_attrs.values.MLO_LINK_ID).toBe(313);
    expect(ENUMS.nl80211_attrs.values.MLD_ADDR).toBe(314);
    expect(ENUMS.nl80211_attrs.values.MLO_SUPPORT).toBe(315);
    expect(ENUMS.nl80211_attrs.values.SOCKET_OWNER).toBe(204);
    expect((ENUMS.nl80211_attrs.values as Record<string, number>).IFACE_SOCKET_OWNER).toBeUndefined(); // a #define alias, not an enum entry
    expect(NL80211_MULTICAST_GROUPS.MLME).toBe('mlme');
  });

  it('lists each attribute number once, aliases folded into the first name', () => {
    for (const [space, defs] of Object.entries(ATTR_SPACES)) {
      const ids = defs.map((d) => d[0]);
      expect(new Set(ids).size, space).toBe(ids.length);
    }
    const link = ATTR_SPACES.nl80211_attrs.find((d) => d[1] === 'MLO_LINKS');
    expect(link).toEqual([312, 'MLO_LINKS', 'list', 'nl80211_attrs']);
  });
});
