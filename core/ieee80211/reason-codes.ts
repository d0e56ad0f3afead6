// Reason codes of deauthentication and disassociation frames (IEEE 802.11-2020
// Table 9-49), named as the standard names them, with the names for logs and ubus.

export const ReasonCode = {
  UNSPECIFIED_REASON: 1,
  INVALID_AUTHENTICATION: 2,
  LEAVING_NETWORK_DEAUTH: 3,
  REASON_INACTIVITY: 4,
  NO_MORE_STAS: 5,
  INVALID_CLASS2_FRAME: 6,
  INVALID_CLASS3_FRAME: 7,
  LEAVING_NETWORK_DISASSOC: 8,
  NOT_AUTHENTICATED: 9,
  UNACCEPTABLE_POWER_CAPABILITY: 10,
  UNACCEPTABLE_SUPPORTED_CHANNELS: 11,
  BSS_TRANSITION_DISASSOC: 12,
  REASON_INVALID_ELEMENT: 13,
  MIC_FAILURE: 14,
  FOURWAY_HANDSHAKE_TIMEOUT: 15,
  GK_HANDSHAKE_TIMEOUT: 16,
  HANDSHAKE_ELEMENT_MISMATCH: 17,
  REASON_INVALID_GROUP_CIPHER: 18,
  REASON_INVALID_PAIRWISE_CIPHER: 19,
  REASON_INVALID_AKMP: 20,
  UNSUPPORTED_RSNE_VERSION: 21,
  INVALID_RSNE_CAPABILITIES: 22,
  IEEE_802_1X_AUTH_FAILED: 23,
  REASON_CIPHER_OUT_OF_POLICY: 24,
  DISASSOC_LOW_ACK: 34,
  STA_LEAVING: 36,
  TIMEOUT: 39,
  INVALID_PMKID: 49,
} as const;

export type ReasonCodeName = keyof typeof ReasonCode;

const NAMES = new Map<number, string>(Object.entries(ReasonCode).map(([name, code]) => [code, name]));

/** The standard's name of `code`, or "REASON_<n>" for one wifid does not name. */
export function reasonCodeName(code: number): string {
  return NAMES.get(code) ?? `REASON_${code}`;
}

/**
 * Reason codes a frame may carry: 1-65535 except 0, which Table 9-49 reserves. Used to
 * refuse a bad `reason` from ubus before anything is sent.
 */
export function isValidReasonCode(code: number): boolean {
  return Number.isInteger(code) && code >= 1 && code <= 0xffff;
}
