// WMM (Wi-Fi Alliance WMM specification 1.2, the vendor form of 802.11 QoS that every
// client looks for): the WMM Parameter element an AP sends (OUI 00:50:F2, type 2, subtype
// 1) with the EDCA parameters of each access category, and the WMM Information element a
// client sends (subtype 0) whose QoS Info carries its U-APSD queues and Max SP length.
import { ByteWriter } from './byte-writer.js';
import { buildElement, ElementId } from './elements.js';

const WMM_OUI_TYPE = [0x00, 0x50, 0xf2, 0x02] as const;
const WMM_SUBTYPE_INFORMATION = 0;
const WMM_SUBTYPE_PARAMETER = 1;
const WMM_VERSION = 1;
/** Body lengths after the element header: information 7, parameter 24 (WMM 2.2.1, 2.2.2). */
export const WMM_INFORMATION_LEN = 7;
export const WMM_PARAMETER_LEN = 24;

export interface AcParameters {
  /** Arbitration inter-frame space number, 2..15 for a non-AP STA (WMM 2.2.2). */
  aifsn: number;
  /** Exponents: CWmin = 2^ecwMin - 1, CWmax = 2^ecwMax - 1. */
  ecwMin: number;
  ecwMax: number;
  /** TXOP limit in units of 32 µs. */
  txopLimit: number;
  admissionControl?: boolean;
}

/** Access categories in ACI order (ACI 0 BE, 1 BK, 2 VI, 3 VO). */
export interface EdcaParameters {
  be: AcParameters;
  bk: AcParameters;
  vi: AcParameters;
  vo: AcParameters;
}

/**
 * hostapd's defaults for the parameters an AP advertises to its stations (hostapd.conf
 * wmm_ac_*; hostapd_config_defaults with aCWmin 4, aCWmax 10): BE and BK CW 15..1023 with
 * AIFSN 3 and 7, VI CW 7..15 and VO CW 3..7 with AIFSN 2 and TXOP 3.008 / 1.504 ms.
 */
export const DEFAULT_AP_EDCA: EdcaParameters = {
  be: { aifsn: 3, ecwMin: 4, ecwMax: 10, txopLimit: 0 },
  bk: { aifsn: 7, ecwMin: 4, ecwMax: 10, txopLimit: 0 },
  vi: { aifsn: 2, ecwMin: 3, ecwMax: 4, txopLimit: 3008 / 32 },
  vo: { aifsn: 2, ecwMin: 2, ecwMax: 3, txopLimit: 1504 / 32 },
};

export interface WmmParameterOptions {
  /** EDCA Parameter Set Update Count (0..15): changes when the parameters change. */
  parameterSetCount?: number;
  /** The AP supports U-APSD (QoS Info bit 7). */
  uapsd?: boolean;
}

/** The AP's WMM Parameter element (whole element). */
export function buildWmmParameterElement(edca: EdcaParameters = DEFAULT_AP_EDCA, opts: WmmParameterOptions = {}): Uint8Array {
  const w = new ByteWriter(WMM_PARAMETER_LEN);
  w.bytes(new Uint8Array(WMM_OUI_TYPE)).u8(WMM_SUBTYPE_PARAMETER).u8(WMM_VERSION);
  w.u8(((opts.parameterSetCount ?? 0) & 0x0f) | (opts.uapsd ? 0x80 : 0));
  w.u8(0); // reserved
  ([edca.be, edca.bk, edca.vi, edca.vo] as const).forEach((ac, aci) => {
    if (ac.aifsn < 2 || ac.aifsn > 15 || ac.ecwMin < 0 || ac.ecwMin > ac.ecwMax || ac.ecwMax > 15 || ac.txopLimit < 0 || ac.txopLimit > 0xffff) {
      throw new RangeError(`EDCA parameters of ACI ${aci}`);
    }
    w.u8(ac.aifsn | (ac.admissionControl ? 0x10 : 0) | (aci << 5)).u8(ac.ecwMin | (ac.ecwMax << 4)).le16(ac.txopLimit);
  });
  return buildElement(ElementId.VENDOR_SPECIFIC, w.finish());
}

export interface WmmStationInfo {
  /** U-APSD flags per AC (bit 0 VO, 1 VI, 2 BK, 3 BE), as NL80211_STA_WME_UAPSD_QUEUES takes them. */
  uapsdQueues: number;
  /** Max SP length (0 all, 1 two, 2 four, 3 six frames), as NL80211_STA_WME_MAX_SP. */
  maxSp: number;
}

/** Whether a vendor element body (OUI first) is a WMM Information element. */
export function isWmmInformation(body: Uint8Array): boolean {
  return body.length === WMM_INFORMATION_LEN && WMM_OUI_TYPE.every((b, i) => body[i] === b) && body[4] === WMM_SUBTYPE_INFORMATION;
}

/**
 * A station's WMM: from its WMM Information element (QoS Info of a non-AP STA: U-APSD
 * flags in bits 0-3, Max SP Length in bits 5-6, WMM 2.2.1), or undefined when it sent none.
 */
export function stationWmm(vendorBodies: readonly Uint8Array[]): WmmStationInfo | undefined {
  const body = vendorBodies.find(isWmmInformation);
  if (!body) return undefined;
  const qosInfo = body[6]!;
  return { uapsdQueues: qosInfo & 0x0f, maxSp: (qosInfo >> 5) & 0x03 };
}
