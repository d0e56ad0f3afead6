// Which configured network to join from a scan: the pure rule the station's automatic
// connection applies (issue 14: "connects by itself to the best configured network in
// range"). Among the networks whose SSID is in range on a BSS they can join (the BSS
// offers the network's AKM, management frame protection is compatible both ways, the
// network's bssid if given), the highest priority wins; within a priority a multi-link
// association is preferred where the network allows it (mlo 1, sae: a PSK AKM gives a
// single-link association, and an AP MLD requires PMF), then the strongest signal; then
// file order, so the choice is stable.
import { AKM_PSK, AKM_PSK_SHA256, AKM_SAE } from '../../core/ieee80211/rsn-element.js';
import { authKeyMgmtName } from '../../core/rsn/akm-names.js';
import { networkPmf, type StaEncryption, type StaNetworkSettings } from './config.js';
import type { ApMldView, BssView, ScanView } from './scan-view.js';

const AKM_OF: Record<Exclude<StaEncryption, 'none'>, string> = {
  'psk2': authKeyMgmtName(AKM_PSK),
  'psk2-sha256': authKeyMgmtName(AKM_PSK_SHA256),
  'sae': authKeyMgmtName(AKM_SAE),
};

export interface NetworkChoice {
  network: StaNetworkSettings;
  /** The BSS to authenticate and associate with (for a multi-link association: the link the request goes over). */
  bss: BssView;
  /** An AP MLD joined over all its links the scan knows (mlo 1, sae, PMF). */
  apMld?: ApMldView;
  mlo: boolean;
}

/** Whether `network` can join `bss`: its AKM offered, PMF compatible both ways, its bssid if given. */
export function canJoin(network: StaNetworkSettings, bss: BssView): boolean {
  if (bss.ssid !== network.ssid) return false;
  if (network.encryption === 'none') {
    if (bss.akm.length > 0) return false;
  } else if (!bss.akm.includes(AKM_OF[network.encryption])) {
    return false;
  }
  const pmf = networkPmf(network);
  if (pmf === 2 && bss.pmf === 0) return false;
  if (bss.pmf === 2 && pmf === 0) return false;
  return true;
}

/** A multi-link association is possible: mlo 1, SAE, the BSS an AP of an AP MLD, PMF on both sides. */
function mloWith(network: StaNetworkSettings, bss: BssView, scan: ScanView): ApMldView | undefined {
  if (!network.mlo || network.encryption !== 'sae' || bss.mld_addr === undefined) return undefined;
  if (networkPmf(network) === 0 || bss.pmf === 0) return undefined;
  const mld = scan.ap_mlds.find((m) => m.mld_addr === bss.mld_addr);
  return mld && mld.links.length > 0 ? mld : undefined;
}

const signalOf = (b: BssView): number => b.signal ?? -Infinity;

/** The best network in range, or undefined when none of `networks` can be joined. */
export function chooseNetwork(networks: readonly StaNetworkSettings[], scan: ScanView): NetworkChoice | undefined {
  const candidates: (NetworkChoice & { order: number })[] = [];
  networks.forEach((network, order) => {
    for (const bss of scan.bss) {
      if (!canJoin(network, bss)) continue;
      // A pinned bssid names one BSS, or one link of an AP MLD.
      if (network.bssid !== undefined && bss.bssid !== network.bssid) continue;
      const apMld = mloWith(network, bss, scan);
      candidates.push({ network, bss, ...(apMld ? { apMld } : {}), mlo: apMld !== undefined, order });
    }
  });
  candidates.sort((a, b) =>
    b.network.priority - a.network.priority
    || Number(b.mlo) - Number(a.mlo)
    || signalOf(b.bss) - signalOf(a.bss)
    || a.order - b.order
    || a.bss.bssid.localeCompare(b.bss.bssid));
  const best = candidates[0];
  if (!best) return undefined;
  const { order: _order, ...choice } = best;
  return choice;
}
