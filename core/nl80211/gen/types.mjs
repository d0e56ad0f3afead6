// Attribute types of the nl80211 attribute spaces wifid decodes. The header gives names
// and numbers; the types live in the kernel's policies (net/wireless/nl80211.c) and in
// the header's doc comments, so they are declared here by kernel name (prefix dropped).
// An attribute not listed decodes as raw bytes ('binary').
//
// Types:
//   u8 u16 u32 u64 s8 s32   integers (host byte order, as the kernel sends them)
//   flag                    present = true
//   string                  NUL-terminated
//   binary                  raw bytes
//   mac                     6 bytes, shown as "aa:bb:cc:dd:ee:ff"
//   nested:<space>          one nested attribute set
//   list:<space>            nested, each child a nested set of <space> (child type = index)
//   map:<space>             as list, but the child's type is meaningful (e.g. band id)
//   indexFlags              nested flags whose attribute type is the value (e.g. iftypes)
//   u32List                 nested u32 values (child type = index)
export const TYPES = {
  nl80211_attrs: {
    WIPHY: 'u32', WIPHY_NAME: 'string', IFINDEX: 'u32', IFNAME: 'string', IFTYPE: 'u32',
    MAC: 'mac', KEY_DATA: 'binary', KEY_IDX: 'u8', KEY_CIPHER: 'u32', KEY_SEQ: 'binary',
    KEY_DEFAULT: 'flag', BEACON_INTERVAL: 'u32', DTIM_PERIOD: 'u32', BEACON_HEAD: 'binary',
    BEACON_TAIL: 'binary', STA_AID: 'u16', STA_FLAGS: 'binary', STA_LISTEN_INTERVAL: 'u16',
    STA_SUPPORTED_RATES: 'binary', STA_VLAN: 'u32', STA_INFO: 'nested:nl80211_sta_info',
    WIPHY_BANDS: 'map:nl80211_band_attr', MNTR_FLAGS: 'indexFlags',
    SUPPORTED_IFTYPES: 'indexFlags', SOFTWARE_IFTYPES: 'indexFlags',
    WIPHY_FREQ: 'u32', WIPHY_FREQ_OFFSET: 'u32', WIPHY_CHANNEL_TYPE: 'u32',
    CHANNEL_WIDTH: 'u32', CENTER_FREQ1: 'u32', CENTER_FREQ1_OFFSET: 'u32', CENTER_FREQ2: 'u32',
    GENERATION: 'u32', MAX_NUM_SCAN_SSIDS: 'u8', MAX_NUM_SCHED_SCAN_SSIDS: 'u8',
    MAX_SCAN_IE_LEN: 'u16', MAX_SCHED_SCAN_IE_LEN: 'u16', MAX_MATCH_SETS: 'u8',
    SCAN_FREQUENCIES: 'u32List', SCAN_SSIDS: 'binary', SCAN_FLAGS: 'u32',
    BSS: 'nested:nl80211_bss', REG_ALPHA2: 'string', REG_INITIATOR: 'u8', REG_TYPE: 'u8',
    SUPPORTED_COMMANDS: 'u32List', FRAME: 'binary', FRAME_TYPE: 'u16', FRAME_MATCH: 'binary',
    SSID: 'binary', AUTH_TYPE: 'u32', REASON_CODE: 'u16', STATUS_CODE: 'u16',
    TIMED_OUT: 'flag', IE: 'binary', REQ_IE: 'binary', RESP_IE: 'binary',
    CIPHER_SUITES: 'binary', CIPHER_SUITES_PAIRWISE: 'binary', CIPHER_SUITE_GROUP: 'u32',
    WPA_VERSIONS: 'u32', AKM_SUITES: 'binary', USE_MFP: 'u32', PRIVACY: 'flag',
    // A station's SME (sta-commands.ts, sta-events.ts).
    LOCAL_STATE_CHANGE: 'flag', DISCONNECTED_BY_AP: 'flag', BSSID: 'mac', TIMEOUT_REASON: 'u32',
    CONTROL_PORT: 'flag', CONTROL_PORT_ETHERTYPE: 'u16', // a flag in wiphy dumps: decodeAttrs skips it there
    CONTROL_PORT_NO_ENCRYPT: 'flag',
    CONTROL_PORT_OVER_NL80211: 'flag', CONTROL_PORT_NO_PREAUTH: 'flag',
    WIPHY_RETRY_SHORT: 'u8', WIPHY_RETRY_LONG: 'u8', WIPHY_FRAG_THRESHOLD: 'u32',
    WIPHY_RTS_THRESHOLD: 'u32', WIPHY_COVERAGE_CLASS: 'u8', WIPHY_TX_POWER_LEVEL: 'u32',
    WIPHY_TX_POWER_SETTING: 'u32', WIPHY_ANTENNA_TX: 'u32', WIPHY_ANTENNA_RX: 'u32',
    WIPHY_ANTENNA_AVAIL_TX: 'u32', WIPHY_ANTENNA_AVAIL_RX: 'u32',
    COOKIE: 'u64', DURATION: 'u32', ACK: 'flag', OFFCHANNEL_TX_OK: 'flag',
    MAX_REMAIN_ON_CHANNEL_DURATION: 'u32', DONT_WAIT_FOR_ACK: 'flag', TX_NO_CCK_RATE: 'flag',
    RX_SIGNAL_DBM: 's32', RXMGMT_FLAGS: 'u32',
    PS_STATE: 'u32', '4ADDR': 'u8', NETNS_FD: 'u32', PID: 'u32',
    WDEV: 'u64', SOCKET_OWNER: 'flag', SPLIT_WIPHY_DUMP: 'flag', FEATURE_FLAGS: 'u32',
    PROTOCOL_FEATURES: 'u32', EXT_FEATURES: 'binary', DEVICE_AP_SME: 'u32',
    WIPHY_SELF_MANAGED_REG: 'flag', INTERFACE_COMBINATIONS: 'list:nl80211_if_combination_attrs',
    IFTYPE_EXT_CAPA: 'list:nl80211_attrs', EXT_CAPA: 'binary', EXT_CAPA_MASK: 'binary',
    MAX_NUM_AKM_SUITES: 'u16', HIDDEN_SSID: 'u32', SMPS_MODE: 'u8',
    MLO_LINKS: 'list:nl80211_attrs', MLO_LINK_ID: 'u8', MLD_ADDR: 'mac', MLO_SUPPORT: 'flag',
    EML_CAPABILITY: 'u16', MLD_CAPA_AND_OPS: 'u16', MLO_LINK_DISABLED: 'flag',
    MLO_TTLM_DLINK: 'binary', MLO_TTLM_ULINK: 'binary',
    WIPHY_RADIOS: 'list:nl80211_wiphy_radio_attrs',
    WIPHY_INTERFACE_COMBINATIONS: 'list:nl80211_if_combination_attrs',
    TXQ_STATS: 'nested:nl80211_txq_stats', WIPHY_TXQ_PARAMS: 'binary',
    P2P_CTWINDOW: 'u8', P2P_OPPPS: 'u8', PREV_BSSID: 'mac', MAC_MASK: 'mac',
    SURVEY_INFO: 'nested:nl80211_survey_info',
    STA_SUPPORTED_CHANNELS: 'binary', PMK: 'binary', PMKID: 'binary',
    AUTH_DATA: 'binary', EXTERNAL_AUTH_SUPPORT: 'flag', MULTICAST_TO_UNICAST_ENABLED: 'flag',
    MAX_AP_ASSOC_STA: 'u32', SUPPORT_AP_UAPSD: 'flag', TDLS_SUPPORT: 'flag',
    TDLS_EXTERNAL_SETUP: 'flag', SUPPORT_IBSS_RSN: 'flag', SUPPORT_MESH_AUTH: 'flag',
    ROAM_SUPPORT: 'flag', WIPHY_DYN_ACK: 'flag', MAX_CSA_COUNTERS: 'u8',
    BANDS: 'u32', RX_FRAME_TYPES: 'binary', TX_FRAME_TYPES: 'binary',
    // The AP: keys, stations, beacon templates.
    KEY: 'nested:nl80211_key_attributes', KEY_TYPE: 'u32', KEY_DEFAULT_MGMT: 'flag',
    STA_FLAGS2: 'binary', // struct nl80211_sta_flag_update { u32 mask; u32 set; }
    STA_WME: 'nested:nl80211_sta_wme_attr', STA_CAPABILITY: 'u16', STA_EXT_CAPABILITY: 'binary',
    HT_CAPABILITY: 'binary', VHT_CAPABILITY: 'binary', HE_CAPABILITY: 'binary',
    HE_6GHZ_CAPABILITY: 'binary', EHT_CAPABILITY: 'binary', OPMODE_NOTIF: 'u8',
    PROBE_RESP: 'binary', IE_PROBE_RESP: 'binary', IE_ASSOC_RESP: 'binary',
    INACTIVITY_TIMEOUT: 'u16',
  },
  nl80211_band_attr: {
    FREQS: 'list:nl80211_frequency_attr', RATES: 'list:nl80211_bitrate_attr',
    HT_MCS_SET: 'binary', HT_CAPA: 'u16', HT_AMPDU_FACTOR: 'u8', HT_AMPDU_DENSITY: 'u8',
    VHT_MCS_SET: 'binary', VHT_CAPA: 'u32', IFTYPE_DATA: 'list:nl80211_band_iftype_attr',
    EDMG_CHANNELS: 'u8', EDMG_BW_CONFIG: 'u8', S1G_MCS_NSS_SET: 'binary', S1G_CAPA: 'binary',
  },
  nl80211_band_iftype_attr: {
    IFTYPES: 'indexFlags', HE_CAP_MAC: 'binary', HE_CAP_PHY: 'binary',
    HE_CAP_MCS_SET: 'binary', HE_CAP_PPE: 'binary', HE_6GHZ_CAPA: 'u16',
    VENDOR_ELEMS: 'binary', EHT_CAP_MAC: 'binary', EHT_CAP_PHY: 'binary',
    EHT_CAP_MCS_SET: 'binary', EHT_CAP_PPE: 'binary',
  },
  nl80211_frequency_attr: {
    FREQ: 'u32', DISABLED: 'flag', NO_IR: 'flag', __NO_IBSS: 'flag', RADAR: 'flag',
    MAX_TX_POWER: 'u32', DFS_STATE: 'u32', DFS_TIME: 'u32', NO_HT40_MINUS: 'flag',
    NO_HT40_PLUS: 'flag', NO_80MHZ: 'flag', NO_160MHZ: 'flag', DFS_CAC_TIME: 'u32',
    INDOOR_ONLY: 'flag', IR_CONCURRENT: 'flag', NO_20MHZ: 'flag', NO_10MHZ: 'flag',
    WMM: 'binary', NO_HE: 'flag', OFFSET: 'u32', '1MHZ': 'flag', '2MHZ': 'flag',
    '4MHZ': 'flag', '8MHZ': 'flag', '16MHZ': 'flag', NO_320MHZ: 'flag', NO_EHT: 'flag',
    PSD: 's8', DFS_CONCURRENT: 'flag', NO_6GHZ_VLP_CLIENT: 'flag',
    NO_6GHZ_AFC_CLIENT: 'flag', CAN_MONITOR: 'flag', ALLOW_6GHZ_VLP_AP: 'flag',
  },
  nl80211_bitrate_attr: { RATE: 'u32', '2GHZ_SHORTPREAMBLE': 'flag' },
  nl80211_if_combination_attrs: {
    LIMITS: 'list:nl80211_iface_limit_attrs', MAXNUM: 'u32', STA_AP_BI_MATCH: 'flag',
    NUM_CHANNELS: 'u32', RADAR_DETECT_WIDTHS: 'u32', RADAR_DETECT_REGIONS: 'u32',
    BI_MIN_GCD: 'u32',
  },
  nl80211_iface_limit_attrs: { MAX: 'u32', TYPES: 'indexFlags' },
  nl80211_wiphy_radio_attrs: {
    INDEX: 'u32', FREQ_RANGE: 'nested:nl80211_wiphy_radio_freq_range',
    INTERFACE_COMBINATION: 'nested:nl80211_if_combination_attrs',
  },
  nl80211_wiphy_radio_freq_range: { START: 'u32', END: 'u32' },
  nl80211_sta_info: {
    INACTIVE_TIME: 'u32', RX_BYTES: 'u32', TX_BYTES: 'u32', LLID: 'u16', PLID: 'u16',
    PLINK_STATE: 'u8', SIGNAL: 's8', TX_BITRATE: 'nested:nl80211_rate_info', RX_PACKETS: 'u32',
    TX_PACKETS: 'u32', TX_RETRIES: 'u32', TX_FAILED: 'u32', SIGNAL_AVG: 's8',
    RX_BITRATE: 'nested:nl80211_rate_info', BSS_PARAM: 'binary', CONNECTED_TIME: 'u32', STA_FLAGS: 'binary',
    BEACON_LOSS: 'u32', T_OFFSET: 'u64', RX_BYTES64: 'u64', TX_BYTES64: 'u64',
    BEACON_RX: 'u64', BEACON_SIGNAL_AVG: 's8', ASSOC_AT_BOOTTIME: 'u64',
  },
  nl80211_key_attributes: {
    DATA: 'binary', IDX: 'u8', CIPHER: 'u32', SEQ: 'binary', DEFAULT: 'flag', DEFAULT_MGMT: 'flag',
    TYPE: 'u32', DEFAULT_TYPES: 'indexFlags', MODE: 'u8', DEFAULT_BEACON: 'flag',
  },
  nl80211_sta_wme_attr: { UAPSD_QUEUES: 'u8', MAX_SP: 'u8' },
  nl80211_rate_info: {
    BITRATE: 'u16', MCS: 'u8', '40_MHZ_WIDTH': 'flag', SHORT_GI: 'flag', BITRATE32: 'u32',
    VHT_MCS: 'u8', VHT_NSS: 'u8', '80_MHZ_WIDTH': 'flag', '160_MHZ_WIDTH': 'flag',
    HE_MCS: 'u8', HE_NSS: 'u8', HE_GI: 'u8', EHT_MCS: 'u8', EHT_NSS: 'u8', EHT_GI: 'u8',
    '320_MHZ_WIDTH': 'flag',
  },
  nl80211_bss: {
    BSSID: 'mac', FREQUENCY: 'u32', TSF: 'u64', BEACON_INTERVAL: 'u16', CAPABILITY: 'u16',
    INFORMATION_ELEMENTS: 'binary', SIGNAL_MBM: 's32', SIGNAL_UNSPEC: 'u8', STATUS: 'u32',
    SEEN_MS_AGO: 'u32', BEACON_IES: 'binary', CHAN_WIDTH: 'u32', BEACON_TSF: 'u64',
    PRESP_DATA: 'flag', LAST_SEEN_BOOTTIME: 'u64', PARENT_TSF: 'u64', PARENT_BSSID: 'mac',
    FREQUENCY_OFFSET: 'u32', MLO_LINK_ID: 'u8', MLD_ADDR: 'mac', USE_FOR: 'u32',
    CANNOT_USE_REASONS: 'u64',
  },
  nl80211_txq_stats: {
    BACKLOG_BYTES: 'u32', BACKLOG_PACKETS: 'u32', FLOWS: 'u32', DROPS: 'u32',
    ECN_MARKS: 'u32', OVERLIMIT: 'u32', OVERMEMORY: 'u32', COLLISIONS: 'u32',
    TX_BYTES: 'u32', TX_PACKETS: 'u32', MAX_FLOWS: 'u32',
  },
  nl80211_survey_info: {
    FREQUENCY: 'u32', NOISE: 's8', IN_USE: 'flag', TIME: 'u64', TIME_BUSY: 'u64',
    TIME_EXT_BUSY: 'u64', TIME_RX: 'u64', TIME_TX: 'u64', TIME_SCAN: 'u64',
    TIME_BSS_RX: 'u64', FREQUENCY_OFFSET: 'u32',
  },
};
