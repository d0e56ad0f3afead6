// The RSN authenticator of an AP MLD (plugins/mld-ap/ap-rsn.ts with two links): group keys
// of its own per link installed with the link id, the 4-way handshake of a non-AP MLD run
// between the MLD addresses (message 1 names the AP MLD), PTK on the MLD; group rekeys,
// not implemented for an MLD yet, are counted as skipped and leave the keys alone.
import { describe, expect, it } from 'vitest';
import { parseEapolKey } from '../../core/ieee80211/eapol-key.js';
import { parseKeyData } from '../../core/ieee80211/kde.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { AKM_SAE, CIPHER_CCMP, encodeRsne, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { ApRsn } from '../../plugins/mld-ap/ap-rsn.js';
import { bssRsnConfig } from '../../plugins/mld-ap/bss-rsn.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { StationTable } from '../../plugins/mld-ap/station-table.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { ManualClock, settle, silentLogger } from '../txq/fakes.js';
import { apSettings } from './rsn-fixture.js';

const AP_MLD = '06:4d:4c:44:00:00';
const STA_MLD = '02:00:00:00:10:00';

describe('ApRsn of an AP MLD', () => {
  it('keys per link, a non-AP MLD\'s handshake between the MLD addresses, rekeys skipped and counted', async () => {
    const settings = apSettings({ encryption: 'sae', key: 'wifid mlo password', sae_pwe: '1' });
    const cfg = bssRsnConfig(settings)!;
    const links = [1, 6].map((channel, linkId) => {
      const r = checkRadio(HWSIM_WIPHY, { ...settings, channel });
      if (!r.ok) throw new Error(r.problem);
      return new ApLink({ linkId, phy: 'phy0', wiphy: 0, bssid: linkAddress(AP_MLD, linkId), plan: r.plan, ssid: 'wifid-rsn', hidden: false, beaconIntTu: 100, dtimPeriod: 2, rsne: cfg.rsne });
    });
    const requests: { cmd: string; attrs: Attrs_nl80211_attrs }[] = [];
    const sent: { addr: string; pdu: Uint8Array }[] = [];
    const clock = new ManualClock();
    const stations = new StationTable(8);
    const rsn = new ApRsn({
      ifindex: 9, link: links[0]!, links, mldAddr: macFromString(AP_MLD), stations, clock, log: silentLogger, peerLog: new PeerLog(silentLogger, clock),
      nl: { request: async (cmd, attrs = {}) => { requests.push({ cmd, attrs }); return []; } },
      sendEapol: async (addr, pdu) => { sent.push({ addr, pdu }); },
      forgetStation: async () => undefined,
      emit: () => undefined,
    }, cfg, undefined, 0);
    await rsn.start();
    const newKeys = requests.filter((r) => r.cmd === 'NEW_KEY');
    expect(newKeys.map((r) => [r.attrs.MLO_LINK_ID, (r.attrs.KEY as { IDX: number }).IDX])).toEqual([[0, 1], [0, 4], [0, 6], [1, 1], [1, 4], [1, 6]]);
    expect(Buffer.from(links[0]!.groupKeys.gtk!.key).equals(Buffer.from(links[1]!.groupKeys.gtk!.key)), 'each link its own GTK').toBe(false);

    const sta = stations.authenticate(STA_MLD);
    const staRsne = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_SAE], capabilities: RsnCapability.MFPC | RsnCapability.MFPR, pmkids: [] });
    Object.assign(sta, {
      aid: 1, akm: AKM_SAE, pmf: true, pairwiseCipher: CIPHER_CCMP, rsne: staRsne, state: 'associated', linkId: 0,
      pmk: new Uint8Array(32).fill(5), pmkid: new Uint8Array(16).fill(6),
      mld: { linkAddr: '02:00:00:00:10:01', links: [{ linkId: 0, addr: '02:00:00:00:10:01' }, { linkId: 1, addr: '02:00:00:00:10:02' }] },
    });
    rsn.startHandshake(sta);
    await settle();
    expect(sent.map((s) => s.addr)).toEqual([STA_MLD]);
    const kd = parseKeyData(parseEapolKey(sent[0]!.pdu, 16).keyData);
    expect(macToString(kd.macAddress!)).toBe(AP_MLD);

    const before = requests.length;
    rsn.rekey('test');
    await settle();
    expect(requests.length).toBe(before);
    expect(rsn.counters.groupRekeysSkipped).toBe(1);
    rsn.stop();
  });
});
