// The Capability Information field of beacons, probe responses and (re)association
// frames (IEEE 802.11-2020 9.4.1.4, Figure 9-68). Bits 2, 3, 6, 7, 14 and 15 are reserved.
export const CapabilityInfo = {
  ESS: 1 << 0,
  IBSS: 1 << 1,
  PRIVACY: 1 << 4,
  SHORT_PREAMBLE: 1 << 5,
  SPECTRUM_MANAGEMENT: 1 << 8,
  QOS: 1 << 9,
  SHORT_SLOT_TIME: 1 << 10,
  APSD: 1 << 11,
  RADIO_MEASUREMENT: 1 << 12,
  EPD: 1 << 13,
} as const;
