// The RSN configuration of a BSS, derived once from its `config ap` section: which AKMs
// and ciphers it offers, its management frame protection, and the RSNE/RSNXE exactly as
// beacons, probe responses and EAPOL-Key message 3 carry them. Every encryption has one
// (none: undefined); the SAE and MLD parts build on the same function.
import {
  AKM_PSK, AKM_PSK_SHA256, AKM_SAE, AKM_SAE_EXT_KEY, CIPHER_BIP_CMAC128, CIPHER_BIP_GMAC256, CIPHER_CCMP, CIPHER_GCMP256,
  encodeRsne, encodeRsnxe, isSaeAkm, RSN_VERSION, RsnCapability,
} from '../../core/ieee80211/rsn-element.js';
import { AuthType, WpaVersion } from '../../core/nl80211/ap-commands.js';
import { buildElement, ElementId } from '../../core/ieee80211/elements.js';
import type { ApCrypto } from '../../core/nl80211/ap-commands.js';
import { pmfOf, type ApSettings, type Encryption } from './config.js';

export interface BssRsnConfig {
  encryption: Exclude<Encryption, 'none'>;
  /** AKM suites offered, in the order the RSNE lists them (Table 9-151 order, as hostapd writes them). */
  akms: number[];
  pairwiseCiphers: number[];
  groupCipher: number;
  /** When management frame protection is on (capable or required): BIP-CMAC-128, or BIP-GMAC-256 beside GCMP-256; else absent. */
  groupMgmtCipher?: number;
  /** 0 off, 1 capable (MFPC), 2 required (MFPC + MFPR). */
  pmf: 0 | 1 | 2;
  /** Beacon protection (BIGTK, Extended Capabilities bit 84): on whenever PMF is. */
  beaconProtection: boolean;
  /** The RSNXE's SAE hash-to-element bit (an SAE encryption with sae_pwe 1 or 2). */
  h2e: boolean;
  /** SAE only (sae_pwe 1): hunting-and-pecking is refused. */
  h2eOnly: boolean;
  /** Whole RSN element, as advertised. */
  rsne: Uint8Array;
  /** Whole RSNX element, when the BSS has an extended RSN capability to advertise. */
  rsnxe?: Uint8Array;
  /** START_AP's crypto attributes. */
  startAp: ApCrypto;
  /** START_AP's AUTH_TYPE (Open System: see below). */
  authType: number;
}

const PTKSA_REPLAY_COUNTERS_16 = 3 << 2;

/** The AKMs each encryption offers (OpenWrt's names). */
const AKMS: Record<Exclude<Encryption, 'none'>, number[]> = {
  psk2: [AKM_PSK],
  'psk2-sha256': [AKM_PSK_SHA256],
  sae: [AKM_SAE],
  // WPA3-Personal transition mode: both, PSK first as in Table 9-151's order.
  'sae-mixed': [AKM_PSK, AKM_SAE],
  'sae-ext': [AKM_SAE_EXT_KEY],
};

interface CipherSuites {
  pairwise: number;
  group: number;
  groupMgmt: number;
}

const CCMP_128: CipherSuites = { pairwise: CIPHER_CCMP, group: CIPHER_CCMP, groupMgmt: CIPHER_BIP_CMAC128 };
/** The 256-bit suites of AKM 24 (as WPA3's 192-bit and Wi-Fi 7 profiles pair them): GCMP-256 and its BIP. */
const GCMP_256: CipherSuites = { pairwise: CIPHER_GCMP256, group: CIPHER_GCMP256, groupMgmt: CIPHER_BIP_GMAC256 };

/** The BSS's RSN configuration, or undefined for an open BSS. */
export function bssRsnConfig(s: ApSettings): BssRsnConfig | undefined {
  if (s.encryption === 'none') return undefined;
  const encryption = s.encryption;
  const pmf = pmfOf(s);
  const akms = AKMS[encryption];
  const sae = akms.some(isSaeAkm);
  const ciphers = encryption === 'sae-ext' ? GCMP_256 : CCMP_128;
  const h2e = sae && (s.sae_pwe === '1' || s.sae_pwe === '2');
  // 16 PTKSA replay counters (bits 2-3 = 3): mac80211 keeps one per TID, and hostapd
  // advertises 16 whenever WMM is on (its default), so QoS traffic of different TIDs is
  // not taken for a replay.
  const capabilities = PTKSA_REPLAY_COUNTERS_16 | (pmf >= 1 ? RsnCapability.MFPC : 0) | (pmf === 2 ? RsnCapability.MFPR : 0);
  // The Group Management Cipher Suite field is left out for BIP-CMAC-128, its default
  // (9.4.2.24.1), as hostapd does: the same octets as the reference AP. Any other BIP is named.
  const groupMgmtCipher = pmf >= 1 ? ciphers.groupMgmt : undefined;
  const rsne = encodeRsne({
    version: RSN_VERSION, groupCipher: ciphers.group, pairwiseCiphers: [ciphers.pairwise], akms, capabilities, pmkids: [],
    ...(groupMgmtCipher !== undefined && groupMgmtCipher !== CIPHER_BIP_CMAC128 ? { groupMgmtCipher } : {}),
  });
  const rsnxe = h2e ? encodeRsnxe({ h2e: true }) : undefined;
  return {
    encryption,
    akms,
    pairwiseCiphers: [ciphers.pairwise],
    groupCipher: ciphers.group,
    ...(groupMgmtCipher !== undefined ? { groupMgmtCipher } : {}),
    pmf,
    beaconProtection: pmf >= 1,
    h2e,
    h2eOnly: sae && s.sae_pwe === '1',
    rsne,
    ...(rsnxe ? { rsnxe } : {}),
    startAp: {
      privacy: true,
      wpaVersions: (akms.includes(AKM_PSK) || akms.includes(AKM_PSK_SHA256) ? WpaVersion.WPA2 : 0) | (sae ? WpaVersion.WPA3 : 0),
      pairwiseCiphers: [ciphers.pairwise],
      groupCipher: ciphers.group,
      akms,
    },
    // Open System for every BSS: with userspace MLME the kernel authenticates nobody, and
    // nl80211 takes AUTH_TYPE SAE in START_AP only from drivers with SAE offload
    // (EXT_FEATURE_SAE_OFFLOAD_AP), which mac80211 is not; wifid's MLME runs SAE itself.
    authType: AuthType.OPEN_SYSTEM,
  };
}

/** Extended Capabilities bit 84: Beacon Protection Enabled (9.4.2.26, Table 9-153). */
export const EXT_CAP_BEACON_PROTECTION = 84;

/** The Extended Capabilities element `ext` (whole, or absent) with `bit` set, lengthened as needed. */
export function withExtendedCapability(ext: Uint8Array | undefined, bit: number): Uint8Array {
  const body = ext ? ext.subarray(2) : new Uint8Array(0);
  const out = new Uint8Array(Math.max(body.length, (bit >> 3) + 1));
  out.set(body);
  out[bit >> 3]! |= 1 << (bit & 7);
  return buildElement(ElementId.EXT_CAPABILITIES, out);
}
