// GENERATED FILE, DO NOT EDIT: regenerate with `node core/nl80211/gen/generate.mjs`.
// Source: Linux 6.12.117 include/uapi/linux/nl80211.h, from Debian linux-headers-6.12.117+deb12-common 6.12.117-1~deb12u1
// (vendored as core/nl80211/gen/nl80211.h) and the attribute types in core/nl80211/gen/types.mjs.
/* eslint-disable */

export const NL80211_GENL_NAME = 'nl80211';

export const NL80211_MULTICAST_GROUPS = {
  CONFIG: 'config',
  SCAN: 'scan',
  REG: 'regulatory',
  MLME: 'mlme',
  VENDOR: 'vendor',
  NAN: 'nan',
  TESTMODE: 'testmode',
} as const;

/** Every enum of the header: name (common prefix dropped) -> value, in header order. */
export const ENUMS = {
  nl80211_commands: { prefix: 'NL80211_CMD_', values: {
    "UNSPEC": 0,
    "GET_WIPHY": 1,
    "SET_WIPHY": 2,
    "NEW_WIPHY": 3,
    "DEL_WIPHY": 4,
    "GET_INTERFACE": 5,
    "SET_INTERFACE": 6,
    "NEW_INTERFACE": 7,
    "DEL_INTERFACE": 8,
    "GET_KEY": 9,
    "SET_KEY": 10,
    "NEW_KEY": 11,
    "DEL_KEY": 12,
    "GET_BEACON": 13,
    "SET_BEACON": 14,
    "START_AP": 15,
    "NEW_BEACON": 15,
    "STOP_AP": 16,
    "DEL_BEACON": 16,
    "GET_STATION": 17,
    "SET_STATION": 18,
    "NEW_STATION": 19,
    "DEL_STATION": 20,
    "GET_MPATH": 21,
    "SET_MPATH": 22,
    "NEW_MPATH": 23,
    "DEL_MPATH": 24,
    "SET_BSS": 25,
    "SET_REG": 26,
    "REQ_SET_REG": 27,
    "GET_MESH_CONFIG": 28,
    "SET_MESH_CONFIG": 29,
    "SET_MGMT_EXTRA_IE": 30,
    "GET_REG": 31,
    "GET_SCAN": 32,
    "TRIGGER_SCAN": 33,
    "NEW_SCAN_RESULTS": 34,
    "SCAN_ABORTED": 35,
    "REG_CHANGE": 36,
    "AUTHENTICATE": 37,
    "ASSOCIATE": 38,
    "DEAUTHENTICATE": 39,
    "DISASSOCIATE": 40,
    "MICHAEL_MIC_FAILURE": 41,
    "REG_BEACON_HINT": 42,
    "JOIN_IBSS": 43,
    "LEAVE_IBSS": 44,
    "TESTMODE": 45,
    "CONNECT": 46,
    "ROAM": 47,
    "DISCONNECT": 48,
    "SET_WIPHY_NETNS": 49,
    "GET_SURVEY": 50,
    "NEW_SURVEY_RESULTS": 51,
    "SET_PMKSA": 52,
    "DEL_PMKSA": 53,
    "FLUSH_PMKSA": 54,
    "REMAIN_ON_CHANNEL": 55,
    "CANCEL_REMAIN_ON_CHANNEL": 56,
    "SET_TX_BITRATE_MASK": 57,
    "REGISTER_FRAME": 58,
    "REGISTER_ACTION": 58,
    "FRAME": 59,
    "ACTION": 59,
    "FRAME_TX_STATUS": 60,
    "ACTION_TX_STATUS": 60,
    "SET_POWER_SAVE": 61,
    "GET_POWER_SAVE": 62,
    "SET_CQM": 63,
    "NOTIFY_CQM": 64,
    "SET_CHANNEL": 65,
    "SET_WDS_PEER": 66,
    "FRAME_WAIT_CANCEL": 67,
    "JOIN_MESH": 68,
    "LEAVE_MESH": 69,
    "UNPROT_DEAUTHENTICATE": 70,
    "UNPROT_DISASSOCIATE": 71,
    "NEW_PEER_CANDIDATE": 72,
    "GET_WOWLAN": 73,
    "SET_WOWLAN": 74,
    "START_SCHED_SCAN": 75,
    "STOP_SCHED_SCAN": 76,
    "SCHED_SCAN_RESULTS": 77,
    "SCHED_SCAN_STOPPED": 78,
    "SET_REKEY_OFFLOAD": 79,
    "PMKSA_CANDIDATE": 80,
    "TDLS_OPER": 81,
    "TDLS_MGMT": 82,
    "UNEXPECTED_FRAME": 83,
    "PROBE_CLIENT": 84,
    "REGISTER_BEACONS": 85,
    "UNEXPECTED_4ADDR_FRAME": 86,
    "SET_NOACK_MAP": 87,
    "CH_SWITCH_NOTIFY": 88,
    "START_P2P_DEVICE": 89,
    "STOP_P2P_DEVICE": 90,
    "CONN_FAILED": 91,
    "SET_MCAST_RATE": 92,
    "SET_MAC_ACL": 93,
    "RADAR_DETECT": 94,
    "GET_PROTOCOL_FEATURES": 95,
    "UPDATE_FT_IES": 96,
    "FT_EVENT": 97,
    "CRIT_PROTOCOL_START": 98,
    "CRIT_PROTOCOL_STOP": 99,
    "GET_COALESCE": 100,
    "SET_COALESCE": 101,
    "CHANNEL_SWITCH": 102,
    "VENDOR": 103,
    "SET_QOS_MAP": 104,
    "ADD_TX_TS": 105,
    "DEL_TX_TS": 106,
    "GET_MPP": 107,
    "JOIN_OCB": 108,
    "LEAVE_OCB": 109,
    "CH_SWITCH_STARTED_NOTIFY": 110,
    "TDLS_CHANNEL_SWITCH": 111,
    "TDLS_CANCEL_CHANNEL_SWITCH": 112,
    "WIPHY_REG_CHANGE": 113,
    "ABORT_SCAN": 114,
    "START_NAN": 115,
    "STOP_NAN": 116,
    "ADD_NAN_FUNCTION": 117,
    "DEL_NAN_FUNCTION": 118,
    "CHANGE_NAN_CONFIG": 119,
    "NAN_MATCH": 120,
    "SET_MULTICAST_TO_UNICAST": 121,
    "UPDATE_CONNECT_PARAMS": 122,
    "SET_PMK": 123,
    "DEL_PMK": 124,
    "PORT_AUTHORIZED": 125,
    "RELOAD_REGDB": 126,
    "EXTERNAL_AUTH": 127,
    "STA_OPMODE_CHANGED": 128,
    "CONTROL_PORT_FRAME": 129,
    "GET_FTM_RESPONDER_STATS": 130,
    "PEER_MEASUREMENT_START": 131,
    "PEER_MEASUREMENT_RESULT": 132,
    "PEER_MEASUREMENT_COMPLETE": 133,
    "NOTIFY_RADAR": 134,
    "UPDATE_OWE_INFO": 135,
    "PROBE_MESH_LINK": 136,
    "SET_TID_CONFIG": 137,
    "UNPROT_BEACON": 138,
    "CONTROL_PORT_FRAME_TX_STATUS": 139,
    "SET_SAR_SPECS": 140,
    "OBSS_COLOR_COLLISION": 141,
    "COLOR_CHANGE_REQUEST": 142,
    "COLOR_CHANGE_STARTED": 143,
    "COLOR_CHANGE_ABORTED": 144,
    "COLOR_CHANGE_COMPLETED": 145,
    "SET_FILS_AAD": 146,
    "ASSOC_COMEBACK": 147,
    "ADD_LINK": 148,
    "REMOVE_LINK": 149,
    "ADD_LINK_STA": 150,
    "MODIFY_LINK_STA": 151,
    "REMOVE_LINK_STA": 152,
    "SET_HW_TIMESTAMP": 153,
    "LINKS_REMOVED": 154,
    "SET_TID_TO_LINK_MAPPING": 155,
    "__AFTER_LAST": 156,
    "MAX": 155,
  } },
  nl80211_attrs: { prefix: 'NL80211_ATTR_', values: {
    "UNSPEC": 0,
    "WIPHY": 1,
    "WIPHY_NAME": 2,
    "IFINDEX": 3,
    "IFNAME": 4,
    "IFTYPE": 5,
    "MAC": 6,
    "KEY_DATA": 7,
    "KEY_IDX": 8,
    "KEY_CIPHER": 9,
    "KEY_SEQ": 10,
    "KEY_DEFAULT": 11,
    "BEACON_INTERVAL": 12,
    "DTIM_PERIOD": 13,
    "BEACON_HEAD": 14,
    "BEACON_TAIL": 15,
    "STA_AID": 16,
    "STA_FLAGS": 17,
    "STA_LISTEN_INTERVAL": 18,
    "STA_SUPPORTED_RATES": 19,
    "STA_VLAN": 20,
    "STA_INFO": 21,
    "WIPHY_BANDS": 22,
    "MNTR_FLAGS": 23,
    "MESH_ID": 24,
    "STA_PLINK_ACTION": 25,
    "MPATH_NEXT_HOP": 26,
    "MPATH_INFO": 27,
    "BSS_CTS_PROT": 28,
    "BSS_SHORT_PREAMBLE": 29,
    "BSS_SHORT_SLOT_TIME": 30,
    "HT_CAPABILITY": 31,
    "SUPPORTED_IFTYPES": 32,
    "REG_ALPHA2": 33,
    "REG_RULES": 34,
    "MESH_CONFIG": 35,
    "BSS_BASIC_RATES": 36,
    "WIPHY_TXQ_PARAMS": 37,
    "WIPHY_FREQ": 38,
    "WIPHY_CHANNEL_TYPE": 39,
    "KEY_DEFAULT_MGMT": 40,
    "MGMT_SUBTYPE": 41,
    "IE": 42,
    "MAX_NUM_SCAN_SSIDS": 43,
    "SCAN_FREQUENCIES": 44,
    "SCAN_SSIDS": 45,
    "GENERATION": 46,
    "BSS": 47,
    "REG_INITIATOR": 48,
    "REG_TYPE": 49,
    "SUPPORTED_COMMANDS": 50,
    "FRAME": 51,
    "SSID": 52,
    "AUTH_TYPE": 53,
    "REASON_CODE": 54,
    "KEY_TYPE": 55,
    "MAX_SCAN_IE_LEN": 56,
    "CIPHER_SUITES": 57,
    "FREQ_BEFORE": 58,
    "FREQ_AFTER": 59,
    "FREQ_FIXED": 60,
    "WIPHY_RETRY_SHORT": 61,
    "WIPHY_RETRY_LONG": 62,
    "WIPHY_FRAG_THRESHOLD": 63,
    "WIPHY_RTS_THRESHOLD": 64,
    "TIMED_OUT": 65,
    "USE_MFP": 66,
    "STA_FLAGS2": 67,
    "CONTROL_PORT": 68,
    "TESTDATA": 69,
    "PRIVACY": 70,
    "DISCONNECTED_BY_AP": 71,
    "STATUS_CODE": 72,
    "CIPHER_SUITES_PAIRWISE": 73,
    "CIPHER_SUITE_GROUP": 74,
    "WPA_VERSIONS": 75,
    "AKM_SUITES": 76,
    "REQ_IE": 77,
    "RESP_IE": 78,
    "PREV_BSSID": 79,
    "KEY": 80,
    "KEYS": 81,
    "PID": 82,
    "4ADDR": 83,
    "SURVEY_INFO": 84,
    "PMKID": 85,
    "MAX_NUM_PMKIDS": 86,
    "DURATION": 87,
    "COOKIE": 88,
    "WIPHY_COVERAGE_CLASS": 89,
    "TX_RATES": 90,
    "FRAME_MATCH": 91,
    "ACK": 92,
    "PS_STATE": 93,
    "CQM": 94,
    "LOCAL_STATE_CHANGE": 95,
    "AP_ISOLATE": 96,
    "WIPHY_TX_POWER_SETTING": 97,
    "WIPHY_TX_POWER_LEVEL": 98,
    "TX_FRAME_TYPES": 99,
    "RX_FRAME_TYPES": 100,
    "FRAME_TYPE": 101,
    "CONTROL_PORT_ETHERTYPE": 102,
    "CONTROL_PORT_NO_ENCRYPT": 103,
    "SUPPORT_IBSS_RSN": 104,
    "WIPHY_ANTENNA_TX": 105,
    "WIPHY_ANTENNA_RX": 106,
    "MCAST_RATE": 107,
    "OFFCHANNEL_TX_OK": 108,
    "BSS_HT_OPMODE": 109,
    "KEY_DEFAULT_TYPES": 110,
    "MAX_REMAIN_ON_CHANNEL_DURATION": 111,
    "MESH_SETUP": 112,
    "WIPHY_ANTENNA_AVAIL_TX": 113,
    "WIPHY_ANTENNA_AVAIL_RX": 114,
    "SUPPORT_MESH_AUTH": 115,
    "STA_PLINK_STATE": 116,
    "WOWLAN_TRIGGERS": 117,
    "WOWLAN_TRIGGERS_SUPPORTED": 118,
    "SCHED_SCAN_INTERVAL": 119,
    "INTERFACE_COMBINATIONS": 120,
    "SOFTWARE_IFTYPES": 121,
    "REKEY_DATA": 122,
    "MAX_NUM_SCHED_SCAN_SSIDS": 123,
    "MAX_SCHED_SCAN_IE_LEN": 124,
    "SCAN_SUPP_RATES": 125,
    "HIDDEN_SSID": 126,
    "IE_PROBE_RESP": 127,
    "IE_ASSOC_RESP": 128,
    "STA_WME": 129,
    "SUPPORT_AP_UAPSD": 130,
    "ROAM_SUPPORT": 131,
    "SCHED_SCAN_MATCH": 132,
    "MAX_MATCH_SETS": 133,
    "PMKSA_CANDIDATE": 134,
    "TX_NO_CCK_RATE": 135,
    "TDLS_ACTION": 136,
    "TDLS_DIALOG_TOKEN": 137,
    "TDLS_OPERATION": 138,
    "TDLS_SUPPORT": 139,
    "TDLS_EXTERNAL_SETUP": 140,
    "DEVICE_AP_SME": 141,
    "DONT_WAIT_FOR_ACK": 142,
    "FEATURE_FLAGS": 143,
    "PROBE_RESP_OFFLOAD": 144,
    "PROBE_RESP": 145,
    "DFS_REGION": 146,
    "DISABLE_HT": 147,
    "HT_CAPABILITY_MASK": 148,
    "NOACK_MAP": 149,
    "INACTIVITY_TIMEOUT": 150,
    "RX_SIGNAL_DBM": 151,
    "BG_SCAN_PERIOD": 152,
    "WDEV": 153,
    "USER_REG_HINT_TYPE": 154,
    "CONN_FAILED_REASON": 155,
    "AUTH_DATA": 156,
    "VHT_CAPABILITY": 157,
    "SCAN_FLAGS": 158,
    "CHANNEL_WIDTH": 159,
    "CENTER_FREQ1": 160,
    "CENTER_FREQ2": 161,
    "P2P_CTWINDOW": 162,
    "P2P_OPPPS": 163,
    "LOCAL_MESH_POWER_MODE": 164,
    "ACL_POLICY": 165,
    "MAC_ADDRS": 166,
    "MAC_ACL_MAX": 167,
    "RADAR_EVENT": 168,
    "EXT_CAPA": 169,
    "EXT_CAPA_MASK": 170,
    "STA_CAPABILITY": 171,
    "STA_EXT_CAPABILITY": 172,
    "PROTOCOL_FEATURES": 173,
    "SPLIT_WIPHY_DUMP": 174,
    "DISABLE_VHT": 175,
    "VHT_CAPABILITY_MASK": 176,
    "MDID": 177,
    "IE_RIC": 178,
    "CRIT_PROT_ID": 179,
    "MAX_CRIT_PROT_DURATION": 180,
    "PEER_AID": 181,
    "COALESCE_RULE": 182,
    "CH_SWITCH_COUNT": 183,
    "CH_SWITCH_BLOCK_TX": 184,
    "CSA_IES": 185,
    "CNTDWN_OFFS_BEACON": 186,
    "CNTDWN_OFFS_PRESP": 187,
    "RXMGMT_FLAGS": 188,
    "STA_SUPPORTED_CHANNELS": 189,
    "STA_SUPPORTED_OPER_CLASSES": 190,
    "HANDLE_DFS": 191,
    "SUPPORT_5_MHZ": 192,
    "SUPPORT_10_MHZ": 193,
    "OPMODE_NOTIF": 194,
    "VENDOR_ID": 195,
    "VENDOR_SUBCMD": 196,
    "VENDOR_DATA": 197,
    "VENDOR_EVENTS": 198,
    "QOS_MAP": 199,
    "MAC_HINT": 200,
    "WIPHY_FREQ_HINT": 201,
    "MAX_AP_ASSOC_STA": 202,
    "TDLS_PEER_CAPABILITY": 203,
    "SOCKET_OWNER": 204,
    "CSA_C_OFFSETS_TX": 205,
    "MAX_CSA_COUNTERS": 206,
    "TDLS_INITIATOR": 207,
    "USE_RRM": 208,
    "WIPHY_DYN_ACK": 209,
    "TSID": 210,
    "USER_PRIO": 211,
    "ADMITTED_TIME": 212,
    "SMPS_MODE": 213,
    "OPER_CLASS": 214,
    "MAC_MASK": 215,
    "WIPHY_SELF_MANAGED_REG": 216,
    "EXT_FEATURES": 217,
    "SURVEY_RADIO_STATS": 218,
    "NETNS_FD": 219,
    "SCHED_SCAN_DELAY": 220,
    "REG_INDOOR": 221,
    "MAX_NUM_SCHED_SCAN_PLANS": 222,
    "MAX_SCAN_PLAN_INTERVAL": 223,
    "MAX_SCAN_PLAN_ITERATIONS": 224,
    "SCHED_SCAN_PLANS": 225,
    "PBSS": 226,
    "BSS_SELECT": 227,
    "STA_SUPPORT_P2P_PS": 228,
    "PAD": 229,
    "IFTYPE_EXT_CAPA": 230,
    "MU_MIMO_GROUP_DATA": 231,
    "MU_MIMO_FOLLOW_MAC_ADDR": 232,
    "SCAN_START_TIME_TSF": 233,
    "SCAN_START_TIME_TSF_BSSID": 234,
    "MEASUREMENT_DURATION": 235,
    "MEASUREMENT_DURATION_MANDATORY": 236,
    "MESH_PEER_AID": 237,
    "NAN_MASTER_PREF": 238,
    "BANDS": 239,
    "NAN_FUNC": 240,
    "NAN_MATCH": 241,
    "FILS_KEK": 242,
    "FILS_NONCES": 243,
    "MULTICAST_TO_UNICAST_ENABLED": 244,
    "BSSID": 245,
    "SCHED_SCAN_RELATIVE_RSSI": 246,
    "SCHED_SCAN_RSSI_ADJUST": 247,
    "TIMEOUT_REASON": 248,
    "FILS_ERP_USERNAME": 249,
    "FILS_ERP_REALM": 250,
    "FILS_ERP_NEXT_SEQ_NUM": 251,
    "FILS_ERP_RRK": 252,
    "FILS_CACHE_ID": 253,
    "PMK": 254,
    "SCHED_SCAN_MULTI": 255,
    "SCHED_SCAN_MAX_REQS": 256,
    "WANT_1X_4WAY_HS": 257,
    "PMKR0_NAME": 258,
    "PORT_AUTHORIZED": 259,
    "EXTERNAL_AUTH_ACTION": 260,
    "EXTERNAL_AUTH_SUPPORT": 261,
    "NSS": 262,
    "ACK_SIGNAL": 263,
    "CONTROL_PORT_OVER_NL80211": 264,
    "TXQ_STATS": 265,
    "TXQ_LIMIT": 266,
    "TXQ_MEMORY_LIMIT": 267,
    "TXQ_QUANTUM": 268,
    "HE_CAPABILITY": 269,
    "FTM_RESPONDER": 270,
    "FTM_RESPONDER_STATS": 271,
    "TIMEOUT": 272,
    "PEER_MEASUREMENTS": 273,
    "AIRTIME_WEIGHT": 274,
    "STA_TX_POWER_SETTING": 275,
    "STA_TX_POWER": 276,
    "SAE_PASSWORD": 277,
    "TWT_RESPONDER": 278,
    "HE_OBSS_PD": 279,
    "WIPHY_EDMG_CHANNELS": 280,
    "WIPHY_EDMG_BW_CONFIG": 281,
    "VLAN_ID": 282,
    "HE_BSS_COLOR": 283,
    "IFTYPE_AKM_SUITES": 284,
    "TID_CONFIG": 285,
    "CONTROL_PORT_NO_PREAUTH": 286,
    "PMK_LIFETIME": 287,
    "PMK_REAUTH_THRESHOLD": 288,
    "RECEIVE_MULTICAST": 289,
    "WIPHY_FREQ_OFFSET": 290,
    "CENTER_FREQ1_OFFSET": 291,
    "SCAN_FREQ_KHZ": 292,
    "HE_6GHZ_CAPABILITY": 293,
    "FILS_DISCOVERY": 294,
    "UNSOL_BCAST_PROBE_RESP": 295,
    "S1G_CAPABILITY": 296,
    "S1G_CAPABILITY_MASK": 297,
    "SAE_PWE": 298,
    "RECONNECT_REQUESTED": 299,
    "SAR_SPEC": 300,
    "DISABLE_HE": 301,
    "OBSS_COLOR_BITMAP": 302,
    "COLOR_CHANGE_COUNT": 303,
    "COLOR_CHANGE_COLOR": 304,
    "COLOR_CHANGE_ELEMS": 305,
    "MBSSID_CONFIG": 306,
    "MBSSID_ELEMS": 307,
    "RADAR_BACKGROUND": 308,
    "AP_SETTINGS_FLAGS": 309,
    "EHT_CAPABILITY": 310,
    "DISABLE_EHT": 311,
    "MLO_LINKS": 312,
    "MLO_LINK_ID": 313,
    "MLD_ADDR": 314,
    "MLO_SUPPORT": 315,
    "MAX_NUM_AKM_SUITES": 316,
    "EML_CAPABILITY": 317,
    "MLD_CAPA_AND_OPS": 318,
    "TX_HW_TIMESTAMP": 319,
    "RX_HW_TIMESTAMP": 320,
    "TD_BITMAP": 321,
    "PUNCT_BITMAP": 322,
    "MAX_HW_TIMESTAMP_PEERS": 323,
    "HW_TIMESTAMP_ENABLED": 324,
    "EMA_RNR_ELEMS": 325,
    "MLO_LINK_DISABLED": 326,
    "BSS_DUMP_INCLUDE_USE_DATA": 327,
    "MLO_TTLM_DLINK": 328,
    "MLO_TTLM_ULINK": 329,
    "ASSOC_SPP_AMSDU": 330,
    "WIPHY_RADIOS": 331,
    "WIPHY_INTERFACE_COMBINATIONS": 332,
    "VIF_RADIO_MASK": 333,
    "__AFTER_LAST": 334,
    "NUM_NL80211_ATTR": 334,
    "MAX": 333,
  } },
  nl80211_iftype: { prefix: 'NL80211_IFTYPE_', values: {
    "UNSPECIFIED": 0,
    "ADHOC": 1,
    "STATION": 2,
    "AP": 3,
    "AP_VLAN": 4,
    "WDS": 5,
    "MONITOR": 6,
    "MESH_POINT": 7,
    "P2P_CLIENT": 8,
    "P2P_GO": 9,
    "P2P_DEVICE": 10,
    "OCB": 11,
    "NAN": 12,
    "NUM_NL80211_IFTYPES": 13,
    "MAX": 12,
  } },
  nl80211_sta_flags: { prefix: 'NL80211_STA_FLAG_', values: {
    "__INVALID": 0,
    "AUTHORIZED": 1,
    "SHORT_PREAMBLE": 2,
    "WME": 3,
    "MFP": 4,
    "AUTHENTICATED": 5,
    "TDLS_PEER": 6,
    "ASSOCIATED": 7,
    "SPP_AMSDU": 8,
    "__AFTER_LAST": 9,
    "MAX": 8,
  } },
  nl80211_sta_p2p_ps_status: { prefix: 'NL80211_P2P_PS_', values: {
    "UNSUPPORTED": 0,
    "SUPPORTED": 1,
    "NUM_NL80211_P2P_PS_STATUS": 2,
  } },
  nl80211_he_gi: { prefix: 'NL80211_RATE_INFO_HE_GI_', values: {
    "0_8": 0,
    "1_6": 1,
    "3_2": 2,
  } },
  nl80211_he_ltf: { prefix: 'NL80211_RATE_INFO_HE_', values: {
    "1XLTF": 0,
    "2XLTF": 1,
    "4XLTF": 2,
  } },
  nl80211_he_ru_alloc: { prefix: 'NL80211_RATE_INFO_HE_RU_ALLOC_', values: {
    "26": 0,
    "52": 1,
    "106": 2,
    "242": 3,
    "484": 4,
    "996": 5,
    "2x996": 6,
  } },
  nl80211_eht_gi: { prefix: 'NL80211_RATE_INFO_EHT_GI_', values: {
    "0_8": 0,
    "1_6": 1,
    "3_2": 2,
  } },
  nl80211_eht_ru_alloc: { prefix: 'NL80211_RATE_INFO_EHT_RU_ALLOC_', values: {
    "26": 0,
    "52": 1,
    "52P26": 2,
    "106": 3,
    "106P26": 4,
    "242": 5,
    "484": 6,
    "484P242": 7,
    "996": 8,
    "996P484": 9,
    "996P484P242": 10,
    "2x996": 11,
    "2x996P484": 12,
    "3x996": 13,
    "3x996P484": 14,
    "4x996": 15,
  } },
  nl80211_rate_info: { prefix: 'NL80211_RATE_INFO_', values: {
    "__INVALID": 0,
    "BITRATE": 1,
    "MCS": 2,
    "40_MHZ_WIDTH": 3,
    "SHORT_GI": 4,
    "BITRATE32": 5,
    "VHT_MCS": 6,
    "VHT_NSS": 7,
    "80_MHZ_WIDTH": 8,
    "80P80_MHZ_WIDTH": 9,
    "160_MHZ_WIDTH": 10,
    "10_MHZ_WIDTH": 11,
    "5_MHZ_WIDTH": 12,
    "HE_MCS": 13,
    "HE_NSS": 14,
    "HE_GI": 15,
    "HE_DCM": 16,
    "HE_RU_ALLOC": 17,
    "320_MHZ_WIDTH": 18,
    "EHT_MCS": 19,
    "EHT_NSS": 20,
    "EHT_GI": 21,
    "EHT_RU_ALLOC": 22,
    "S1G_MCS": 23,
    "S1G_NSS": 24,
    "1_MHZ_WIDTH": 25,
    "2_MHZ_WIDTH": 26,
    "4_MHZ_WIDTH": 27,
    "8_MHZ_WIDTH": 28,
    "16_MHZ_WIDTH": 29,
    "__AFTER_LAST": 30,
    "MAX": 29,
  } },
  nl80211_sta_bss_param: { prefix: 'NL80211_STA_BSS_PARAM_', values: {
    "__INVALID": 0,
    "CTS_PROT": 1,
    "SHORT_PREAMBLE": 2,
    "SHORT_SLOT_TIME": 3,
    "DTIM_PERIOD": 4,
    "BEACON_INTERVAL": 5,
    "__AFTER_LAST": 6,
    "MAX": 5,
  } },
  nl80211_sta_info: { prefix: 'NL80211_STA_INFO_', values: {
    "__INVALID": 0,
    "INACTIVE_TIME": 1,
    "RX_BYTES": 2,
    "TX_BYTES": 3,
    "LLID": 4,
    "PLID": 5,
    "PLINK_STATE": 6,
    "SIGNAL": 7,
    "TX_BITRATE": 8,
    "RX_PACKETS": 9,
    "TX_PACKETS": 10,
    "TX_RETRIES": 11,
    "TX_FAILED": 12,
    "SIGNAL_AVG": 13,
    "RX_BITRATE": 14,
    "BSS_PARAM": 15,
    "CONNECTED_TIME": 16,
    "STA_FLAGS": 17,
    "BEACON_LOSS": 18,
    "T_OFFSET": 19,
    "LOCAL_PM": 20,
    "PEER_PM": 21,
    "NONPEER_PM": 22,
    "RX_BYTES64": 23,
    "TX_BYTES64": 24,
    "CHAIN_SIGNAL": 25,
    "CHAIN_SIGNAL_AVG": 26,
    "EXPECTED_THROUGHPUT": 27,
    "RX_DROP_MISC": 28,
    "BEACON_RX": 29,
    "BEACON_SIGNAL_AVG": 30,
    "TID_STATS": 31,
    "RX_DURATION": 32,
    "PAD": 33,
    "ACK_SIGNAL": 34,
    "ACK_SIGNAL_AVG": 35,
    "RX_MPDUS": 36,
    "FCS_ERROR_COUNT": 37,
    "CONNECTED_TO_GATE": 38,
    "TX_DURATION": 39,
    "AIRTIME_WEIGHT": 40,
    "AIRTIME_LINK_METRIC": 41,
    "ASSOC_AT_BOOTTIME": 42,
    "CONNECTED_TO_AS": 43,
    "__AFTER_LAST": 44,
    "MAX": 43,
  } },
  nl80211_tid_stats: { prefix: 'NL80211_TID_STATS_', values: {
    "__INVALID": 0,
    "RX_MSDU": 1,
    "TX_MSDU": 2,
    "TX_MSDU_RETRIES": 3,
    "TX_MSDU_FAILED": 4,
    "PAD": 5,
    "TXQ_STATS": 6,
    "NUM_NL80211_TID_STATS": 7,
    "MAX": 6,
  } },
  nl80211_txq_stats: { prefix: 'NL80211_TXQ_STATS_', values: {
    "__INVALID": 0,
    "BACKLOG_BYTES": 1,
    "BACKLOG_PACKETS": 2,
    "FLOWS": 3,
    "DROPS": 4,
    "ECN_MARKS": 5,
    "OVERLIMIT": 6,
    "OVERMEMORY": 7,
    "COLLISIONS": 8,
    "TX_BYTES": 9,
    "TX_PACKETS": 10,
    "MAX_FLOWS": 11,
    "NUM_NL80211_TXQ_STATS": 12,
    "MAX": 11,
  } },
  nl80211_mpath_flags: { prefix: 'NL80211_MPATH_FLAG_', values: {
    "ACTIVE": 1,
    "RESOLVING": 2,
    "SN_VALID": 4,
    "FIXED": 8,
    "RESOLVED": 16,
  } },
  nl80211_mpath_info: { prefix: 'NL80211_MPATH_INFO_', values: {
    "__INVALID": 0,
    "FRAME_QLEN": 1,
    "SN": 2,
    "METRIC": 3,
    "EXPTIME": 4,
    "FLAGS": 5,
    "DISCOVERY_TIMEOUT": 6,
    "DISCOVERY_RETRIES": 7,
    "HOP_COUNT": 8,
    "PATH_CHANGE": 9,
    "__AFTER_LAST": 10,
    "MAX": 9,
  } },
  nl80211_band_iftype_attr: { prefix: 'NL80211_BAND_IFTYPE_ATTR_', values: {
    "__INVALID": 0,
    "IFTYPES": 1,
    "HE_CAP_MAC": 2,
    "HE_CAP_PHY": 3,
    "HE_CAP_MCS_SET": 4,
    "HE_CAP_PPE": 5,
    "HE_6GHZ_CAPA": 6,
    "VENDOR_ELEMS": 7,
    "EHT_CAP_MAC": 8,
    "EHT_CAP_PHY": 9,
    "EHT_CAP_MCS_SET": 10,
    "EHT_CAP_PPE": 11,
    "__AFTER_LAST": 12,
    "MAX": 11,
  } },
  nl80211_band_attr: { prefix: 'NL80211_BAND_ATTR_', values: {
    "__INVALID": 0,
    "FREQS": 1,
    "RATES": 2,
    "HT_MCS_SET": 3,
    "HT_CAPA": 4,
    "HT_AMPDU_FACTOR": 5,
    "HT_AMPDU_DENSITY": 6,
    "VHT_MCS_SET": 7,
    "VHT_CAPA": 8,
    "IFTYPE_DATA": 9,
    "EDMG_CHANNELS": 10,
    "EDMG_BW_CONFIG": 11,
    "S1G_MCS_NSS_SET": 12,
    "S1G_CAPA": 13,
    "__AFTER_LAST": 14,
    "MAX": 13,
  } },
  nl80211_wmm_rule: { prefix: 'NL80211_WMMR_', values: {
    "__INVALID": 0,
    "CW_MIN": 1,
    "CW_MAX": 2,
    "AIFSN": 3,
    "TXOP": 4,
    "__LAST": 5,
    "MAX": 4,
  } },
  nl80211_frequency_attr: { prefix: 'NL80211_FREQUENCY_ATTR_', values: {
    "__INVALID": 0,
    "FREQ": 1,
    "DISABLED": 2,
    "NO_IR": 3,
    "__NO_IBSS": 4,
    "RADAR": 5,
    "MAX_TX_POWER": 6,
    "DFS_STATE": 7,
    "DFS_TIME": 8,
    "NO_HT40_MINUS": 9,
    "NO_HT40_PLUS": 10,
    "NO_80MHZ": 11,
    "NO_160MHZ": 12,
    "DFS_CAC_TIME": 13,
    "INDOOR_ONLY": 14,
    "IR_CONCURRENT": 15,
    "NO_20MHZ": 16,
    "NO_10MHZ": 17,
    "WMM": 18,
    "NO_HE": 19,
    "OFFSET": 20,
    "1MHZ": 21,
    "2MHZ": 22,
    "4MHZ": 23,
    "8MHZ": 24,
    "16MHZ": 25,
    "NO_320MHZ": 26,
    "NO_EHT": 27,
    "PSD": 28,
    "DFS_CONCURRENT": 29,
    "NO_6GHZ_VLP_CLIENT": 30,
    "NO_6GHZ_AFC_CLIENT": 31,
    "CAN_MONITOR": 32,
    "ALLOW_6GHZ_VLP_AP": 33,
    "ALLOW_20MHZ_ACTIVITY": 34,
    "__AFTER_LAST": 35,
    "MAX": 34,
  } },
  nl80211_bitrate_attr: { prefix: 'NL80211_BITRATE_ATTR_', values: {
    "__INVALID": 0,
    "RATE": 1,
    "2GHZ_SHORTPREAMBLE": 2,
    "__AFTER_LAST": 3,
    "MAX": 2,
  } },
  nl80211_reg_initiator: { prefix: 'NL80211_REGDOM_SET_BY_', values: {
    "CORE": 0,
    "USER": 1,
    "DRIVER": 2,
    "COUNTRY_IE": 3,
  } },
  nl80211_reg_type: { prefix: 'NL80211_REGDOM_TYPE_', values: {
    "COUNTRY": 0,
    "WORLD": 1,
    "CUSTOM_WORLD": 2,
    "INTERSECTION": 3,
  } },
  nl80211_reg_rule_attr: { prefix: 'NL80211_ATTR_', values: {
    "__NL80211_REG_RULE_ATTR_INVALID": 0,
    "REG_RULE_FLAGS": 1,
    "FREQ_RANGE_START": 2,
    "FREQ_RANGE_END": 3,
    "FREQ_RANGE_MAX_BW": 4,
    "POWER_RULE_MAX_ANT_GAIN": 5,
    "POWER_RULE_MAX_EIRP": 6,
    "DFS_CAC_TIME": 7,
    "POWER_RULE_PSD": 8,
    "__NL80211_REG_RULE_ATTR_AFTER_LAST": 9,
    "NL80211_REG_RULE_ATTR_MAX": 8,
  } },
  nl80211_sched_scan_match_attr: { prefix: 'NL80211_SCHED_SCAN_MATCH_', values: {
    "__ATTR_INVALID": 0,
    "ATTR_SSID": 1,
    "ATTR_RSSI": 2,
    "ATTR_RELATIVE_RSSI": 3,
    "ATTR_RSSI_ADJUST": 4,
    "ATTR_BSSID": 5,
    "PER_BAND_RSSI": 6,
    "__ATTR_AFTER_LAST": 7,
    "ATTR_MAX": 6,
  } },
  nl80211_reg_rule_flags: { prefix: 'NL80211_RRF_', values: {
    "NO_OFDM": 1,
    "NO_CCK": 2,
    "NO_INDOOR": 4,
    "NO_OUTDOOR": 8,
    "DFS": 16,
    "PTP_ONLY": 32,
    "PTMP_ONLY": 64,
    "NO_IR": 128,
    "__NO_IBSS": 256,
    "AUTO_BW": 2048,
    "IR_CONCURRENT": 4096,
    "NO_HT40MINUS": 8192,
    "NO_HT40PLUS": 16384,
    "NO_80MHZ": 32768,
    "NO_160MHZ": 65536,
    "NO_HE": 131072,
    "NO_320MHZ": 262144,
    "NO_EHT": 524288,
    "PSD": 1048576,
    "DFS_CONCURRENT": 2097152,
    "NO_6GHZ_VLP_CLIENT": 4194304,
    "NO_6GHZ_AFC_CLIENT": 8388608,
    "ALLOW_6GHZ_VLP_AP": 16777216,
    "ALLOW_20MHZ_ACTIVITY": 33554432,
  } },
  nl80211_dfs_regions: { prefix: 'NL80211_DFS_', values: {
    "UNSET": 0,
    "FCC": 1,
    "ETSI": 2,
    "JP": 3,
  } },
  nl80211_user_reg_hint_type: { prefix: 'NL80211_USER_REG_HINT_', values: {
    "USER": 0,
    "CELL_BASE": 1,
    "INDOOR": 2,
  } },
  nl80211_survey_info: { prefix: 'NL80211_SURVEY_INFO_', values: {
    "__INVALID": 0,
    "FREQUENCY": 1,
    "NOISE": 2,
    "IN_USE": 3,
    "TIME": 4,
    "TIME_BUSY": 5,
    "TIME_EXT_BUSY": 6,
    "TIME_RX": 7,
    "TIME_TX": 8,
    "TIME_SCAN": 9,
    "PAD": 10,
    "TIME_BSS_RX": 11,
    "FREQUENCY_OFFSET": 12,
    "__AFTER_LAST": 13,
    "MAX": 12,
  } },
  nl80211_mntr_flags: { prefix: 'NL80211_MNTR_FLAG_', values: {
    "__INVALID": 0,
    "FCSFAIL": 1,
    "PLCPFAIL": 2,
    "CONTROL": 3,
    "OTHER_BSS": 4,
    "COOK_FRAMES": 5,
    "ACTIVE": 6,
    "__AFTER_LAST": 7,
    "MAX": 6,
  } },
  nl80211_mesh_power_mode: { prefix: 'NL80211_MESH_POWER_', values: {
    "UNKNOWN": 0,
    "ACTIVE": 1,
    "LIGHT_SLEEP": 2,
    "DEEP_SLEEP": 3,
    "__AFTER_LAST": 4,
    "MAX": 3,
  } },
  nl80211_meshconf_params: { prefix: 'NL80211_MESHCONF_', values: {
    "__INVALID": 0,
    "RETRY_TIMEOUT": 1,
    "CONFIRM_TIMEOUT": 2,
    "HOLDING_TIMEOUT": 3,
    "MAX_PEER_LINKS": 4,
    "MAX_RETRIES": 5,
    "TTL": 6,
    "AUTO_OPEN_PLINKS": 7,
    "HWMP_MAX_PREQ_RETRIES": 8,
    "PATH_REFRESH_TIME": 9,
    "MIN_DISCOVERY_TIMEOUT": 10,
    "HWMP_ACTIVE_PATH_TIMEOUT": 11,
    "HWMP_PREQ_MIN_INTERVAL": 12,
    "HWMP_NET_DIAM_TRVS_TIME": 13,
    "HWMP_ROOTMODE": 14,
    "ELEMENT_TTL": 15,
    "HWMP_RANN_INTERVAL": 16,
    "GATE_ANNOUNCEMENTS": 17,
    "HWMP_PERR_MIN_INTERVAL": 18,
    "FORWARDING": 19,
    "RSSI_THRESHOLD": 20,
    "SYNC_OFFSET_MAX_NEIGHBOR": 21,
    "HT_OPMODE": 22,
    "HWMP_PATH_TO_ROOT_TIMEOUT": 23,
    "HWMP_ROOT_INTERVAL": 24,
    "HWMP_CONFIRMATION_INTERVAL": 25,
    "POWER_MODE": 26,
    "AWAKE_WINDOW": 27,
    "PLINK_TIMEOUT": 28,
    "CONNECTED_TO_GATE": 29,
    "NOLEARN": 30,
    "CONNECTED_TO_AS": 31,
    "__ATTR_AFTER_LAST": 32,
    "ATTR_MAX": 31,
  } },
  nl80211_mesh_setup_params: { prefix: 'NL80211_MESH_SETUP_', values: {
    "__INVALID": 0,
    "ENABLE_VENDOR_PATH_SEL": 1,
    "ENABLE_VENDOR_METRIC": 2,
    "IE": 3,
    "USERSPACE_AUTH": 4,
    "USERSPACE_AMPE": 5,
    "ENABLE_VENDOR_SYNC": 6,
    "USERSPACE_MPM": 7,
    "AUTH_PROTOCOL": 8,
    "__ATTR_AFTER_LAST": 9,
    "ATTR_MAX": 8,
  } },
  nl80211_txq_attr: { prefix: 'NL80211_TXQ_ATTR_', values: {
    "__INVALID": 0,
    "AC": 1,
    "TXOP": 2,
    "CWMIN": 3,
    "CWMAX": 4,
    "AIFS": 5,
    "__AFTER_LAST": 6,
    "MAX": 5,
  } },
  nl80211_ac: { prefix: 'NL80211_', values: {
    "AC_VO": 0,
    "AC_VI": 1,
    "AC_BE": 2,
    "AC_BK": 3,
    "NUM_ACS": 4,
  } },
  nl80211_channel_type: { prefix: 'NL80211_CHAN_', values: {
    "NO_HT": 0,
    "HT20": 1,
    "HT40MINUS": 2,
    "HT40PLUS": 3,
  } },
  nl80211_key_mode: { prefix: 'NL80211_KEY_', values: {
    "RX_TX": 0,
    "NO_TX": 1,
    "SET_TX": 2,
  } },
  nl80211_chan_width: { prefix: 'NL80211_CHAN_WIDTH_', values: {
    "20_NOHT": 0,
    "20": 1,
    "40": 2,
    "80": 3,
    "80P80": 4,
    "160": 5,
    "5": 6,
    "10": 7,
    "1": 8,
    "2": 9,
    "4": 10,
    "8": 11,
    "16": 12,
    "320": 13,
  } },
  nl80211_bss_scan_width: { prefix: 'NL80211_BSS_CHAN_WIDTH_', values: {
    "20": 0,
    "10": 1,
    "5": 2,
    "1": 3,
    "2": 4,
  } },
  nl80211_bss_use_for: { prefix: 'NL80211_BSS_USE_FOR_', values: {
    "NORMAL": 1,
    "MLD_LINK": 2,
  } },
  nl80211_bss_cannot_use_reasons: { prefix: 'NL80211_BSS_CANNOT_USE_', values: {
    "NSTR_NONPRIMARY": 1,
    "6GHZ_PWR_MISMATCH": 2,
  } },
  nl80211_bss: { prefix: 'NL80211_BSS_', values: {
    "__INVALID": 0,
    "BSSID": 1,
    "FREQUENCY": 2,
    "TSF": 3,
    "BEACON_INTERVAL": 4,
    "CAPABILITY": 5,
    "INFORMATION_ELEMENTS": 6,
    "SIGNAL_MBM": 7,
    "SIGNAL_UNSPEC": 8,
    "STATUS": 9,
    "SEEN_MS_AGO": 10,
    "BEACON_IES": 11,
    "CHAN_WIDTH": 12,
    "BEACON_TSF": 13,
    "PRESP_DATA": 14,
    "LAST_SEEN_BOOTTIME": 15,
    "PAD": 16,
    "PARENT_TSF": 17,
    "PARENT_BSSID": 18,
    "CHAIN_SIGNAL": 19,
    "FREQUENCY_OFFSET": 20,
    "MLO_LINK_ID": 21,
    "MLD_ADDR": 22,
    "USE_FOR": 23,
    "CANNOT_USE_REASONS": 24,
    "__AFTER_LAST": 25,
    "MAX": 24,
  } },
  nl80211_bss_status: { prefix: 'NL80211_BSS_STATUS_', values: {
    "AUTHENTICATED": 0,
    "ASSOCIATED": 1,
    "IBSS_JOINED": 2,
  } },
  nl80211_auth_type: { prefix: 'NL80211_AUTHTYPE_', values: {
    "OPEN_SYSTEM": 0,
    "SHARED_KEY": 1,
    "FT": 2,
    "NETWORK_EAP": 3,
    "SAE": 4,
    "FILS_SK": 5,
    "FILS_SK_PFS": 6,
    "FILS_PK": 7,
    "__NUM": 8,
    "MAX": 7,
    "AUTOMATIC": 8,
  } },
  nl80211_key_type: { prefix: 'NL80211_KEYTYPE_', values: {
    "GROUP": 0,
    "PAIRWISE": 1,
    "PEERKEY": 2,
    "NUM_NL80211_KEYTYPES": 3,
  } },
  nl80211_mfp: { prefix: 'NL80211_MFP_', values: {
    "NO": 0,
    "REQUIRED": 1,
    "OPTIONAL": 2,
  } },
  nl80211_wpa_versions: { prefix: 'NL80211_WPA_VERSION_', values: {
    "1": 1,
    "2": 2,
    "3": 4,
  } },
  nl80211_key_default_types: { prefix: 'NL80211_KEY_DEFAULT_TYPE_', values: {
    "__INVALID": 0,
    "UNICAST": 1,
    "MULTICAST": 2,
    "NUM_NL80211_KEY_DEFAULT_TYPES": 3,
  } },
  nl80211_key_attributes: { prefix: 'NL80211_KEY_', values: {
    "__INVALID": 0,
    "DATA": 1,
    "IDX": 2,
    "CIPHER": 3,
    "SEQ": 4,
    "DEFAULT": 5,
    "DEFAULT_MGMT": 6,
    "TYPE": 7,
    "DEFAULT_TYPES": 8,
    "MODE": 9,
    "DEFAULT_BEACON": 10,
    "__AFTER_LAST": 11,
    "MAX": 10,
  } },
  nl80211_tx_rate_attributes: { prefix: 'NL80211_TXRATE_', values: {
    "__INVALID": 0,
    "LEGACY": 1,
    "HT": 2,
    "VHT": 3,
    "GI": 4,
    "HE": 5,
    "HE_GI": 6,
    "HE_LTF": 7,
    "__AFTER_LAST": 8,
    "MAX": 7,
  } },
  nl80211_txrate_gi: { prefix: 'NL80211_TXRATE_', values: {
    "DEFAULT_GI": 0,
    "FORCE_SGI": 1,
    "FORCE_LGI": 2,
  } },
  nl80211_band: { prefix: 'NL80211_BAND_', values: {
    "2GHZ": 0,
    "5GHZ": 1,
    "60GHZ": 2,
    "6GHZ": 3,
    "S1GHZ": 4,
    "LC": 5,
    "NUM_NL80211_BANDS": 6,
  } },
  nl80211_ps_state: { prefix: 'NL80211_PS_', values: {
    "DISABLED": 0,
    "ENABLED": 1,
  } },
  nl80211_attr_cqm: { prefix: 'NL80211_ATTR_CQM_', values: {
    "__INVALID": 0,
    "RSSI_THOLD": 1,
    "RSSI_HYST": 2,
    "RSSI_THRESHOLD_EVENT": 3,
    "PKT_LOSS_EVENT": 4,
    "TXE_RATE": 5,
    "TXE_PKTS": 6,
    "TXE_INTVL": 7,
    "BEACON_LOSS_EVENT": 8,
    "RSSI_LEVEL": 9,
    "__AFTER_LAST": 10,
    "MAX": 9,
  } },
  nl80211_cqm_rssi_threshold_event: { prefix: 'NL80211_CQM_RSSI_', values: {
    "THRESHOLD_EVENT_LOW": 0,
    "THRESHOLD_EVENT_HIGH": 1,
    "BEACON_LOSS_EVENT": 2,
  } },
  nl80211_tx_power_setting: { prefix: 'NL80211_TX_POWER_', values: {
    "AUTOMATIC": 0,
    "LIMITED": 1,
    "FIXED": 2,
  } },
  nl80211_tid_config: { prefix: 'NL80211_TID_CONFIG_', values: {
    "ENABLE": 0,
    "DISABLE": 1,
  } },
  nl80211_tx_rate_setting: { prefix: 'NL80211_TX_RATE_', values: {
    "AUTOMATIC": 0,
    "LIMITED": 1,
    "FIXED": 2,
  } },
  nl80211_tid_config_attr: { prefix: 'NL80211_TID_CONFIG_ATTR_', values: {
    "__INVALID": 0,
    "PAD": 1,
    "VIF_SUPP": 2,
    "PEER_SUPP": 3,
    "OVERRIDE": 4,
    "TIDS": 5,
    "NOACK": 6,
    "RETRY_SHORT": 7,
    "RETRY_LONG": 8,
    "AMPDU_CTRL": 9,
    "RTSCTS_CTRL": 10,
    "AMSDU_CTRL": 11,
    "TX_RATE_TYPE": 12,
    "TX_RATE": 13,
    "__AFTER_LAST": 14,
    "MAX": 13,
  } },
  nl80211_packet_pattern_attr: { prefix: 'NL80211_PKTPAT_', values: {
    "__INVALID": 0,
    "MASK": 1,
    "PATTERN": 2,
    "OFFSET": 3,
    "NUM_NL80211_PKTPAT": 4,
    "MAX_NL80211_PKTPAT": 3,
  } },
  nl80211_wowlan_triggers: { prefix: 'NL80211_WOWLAN_TRIG_', values: {
    "__INVALID": 0,
    "ANY": 1,
    "DISCONNECT": 2,
    "MAGIC_PKT": 3,
    "PKT_PATTERN": 4,
    "GTK_REKEY_SUPPORTED": 5,
    "GTK_REKEY_FAILURE": 6,
    "EAP_IDENT_REQUEST": 7,
    "4WAY_HANDSHAKE": 8,
    "RFKILL_RELEASE": 9,
    "WAKEUP_PKT_80211": 10,
    "WAKEUP_PKT_80211_LEN": 11,
    "WAKEUP_PKT_8023": 12,
    "WAKEUP_PKT_8023_LEN": 13,
    "TCP_CONNECTION": 14,
    "WAKEUP_TCP_MATCH": 15,
    "WAKEUP_TCP_CONNLOST": 16,
    "WAKEUP_TCP_NOMORETOKENS": 17,
    "NET_DETECT": 18,
    "NET_DETECT_RESULTS": 19,
    "UNPROTECTED_DEAUTH_DISASSOC": 20,
    "NUM_NL80211_WOWLAN_TRIG": 21,
    "MAX_NL80211_WOWLAN_TRIG": 20,
  } },
  nl80211_wowlan_tcp_attrs: { prefix: 'NL80211_WOWLAN_TCP_', values: {
    "__INVALID": 0,
    "SRC_IPV4": 1,
    "DST_IPV4": 2,
    "DST_MAC": 3,
    "SRC_PORT": 4,
    "DST_PORT": 5,
    "DATA_PAYLOAD": 6,
    "DATA_PAYLOAD_SEQ": 7,
    "DATA_PAYLOAD_TOKEN": 8,
    "DATA_INTERVAL": 9,
    "WAKE_PAYLOAD": 10,
    "WAKE_MASK": 11,
    "NUM_NL80211_WOWLAN_TCP": 12,
    "MAX_NL80211_WOWLAN_TCP": 11,
  } },
  nl80211_attr_coalesce_rule: { prefix: 'NL80211_ATTR_COALESCE_RULE_', values: {
    "__NL80211_COALESCE_RULE_INVALID": 0,
    "DELAY": 1,
    "CONDITION": 2,
    "PKT_PATTERN": 3,
    "NUM_NL80211_ATTR_COALESCE_RULE": 4,
    "MAX": 3,
  } },
  nl80211_coalesce_condition: { prefix: 'NL80211_COALESCE_CONDITION_', values: {
    "MATCH": 0,
    "NO_MATCH": 1,
  } },
  nl80211_iface_limit_attrs: { prefix: 'NL80211_IFACE_LIMIT_', values: {
    "UNSPEC": 0,
    "MAX": 1,
    "TYPES": 2,
    "NUM_NL80211_IFACE_LIMIT": 3,
    "MAX_NL80211_IFACE_LIMIT": 2,
  } },
  nl80211_if_combination_attrs: { prefix: 'NL80211_IFACE_COMB_', values: {
    "UNSPEC": 0,
    "LIMITS": 1,
    "MAXNUM": 2,
    "STA_AP_BI_MATCH": 3,
    "NUM_CHANNELS": 4,
    "RADAR_DETECT_WIDTHS": 5,
    "RADAR_DETECT_REGIONS": 6,
    "BI_MIN_GCD": 7,
    "NUM_NL80211_IFACE_COMB": 8,
    "MAX_NL80211_IFACE_COMB": 7,
  } },
  nl80211_plink_state: { prefix: 'NL80211_PLINK_', values: {
    "LISTEN": 0,
    "OPN_SNT": 1,
    "OPN_RCVD": 2,
    "CNF_RCVD": 3,
    "ESTAB": 4,
    "HOLDING": 5,
    "BLOCKED": 6,
    "NUM_NL80211_PLINK_STATES": 7,
    "MAX_NL80211_PLINK_STATES": 6,
  } },
  nl80211_plink_action: { prefix: 'NL80211_PLINK_ACTION_', values: {
    "NO_ACTION": 0,
    "OPEN": 1,
    "BLOCK": 2,
    "NUM_NL80211_PLINK_ACTIONS": 3,
  } },
  nl80211_rekey_data: { prefix: 'NL80211_REKEY_DATA_', values: {
    "__INVALID": 0,
    "KEK": 1,
    "KCK": 2,
    "REPLAY_CTR": 3,
    "AKM": 4,
    "NUM_NL80211_REKEY_DATA": 5,
    "MAX_NL80211_REKEY_DATA": 4,
  } },
  nl80211_hidden_ssid: { prefix: 'NL80211_HIDDEN_SSID_', values: {
    "NOT_IN_USE": 0,
    "ZERO_LEN": 1,
    "ZERO_CONTENTS": 2,
  } },
  nl80211_sta_wme_attr: { prefix: 'NL80211_STA_WME_', values: {
    "__INVALID": 0,
    "UAPSD_QUEUES": 1,
    "MAX_SP": 2,
    "__AFTER_LAST": 3,
    "MAX": 2,
  } },
  nl80211_pmksa_candidate_attr: { prefix: 'NL80211_PMKSA_CANDIDATE_', values: {
    "__INVALID": 0,
    "INDEX": 1,
    "BSSID": 2,
    "PREAUTH": 3,
    "NUM_NL80211_PMKSA_CANDIDATE": 4,
    "MAX_NL80211_PMKSA_CANDIDATE": 3,
  } },
  nl80211_tdls_operation: { prefix: 'NL80211_TDLS_', values: {
    "DISCOVERY_REQ": 0,
    "SETUP": 1,
    "TEARDOWN": 2,
    "ENABLE_LINK": 3,
    "DISABLE_LINK": 4,
  } },
  nl80211_ap_sme_features: { prefix: '', values: {
    "NL80211_AP_SME_SA_QUERY_OFFLOAD": 1,
  } },
  nl80211_feature_flags: { prefix: 'NL80211_FEATURE_', values: {
    "SK_TX_STATUS": 1,
    "HT_IBSS": 2,
    "INACTIVITY_TIMER": 4,
    "CELL_BASE_REG_HINTS": 8,
    "P2P_DEVICE_NEEDS_CHANNEL": 16,
    "SAE": 32,
    "LOW_PRIORITY_SCAN": 64,
    "SCAN_FLUSH": 128,
    "AP_SCAN": 256,
    "VIF_TXPOWER": 512,
    "NEED_OBSS_SCAN": 1024,
    "P2P_GO_CTWIN": 2048,
    "P2P_GO_OPPPS": 4096,
    "ADVERTISE_CHAN_LIMITS": 16384,
    "FULL_AP_CLIENT_STATE": 32768,
    "USERSPACE_MPM": 65536,
    "ACTIVE_MONITOR": 131072,
    "AP_MODE_CHAN_WIDTH_CHANGE": 262144,
    "DS_PARAM_SET_IE_IN_PROBES": 524288,
    "WFA_TPC_IE_IN_PROBES": 1048576,
    "QUIET": 2097152,
    "TX_POWER_INSERTION": 4194304,
    "ACKTO_ESTIMATION": 8388608,
    "STATIC_SMPS": 16777216,
    "DYNAMIC_SMPS": 33554432,
    "SUPPORTS_WMM_ADMISSION": 67108864,
    "MAC_ON_CREATE": 134217728,
    "TDLS_CHANNEL_SWITCH": 268435456,
    "SCAN_RANDOM_MAC_ADDR": 536870912,
    "SCHED_SCAN_RANDOM_MAC_ADDR": 1073741824,
    "ND_RANDOM_MAC_ADDR": 2147483648,
  } },
  nl80211_ext_feature_index: { prefix: 'NL80211_EXT_FEATURE_', values: {
    "VHT_IBSS": 0,
    "RRM": 1,
    "MU_MIMO_AIR_SNIFFER": 2,
    "SCAN_START_TIME": 3,
    "BSS_PARENT_TSF": 4,
    "SET_SCAN_DWELL": 5,
    "BEACON_RATE_LEGACY": 6,
    "BEACON_RATE_HT": 7,
    "BEACON_RATE_VHT": 8,
    "FILS_STA": 9,
    "MGMT_TX_RANDOM_TA": 10,
    "MGMT_TX_RANDOM_TA_CONNECTED": 11,
    "SCHED_SCAN_RELATIVE_RSSI": 12,
    "CQM_RSSI_LIST": 13,
    "FILS_SK_OFFLOAD": 14,
    "4WAY_HANDSHAKE_STA_PSK": 15,
    "4WAY_HANDSHAKE_STA_1X": 16,
    "FILS_MAX_CHANNEL_TIME": 17,
    "ACCEPT_BCAST_PROBE_RESP": 18,
    "OCE_PROBE_REQ_HIGH_TX_RATE": 19,
    "OCE_PROBE_REQ_DEFERRAL_SUPPRESSION": 20,
    "MFP_OPTIONAL": 21,
    "LOW_SPAN_SCAN": 22,
    "LOW_POWER_SCAN": 23,
    "HIGH_ACCURACY_SCAN": 24,
    "DFS_OFFLOAD": 25,
    "CONTROL_PORT_OVER_NL80211": 26,
    "ACK_SIGNAL_SUPPORT": 27,
    "DATA_ACK_SIGNAL_SUPPORT": 27,
    "TXQS": 28,
    "SCAN_RANDOM_SN": 29,
    "SCAN_MIN_PREQ_CONTENT": 30,
    "CAN_REPLACE_PTK0": 31,
    "ENABLE_FTM_RESPONDER": 32,
    "AIRTIME_FAIRNESS": 33,
    "AP_PMKSA_CACHING": 34,
    "SCHED_SCAN_BAND_SPECIFIC_RSSI_THOLD": 35,
    "EXT_KEY_ID": 36,
    "STA_TX_PWR": 37,
    "SAE_OFFLOAD": 38,
    "VLAN_OFFLOAD": 39,
    "AQL": 40,
    "BEACON_PROTECTION": 41,
    "CONTROL_PORT_NO_PREAUTH": 42,
    "PROTECTED_TWT": 43,
    "DEL_IBSS_STA": 44,
    "MULTICAST_REGISTRATIONS": 45,
    "BEACON_PROTECTION_CLIENT": 46,
    "SCAN_FREQ_KHZ": 47,
    "CONTROL_PORT_OVER_NL80211_TX_STATUS": 48,
    "OPERATING_CHANNEL_VALIDATION": 49,
    "4WAY_HANDSHAKE_AP_PSK": 50,
    "SAE_OFFLOAD_AP": 51,
    "FILS_DISCOVERY": 52,
    "UNSOL_BCAST_PROBE_RESP": 53,
    "BEACON_RATE_HE": 54,
    "SECURE_LTF": 55,
    "SECURE_RTT": 56,
    "PROT_RANGE_NEGO_AND_MEASURE": 57,
    "BSS_COLOR": 58,
    "FILS_CRYPTO_OFFLOAD": 59,
    "RADAR_BACKGROUND": 60,
    "POWERED_ADDR_CHANGE": 61,
    "PUNCT": 62,
    "SECURE_NAN": 63,
    "AUTH_AND_DEAUTH_RANDOM_TA": 64,
    "OWE_OFFLOAD": 65,
    "OWE_OFFLOAD_AP": 66,
    "DFS_CONCURRENT": 67,
    "SPP_AMSDU_SUPPORT": 68,
    "NUM_NL80211_EXT_FEATURES": 69,
    "MAX_NL80211_EXT_FEATURES": 68,
  } },
  nl80211_probe_resp_offload_support_attr: { prefix: 'NL80211_PROBE_RESP_OFFLOAD_SUPPORT_', values: {
    "WPS": 1,
    "WPS2": 2,
    "P2P": 4,
    "80211U": 8,
  } },
  nl80211_connect_failed_reason: { prefix: 'NL80211_CONN_FAIL_', values: {
    "MAX_CLIENTS": 0,
    "BLOCKED_CLIENT": 1,
  } },
  nl80211_timeout_reason: { prefix: 'NL80211_TIMEOUT_', values: {
    "UNSPECIFIED": 0,
    "SCAN": 1,
    "AUTH": 2,
    "ASSOC": 3,
  } },
  nl80211_scan_flags: { prefix: 'NL80211_SCAN_FLAG_', values: {
    "LOW_PRIORITY": 1,
    "FLUSH": 2,
    "AP": 4,
    "RANDOM_ADDR": 8,
    "FILS_MAX_CHANNEL_TIME": 16,
    "ACCEPT_BCAST_PROBE_RESP": 32,
    "OCE_PROBE_REQ_HIGH_TX_RATE": 64,
    "OCE_PROBE_REQ_DEFERRAL_SUPPRESSION": 128,
    "LOW_SPAN": 256,
    "LOW_POWER": 512,
    "HIGH_ACCURACY": 1024,
    "RANDOM_SN": 2048,
    "MIN_PREQ_CONTENT": 4096,
    "FREQ_KHZ": 8192,
    "COLOCATED_6GHZ": 16384,
  } },
  nl80211_acl_policy: { prefix: 'NL80211_ACL_POLICY_', values: {
    "ACCEPT_UNLESS_LISTED": 0,
    "DENY_UNLESS_LISTED": 1,
  } },
  nl80211_smps_mode: { prefix: 'NL80211_SMPS_', values: {
    "OFF": 0,
    "STATIC": 1,
    "DYNAMIC": 2,
    "__AFTER_LAST": 3,
    "MAX": 2,
  } },
  nl80211_radar_event: { prefix: 'NL80211_RADAR_', values: {
    "DETECTED": 0,
    "CAC_FINISHED": 1,
    "CAC_ABORTED": 2,
    "NOP_FINISHED": 3,
    "PRE_CAC_EXPIRED": 4,
    "CAC_STARTED": 5,
  } },
  nl80211_dfs_state: { prefix: 'NL80211_DFS_', values: {
    "USABLE": 0,
    "UNAVAILABLE": 1,
    "AVAILABLE": 2,
  } },
  nl80211_protocol_features: { prefix: '', values: {
    "NL80211_PROTOCOL_FEATURE_SPLIT_WIPHY_DUMP": 1,
  } },
  nl80211_crit_proto_id: { prefix: 'NL80211_CRIT_PROTO_', values: {
    "UNSPEC": 0,
    "DHCP": 1,
    "EAPOL": 2,
    "APIPA": 3,
    "NUM_NL80211_CRIT_PROTO": 4,
  } },
  nl80211_rxmgmt_flags: { prefix: 'NL80211_RXMGMT_FLAG_', values: {
    "ANSWERED": 1,
    "EXTERNAL_AUTH": 2,
  } },
  nl80211_tdls_peer_capability: { prefix: 'NL80211_TDLS_PEER_', values: {
    "HT": 1,
    "VHT": 2,
    "WMM": 4,
    "HE": 8,
  } },
  nl80211_sched_scan_plan: { prefix: 'NL80211_SCHED_SCAN_PLAN_', values: {
    "__INVALID": 0,
    "INTERVAL": 1,
    "ITERATIONS": 2,
    "__AFTER_LAST": 3,
    "MAX": 2,
  } },
  nl80211_bss_select_attr: { prefix: 'NL80211_BSS_SELECT_ATTR_', values: {
    "__INVALID": 0,
    "RSSI": 1,
    "BAND_PREF": 2,
    "RSSI_ADJUST": 3,
    "__AFTER_LAST": 4,
    "MAX": 3,
  } },
  nl80211_nan_function_type: { prefix: 'NL80211_NAN_FUNC_', values: {
    "PUBLISH": 0,
    "SUBSCRIBE": 1,
    "FOLLOW_UP": 2,
    "__TYPE_AFTER_LAST": 3,
    "MAX_TYPE": 2,
  } },
  nl80211_nan_publish_type: { prefix: 'NL80211_NAN_', values: {
    "SOLICITED_PUBLISH": 1,
    "UNSOLICITED_PUBLISH": 2,
  } },
  nl80211_nan_func_term_reason: { prefix: 'NL80211_NAN_FUNC_TERM_REASON_', values: {
    "USER_REQUEST": 0,
    "TTL_EXPIRED": 1,
    "ERROR": 2,
  } },
  nl80211_nan_func_attributes: { prefix: 'NL80211_NAN_FUNC_', values: {
    "__INVALID": 0,
    "TYPE": 1,
    "SERVICE_ID": 2,
    "PUBLISH_TYPE": 3,
    "PUBLISH_BCAST": 4,
    "SUBSCRIBE_ACTIVE": 5,
    "FOLLOW_UP_ID": 6,
    "FOLLOW_UP_REQ_ID": 7,
    "FOLLOW_UP_DEST": 8,
    "CLOSE_RANGE": 9,
    "TTL": 10,
    "SERVICE_INFO": 11,
    "SRF": 12,
    "RX_MATCH_FILTER": 13,
    "TX_MATCH_FILTER": 14,
    "INSTANCE_ID": 15,
    "TERM_REASON": 16,
    "NUM_NL80211_NAN_FUNC_ATTR": 17,
    "ATTR_MAX": 16,
  } },
  nl80211_nan_srf_attributes: { prefix: 'NL80211_NAN_SRF_', values: {
    "__INVALID": 0,
    "INCLUDE": 1,
    "BF": 2,
    "BF_IDX": 3,
    "MAC_ADDRS": 4,
    "NUM_NL80211_NAN_SRF_ATTR": 5,
    "ATTR_MAX": 4,
  } },
  nl80211_nan_match_attributes: { prefix: 'NL80211_NAN_MATCH_FUNC_', values: {
    "__NL80211_NAN_MATCH_INVALID": 0,
    "LOCAL": 1,
    "PEER": 2,
    "NUM_NL80211_NAN_MATCH_ATTR": 3,
    "NL80211_NAN_MATCH_ATTR_MAX": 2,
  } },
  nl80211_external_auth_action: { prefix: 'NL80211_EXTERNAL_AUTH_', values: {
    "START": 0,
    "ABORT": 1,
  } },
  nl80211_ftm_responder_attributes: { prefix: 'NL80211_FTM_RESP_ATTR_', values: {
    "__INVALID": 0,
    "ENABLED": 1,
    "LCI": 2,
    "CIVICLOC": 3,
    "__LAST": 4,
    "MAX": 3,
  } },
  nl80211_ftm_responder_stats: { prefix: 'NL80211_FTM_STATS_', values: {
    "__INVALID": 0,
    "SUCCESS_NUM": 1,
    "PARTIAL_NUM": 2,
    "FAILED_NUM": 3,
    "ASAP_NUM": 4,
    "NON_ASAP_NUM": 5,
    "TOTAL_DURATION_MSEC": 6,
    "UNKNOWN_TRIGGERS_NUM": 7,
    "RESCHEDULE_REQUESTS_NUM": 8,
    "OUT_OF_WINDOW_TRIGGERS_NUM": 9,
    "PAD": 10,
    "__AFTER_LAST": 11,
    "MAX": 10,
  } },
  nl80211_preamble: { prefix: 'NL80211_PREAMBLE_', values: {
    "LEGACY": 0,
    "HT": 1,
    "VHT": 2,
    "DMG": 3,
    "HE": 4,
  } },
  nl80211_peer_measurement_type: { prefix: 'NL80211_PMSR_TYPE_', values: {
    "INVALID": 0,
    "FTM": 1,
    "NUM_NL80211_PMSR_TYPES": 2,
    "MAX": 1,
  } },
  nl80211_peer_measurement_status: { prefix: 'NL80211_PMSR_STATUS_', values: {
    "SUCCESS": 0,
    "REFUSED": 1,
    "TIMEOUT": 2,
    "FAILURE": 3,
  } },
  nl80211_peer_measurement_req: { prefix: 'NL80211_PMSR_REQ_ATTR_', values: {
    "__INVALID": 0,
    "DATA": 1,
    "GET_AP_TSF": 2,
    "NUM_NL80211_PMSR_REQ_ATTRS": 3,
    "MAX": 2,
  } },
  nl80211_peer_measurement_resp: { prefix: 'NL80211_PMSR_RESP_ATTR_', values: {
    "__INVALID": 0,
    "DATA": 1,
    "STATUS": 2,
    "HOST_TIME": 3,
    "AP_TSF": 4,
    "FINAL": 5,
    "PAD": 6,
    "NUM_NL80211_PMSR_RESP_ATTRS": 7,
    "MAX": 6,
  } },
  nl80211_peer_measurement_peer_attrs: { prefix: 'NL80211_PMSR_PEER_ATTR_', values: {
    "__INVALID": 0,
    "ADDR": 1,
    "CHAN": 2,
    "REQ": 3,
    "RESP": 4,
    "NUM_NL80211_PMSR_PEER_ATTRS": 5,
    "MAX": 4,
  } },
  nl80211_peer_measurement_attrs: { prefix: 'NL80211_PMSR_ATTR_', values: {
    "__INVALID": 0,
    "MAX_PEERS": 1,
    "REPORT_AP_TSF": 2,
    "RANDOMIZE_MAC_ADDR": 3,
    "TYPE_CAPA": 4,
    "PEERS": 5,
    "NUM_NL80211_PMSR_ATTR": 6,
    "MAX": 5,
  } },
  nl80211_peer_measurement_ftm_capa: { prefix: 'NL80211_PMSR_FTM_CAPA_ATTR_', values: {
    "__INVALID": 0,
    "ASAP": 1,
    "NON_ASAP": 2,
    "REQ_LCI": 3,
    "REQ_CIVICLOC": 4,
    "PREAMBLES": 5,
    "BANDWIDTHS": 6,
    "MAX_BURSTS_EXPONENT": 7,
    "MAX_FTMS_PER_BURST": 8,
    "TRIGGER_BASED": 9,
    "NON_TRIGGER_BASED": 10,
    "NUM_NL80211_PMSR_FTM_CAPA_ATTR": 11,
    "MAX": 10,
  } },
  nl80211_peer_measurement_ftm_req: { prefix: 'NL80211_PMSR_FTM_REQ_ATTR_', values: {
    "__INVALID": 0,
    "ASAP": 1,
    "PREAMBLE": 2,
    "NUM_BURSTS_EXP": 3,
    "BURST_PERIOD": 4,
    "BURST_DURATION": 5,
    "FTMS_PER_BURST": 6,
    "NUM_FTMR_RETRIES": 7,
    "REQUEST_LCI": 8,
    "REQUEST_CIVICLOC": 9,
    "TRIGGER_BASED": 10,
    "NON_TRIGGER_BASED": 11,
    "LMR_FEEDBACK": 12,
    "BSS_COLOR": 13,
    "NUM_NL80211_PMSR_FTM_REQ_ATTR": 14,
    "MAX": 13,
  } },
  nl80211_peer_measurement_ftm_failure_reasons: { prefix: 'NL80211_PMSR_FTM_FAILURE_', values: {
    "UNSPECIFIED": 0,
    "NO_RESPONSE": 1,
    "REJECTED": 2,
    "WRONG_CHANNEL": 3,
    "PEER_NOT_CAPABLE": 4,
    "INVALID_TIMESTAMP": 5,
    "PEER_BUSY": 6,
    "BAD_CHANGED_PARAMS": 7,
  } },
  nl80211_peer_measurement_ftm_resp: { prefix: 'NL80211_PMSR_FTM_RESP_ATTR_', values: {
    "__INVALID": 0,
    "FAIL_REASON": 1,
    "BURST_INDEX": 2,
    "NUM_FTMR_ATTEMPTS": 3,
    "NUM_FTMR_SUCCESSES": 4,
    "BUSY_RETRY_TIME": 5,
    "NUM_BURSTS_EXP": 6,
    "BURST_DURATION": 7,
    "FTMS_PER_BURST": 8,
    "RSSI_AVG": 9,
    "RSSI_SPREAD": 10,
    "TX_RATE": 11,
    "RX_RATE": 12,
    "RTT_AVG": 13,
    "RTT_VARIANCE": 14,
    "RTT_SPREAD": 15,
    "DIST_AVG": 16,
    "DIST_VARIANCE": 17,
    "DIST_SPREAD": 18,
    "LCI": 19,
    "CIVICLOC": 20,
    "PAD": 21,
    "NUM_NL80211_PMSR_FTM_RESP_ATTR": 22,
    "MAX": 21,
  } },
  nl80211_obss_pd_attributes: { prefix: 'NL80211_HE_OBSS_PD_ATTR_', values: {
    "__INVALID": 0,
    "MIN_OFFSET": 1,
    "MAX_OFFSET": 2,
    "NON_SRG_MAX_OFFSET": 3,
    "BSS_COLOR_BITMAP": 4,
    "PARTIAL_BSSID_BITMAP": 5,
    "SR_CTRL": 6,
    "__LAST": 7,
    "MAX": 6,
  } },
  nl80211_bss_color_attributes: { prefix: 'NL80211_HE_BSS_COLOR_ATTR_', values: {
    "__INVALID": 0,
    "COLOR": 1,
    "DISABLED": 2,
    "PARTIAL": 3,
    "__LAST": 4,
    "MAX": 3,
  } },
  nl80211_iftype_akm_attributes: { prefix: 'NL80211_IFTYPE_AKM_ATTR_', values: {
    "__INVALID": 0,
    "IFTYPES": 1,
    "SUITES": 2,
    "__LAST": 3,
    "MAX": 2,
  } },
  nl80211_fils_discovery_attributes: { prefix: 'NL80211_FILS_DISCOVERY_ATTR_', values: {
    "__INVALID": 0,
    "INT_MIN": 1,
    "INT_MAX": 2,
    "TMPL": 3,
    "__LAST": 4,
    "MAX": 3,
  } },
  nl80211_unsol_bcast_probe_resp_attributes: { prefix: 'NL80211_UNSOL_BCAST_PROBE_RESP_ATTR_', values: {
    "__INVALID": 0,
    "INT": 1,
    "TMPL": 2,
    "__LAST": 3,
    "MAX": 2,
  } },
  nl80211_sae_pwe_mechanism: { prefix: 'NL80211_SAE_PWE_', values: {
    "UNSPECIFIED": 0,
    "HUNT_AND_PECK": 1,
    "HASH_TO_ELEMENT": 2,
    "BOTH": 3,
  } },
  nl80211_sar_type: { prefix: '', values: {
    "NL80211_SAR_TYPE_POWER": 0,
    "NUM_NL80211_SAR_TYPE": 1,
  } },
  nl80211_sar_attrs: { prefix: 'NL80211_SAR_ATTR_', values: {
    "__INVALID": 0,
    "TYPE": 1,
    "SPECS": 2,
    "__LAST": 3,
    "MAX": 2,
  } },
  nl80211_sar_specs_attrs: { prefix: 'NL80211_SAR_ATTR_SPECS_', values: {
    "__INVALID": 0,
    "POWER": 1,
    "RANGE_INDEX": 2,
    "START_FREQ": 3,
    "END_FREQ": 4,
    "__LAST": 5,
    "MAX": 4,
  } },
  nl80211_mbssid_config_attributes: { prefix: 'NL80211_MBSSID_CONFIG_ATTR_', values: {
    "__INVALID": 0,
    "MAX_INTERFACES": 1,
    "MAX_EMA_PROFILE_PERIODICITY": 2,
    "INDEX": 3,
    "TX_IFINDEX": 4,
    "EMA": 5,
    "__LAST": 6,
    "MAX": 5,
  } },
  nl80211_ap_settings_flags: { prefix: 'NL80211_AP_SETTINGS_', values: {
    "EXTERNAL_AUTH_SUPPORT": 1,
    "SA_QUERY_OFFLOAD_SUPPORT": 2,
  } },
  nl80211_wiphy_radio_attrs: { prefix: 'NL80211_WIPHY_RADIO_ATTR_', values: {
    "__INVALID": 0,
    "INDEX": 1,
    "FREQ_RANGE": 2,
    "INTERFACE_COMBINATION": 3,
    "__LAST": 4,
    "MAX": 3,
  } },
  nl80211_wiphy_radio_freq_range: { prefix: 'NL80211_WIPHY_RADIO_FREQ_ATTR_', values: {
    "__INVALID": 0,
    "START": 1,
    "END": 2,
    "__LAST": 3,
    "MAX": 2,
  } },
} as const;

export type Nl80211Command = Exclude<keyof typeof ENUMS.nl80211_commands.values, 'UNSPEC' | 'MAX' | '__AFTER_LAST'>;

export type AttrType = 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's32' | 'flag' | 'string' | 'binary' | 'mac' | 'nested' | 'list' | 'map' | 'indexFlags' | 'u32List';
/** An attribute: [number, name, type, nested space]. */
export type AttrDef = readonly [number, string, AttrType, AttrSpaceName | null];

export const ATTR_SPACES = {
  nl80211_attrs: [
    [0, "UNSPEC", 'binary', null],
    [1, "WIPHY", 'u32', null],
    [2, "WIPHY_NAME", 'string', null],
    [3, "IFINDEX", 'u32', null],
    [4, "IFNAME", 'string', null],
    [5, "IFTYPE", 'u32', null],
    [6, "MAC", 'mac', null],
    [7, "KEY_DATA", 'binary', null],
    [8, "KEY_IDX", 'u8', null],
    [9, "KEY_CIPHER", 'u32', null],
    [10, "KEY_SEQ", 'binary', null],
    [11, "KEY_DEFAULT", 'flag', null],
    [12, "BEACON_INTERVAL", 'u32', null],
    [13, "DTIM_PERIOD", 'u32', null],
    [14, "BEACON_HEAD", 'binary', null],
    [15, "BEACON_TAIL", 'binary', null],
    [16, "STA_AID", 'u16', null],
    [17, "STA_FLAGS", 'binary', null],
    [18, "STA_LISTEN_INTERVAL", 'u16', null],
    [19, "STA_SUPPORTED_RATES", 'binary', null],
    [20, "STA_VLAN", 'u32', null],
    [21, "STA_INFO", 'nested', 'nl80211_sta_info'],
    [22, "WIPHY_BANDS", 'map', 'nl80211_band_attr'],
    [23, "MNTR_FLAGS", 'indexFlags', null],
    [24, "MESH_ID", 'binary', null],
    [25, "STA_PLINK_ACTION", 'binary', null],
    [26, "MPATH_NEXT_HOP", 'binary', null],
    [27, "MPATH_INFO", 'binary', null],
    [28, "BSS_CTS_PROT", 'binary', null],
    [29, "BSS_SHORT_PREAMBLE", 'binary', null],
    [30, "BSS_SHORT_SLOT_TIME", 'binary', null],
    [31, "HT_CAPABILITY", 'binary', null],
    [32, "SUPPORTED_IFTYPES", 'indexFlags', null],
    [33, "REG_ALPHA2", 'string', null],
    [34, "REG_RULES", 'binary', null],
    [35, "MESH_CONFIG", 'binary', null],
    [36, "BSS_BASIC_RATES", 'binary', null],
    [37, "WIPHY_TXQ_PARAMS", 'binary', null],
    [38, "WIPHY_FREQ", 'u32', null],
    [39, "WIPHY_CHANNEL_TYPE", 'u32', null],
    [40, "KEY_DEFAULT_MGMT", 'flag', null],
    [41, "MGMT_SUBTYPE", 'binary', null],
    [42, "IE", 'binary', null],
    [43, "MAX_NUM_SCAN_SSIDS", 'u8', null],
    [44, "SCAN_FREQUENCIES", 'u32List', null],
    [45, "SCAN_SSIDS", 'binary', null],
    [46, "GENERATION", 'u32', null],
    [47, "BSS", 'nested', 'nl80211_bss'],
    [48, "REG_INITIATOR", 'u8', null],
    [49, "REG_TYPE", 'u8', null],
    [50, "SUPPORTED_COMMANDS", 'u32List', null],
    [51, "FRAME", 'binary', null],
    [52, "SSID", 'binary', null],
    [53, "AUTH_TYPE", 'u32', null],
    [54, "REASON_CODE", 'u16', null],
    [55, "KEY_TYPE", 'u32', null],
    [56, "MAX_SCAN_IE_LEN", 'u16', null],
    [57, "CIPHER_SUITES", 'binary', null],
    [58, "FREQ_BEFORE", 'binary', null],
    [59, "FREQ_AFTER", 'binary', null],
    [60, "FREQ_FIXED", 'binary', null],
    [61, "WIPHY_RETRY_SHORT", 'u8', null],
    [62, "WIPHY_RETRY_LONG", 'u8', null],
    [63, "WIPHY_FRAG_THRESHOLD", 'u32', null],
    [64, "WIPHY_RTS_THRESHOLD", 'u32', null],
    [65, "TIMED_OUT", 'flag', null],
    [66, "USE_MFP", 'u32', null],
    [67, "STA_FLAGS2", 'binary', null],
    [68, "CONTROL_PORT", 'flag', null],
    [69, "TESTDATA", 'binary', null],
    [70, "PRIVACY", 'flag', null],
    [71, "DISCONNECTED_BY_AP", 'flag', null],
    [72, "STATUS_CODE", 'u16', null],
    [73, "CIPHER_SUITES_PAIRWISE", 'binary', null],
    [74, "CIPHER_SUITE_GROUP", 'u32', null],
    [75, "WPA_VERSIONS", 'u32', null],
    [76, "AKM_SUITES", 'binary', null],
    [77, "REQ_IE", 'binary', null],
    [78, "RESP_IE", 'binary', null],
    [79, "PREV_BSSID", 'mac', null],
    [80, "KEY", 'nested', 'nl80211_key_attributes'],
    [81, "KEYS", 'binary', null],
    [82, "PID", 'u32', null],
    [83, "4ADDR", 'u8', null],
    [84, "SURVEY_INFO", 'nested', 'nl80211_survey_info'],
    [85, "PMKID", 'binary', null],
    [86, "MAX_NUM_PMKIDS", 'binary', null],
    [87, "DURATION", 'u32', null],
    [88, "COOKIE", 'u64', null],
    [89, "WIPHY_COVERAGE_CLASS", 'u8', null],
    [90, "TX_RATES", 'binary', null],
    [91, "FRAME_MATCH", 'binary', null],
    [92, "ACK", 'flag', null],
    [93, "PS_STATE", 'u32', null],
    [94, "CQM", 'binary', null],
    [95, "LOCAL_STATE_CHANGE", 'flag', null],
    [96, "AP_ISOLATE", 'binary', null],
    [97, "WIPHY_TX_POWER_SETTING", 'u32', null],
    [98, "WIPHY_TX_POWER_LEVEL", 'u32', null],
    [99, "TX_FRAME_TYPES", 'binary', null],
    [100, "RX_FRAME_TYPES", 'binary', null],
    [101, "FRAME_TYPE", 'u16', null],
    [102, "CONTROL_PORT_ETHERTYPE", 'u16', null],
    [103, "CONTROL_PORT_NO_ENCRYPT", 'flag', null],
    [104, "SUPPORT_IBSS_RSN", 'flag', null],
    [105, "WIPHY_ANTENNA_TX", 'u32', null],
    [106, "WIPHY_ANTENNA_RX", 'u32', null],
    [107, "MCAST_RATE", 'binary', null],
    [108, "OFFCHANNEL_TX_OK", 'flag', null],
    [109, "BSS_HT_OPMODE", 'binary', null],
    [110, "KEY_DEFAULT_TYPES", 'binary', null],
    [111, "MAX_REMAIN_ON_CHANNEL_DURATION", 'u32', null],
    [112, "MESH_SETUP", 'binary', null],
    [113, "WIPHY_ANTENNA_AVAIL_TX", 'u32', null],
    [114, "WIPHY_ANTENNA_AVAIL_RX", 'u32', null],
    [115, "SUPPORT_MESH_AUTH", 'flag', null],
    [116, "STA_PLINK_STATE", 'binary', null],
    [117, "WOWLAN_TRIGGERS", 'binary', null],
    [118, "WOWLAN_TRIGGERS_SUPPORTED", 'binary', null],
    [119, "SCHED_SCAN_INTERVAL", 'binary', null],
    [120, "INTERFACE_COMBINATIONS", 'list', 'nl80211_if_combination_attrs'],
    [121, "SOFTWARE_IFTYPES", 'indexFlags', null],
    [122, "REKEY_DATA", 'binary', null],
    [123, "MAX_NUM_SCHED_SCAN_SSIDS", 'u8', null],
    [124, "MAX_SCHED_SCAN_IE_LEN", 'u16', null],
    [125, "SCAN_SUPP_RATES", 'binary', null],
    [126, "HIDDEN_SSID", 'u32', null],
    [127, "IE_PROBE_RESP", 'binary', null],
    [128, "IE_ASSOC_RESP", 'binary', null],
    [129, "STA_WME", 'nested', 'nl80211_sta_wme_attr'],
    [130, "SUPPORT_AP_UAPSD", 'flag', null],
    [131, "ROAM_SUPPORT", 'flag', null],
    [132, "SCHED_SCAN_MATCH", 'binary', null],
    [133, "MAX_MATCH_SETS", 'u8', null],
    [134, "PMKSA_CANDIDATE", 'binary', null],
    [135, "TX_NO_CCK_RATE", 'flag', null],
    [136, "TDLS_ACTION", 'binary', null],
    [137, "TDLS_DIALOG_TOKEN", 'binary', null],
    [138, "TDLS_OPERATION", 'binary', null],
    [139, "TDLS_SUPPORT", 'flag', null],
    [140, "TDLS_EXTERNAL_SETUP", 'flag', null],
    [141, "DEVICE_AP_SME", 'u32', null],
    [142, "DONT_WAIT_FOR_ACK", 'flag', null],
    [143, "FEATURE_FLAGS", 'u32', null],
    [144, "PROBE_RESP_OFFLOAD", 'binary', null],
    [145, "PROBE_RESP", 'binary', null],
    [146, "DFS_REGION", 'binary', null],
    [147, "DISABLE_HT", 'binary', null],
    [148, "HT_CAPABILITY_MASK", 'binary', null],
    [149, "NOACK_MAP", 'binary', null],
    [150, "INACTIVITY_TIMEOUT", 'u16', null],
    [151, "RX_SIGNAL_DBM", 's32', null],
    [152, "BG_SCAN_PERIOD", 'binary', null],
    [153, "WDEV", 'u64', null],
    [154, "USER_REG_HINT_TYPE", 'binary', null],
    [155, "CONN_FAILED_REASON", 'binary', null],
    [156, "AUTH_DATA", 'binary', null],
    [157, "VHT_CAPABILITY", 'binary', null],
    [158, "SCAN_FLAGS", 'u32', null],
    [159, "CHANNEL_WIDTH", 'u32', null],
    [160, "CENTER_FREQ1", 'u32', null],
    [161, "CENTER_FREQ2", 'u32', null],
    [162, "P2P_CTWINDOW", 'u8', null],
    [163, "P2P_OPPPS", 'u8', null],
    [164, "LOCAL_MESH_POWER_MODE", 'binary', null],
    [165, "ACL_POLICY", 'binary', null],
    [166, "MAC_ADDRS", 'binary', null],
    [168, "RADAR_EVENT", 'binary', null],
    [169, "EXT_CAPA", 'binary', null],
    [170, "EXT_CAPA_MASK", 'binary', null],
    [171, "STA_CAPABILITY", 'u16', null],
    [172, "STA_EXT_CAPABILITY", 'binary', null],
    [173, "PROTOCOL_FEATURES", 'u32', null],
    [174, "SPLIT_WIPHY_DUMP", 'flag', null],
    [175, "DISABLE_VHT", 'binary', null],
    [176, "VHT_CAPABILITY_MASK", 'binary', null],
    [177, "MDID", 'binary', null],
    [178, "IE_RIC", 'binary', null],
    [179, "CRIT_PROT_ID", 'binary', null],
    [180, "MAX_CRIT_PROT_DURATION", 'binary', null],
    [181, "PEER_AID", 'binary', null],
    [182, "COALESCE_RULE", 'binary', null],
    [183, "CH_SWITCH_COUNT", 'binary', null],
    [184, "CH_SWITCH_BLOCK_TX", 'binary', null],
    [185, "CSA_IES", 'binary', null],
    [186, "CNTDWN_OFFS_BEACON", 'binary', null],
    [187, "CNTDWN_OFFS_PRESP", 'binary', null],
    [188, "RXMGMT_FLAGS", 'u32', null],
    [189, "STA_SUPPORTED_CHANNELS", 'binary', null],
    [190, "STA_SUPPORTED_OPER_CLASSES", 'binary', null],
    [191, "HANDLE_DFS", 'binary', null],
    [192, "SUPPORT_5_MHZ", 'binary', null],
    [193, "SUPPORT_10_MHZ", 'binary', null],
    [194, "OPMODE_NOTIF", 'u8', null],
    [195, "VENDOR_ID", 'binary', null],
    [196, "VENDOR_SUBCMD", 'binary', null],
    [197, "VENDOR_DATA", 'binary', null],
    [198, "VENDOR_EVENTS", 'binary', null],
    [199, "QOS_MAP", 'binary', null],
    [200, "MAC_HINT", 'binary', null],
    [201, "WIPHY_FREQ_HINT", 'binary', null],
    [202, "MAX_AP_ASSOC_STA", 'u32', null],
    [203, "TDLS_PEER_CAPABILITY", 'binary', null],
    [204, "SOCKET_OWNER", 'flag', null],
    [205, "CSA_C_OFFSETS_TX", 'binary', null],
    [206, "MAX_CSA_COUNTERS", 'u8', null],
    [207, "TDLS_INITIATOR", 'binary', null],
    [208, "USE_RRM", 'binary', null],
    [209, "WIPHY_DYN_ACK", 'flag', null],
    [210, "TSID", 'binary', null],
    [211, "USER_PRIO", 'binary', null],
    [212, "ADMITTED_TIME", 'binary', null],
    [213, "SMPS_MODE", 'u8', null],
    [214, "OPER_CLASS", 'binary', null],
    [215, "MAC_MASK", 'mac', null],
    [216, "WIPHY_SELF_MANAGED_REG", 'flag', null],
    [217, "EXT_FEATURES", 'binary', null],
    [218, "SURVEY_RADIO_STATS", 'binary', null],
    [219, "NETNS_FD", 'u32', null],
    [220, "SCHED_SCAN_DELAY", 'binary', null],
    [221, "REG_INDOOR", 'binary', null],
    [222, "MAX_NUM_SCHED_SCAN_PLANS", 'binary', null],
    [223, "MAX_SCAN_PLAN_INTERVAL", 'binary', null],
    [224, "MAX_SCAN_PLAN_ITERATIONS", 'binary', null],
    [225, "SCHED_SCAN_PLANS", 'binary', null],
    [226, "PBSS", 'binary', null],
    [227, "BSS_SELECT", 'binary', null],
    [228, "STA_SUPPORT_P2P_PS", 'binary', null],
    [229, "PAD", 'binary', null],
    [230, "IFTYPE_EXT_CAPA", 'list', 'nl80211_attrs'],
    [231, "MU_MIMO_GROUP_DATA", 'binary', null],
    [232, "MU_MIMO_FOLLOW_MAC_ADDR", 'binary', null],
    [233, "SCAN_START_TIME_TSF", 'binary', null],
    [234, "SCAN_START_TIME_TSF_BSSID", 'binary', null],
    [235, "MEASUREMENT_DURATION", 'binary', null],
    [236, "MEASUREMENT_DURATION_MANDATORY", 'binary', null],
    [237, "MESH_PEER_AID", 'binary', null],
    [238, "NAN_MASTER_PREF", 'binary', null],
    [239, "BANDS", 'u32', null],
    [240, "NAN_FUNC", 'binary', null],
    [241, "NAN_MATCH", 'binary', null],
    [242, "FILS_KEK", 'binary', null],
    [243, "FILS_NONCES", 'binary', null],
    [244, "MULTICAST_TO_UNICAST_ENABLED", 'flag', null],
    [245, "BSSID", 'mac', null],
    [246, "SCHED_SCAN_RELATIVE_RSSI", 'binary', null],
    [247, "SCHED_SCAN_RSSI_ADJUST", 'binary', null],
    [248, "TIMEOUT_REASON", 'u32', null],
    [249, "FILS_ERP_USERNAME", 'binary', null],
    [250, "FILS_ERP_REALM", 'binary', null],
    [251, "FILS_ERP_NEXT_SEQ_NUM", 'binary', null],
    [252, "FILS_ERP_RRK", 'binary', null],
    [253, "FILS_CACHE_ID", 'binary', null],
    [254, "PMK", 'binary', null],
    [255, "SCHED_SCAN_MULTI", 'binary', null],
    [256, "SCHED_SCAN_MAX_REQS", 'binary', null],
    [257, "WANT_1X_4WAY_HS", 'binary', null],
    [258, "PMKR0_NAME", 'binary', null],
    [259, "PORT_AUTHORIZED", 'binary', null],
    [260, "EXTERNAL_AUTH_ACTION", 'binary', null],
    [261, "EXTERNAL_AUTH_SUPPORT", 'flag', null],
    [262, "NSS", 'binary', null],
    [263, "ACK_SIGNAL", 'binary', null],
    [264, "CONTROL_PORT_OVER_NL80211", 'flag', null],
    [265, "TXQ_STATS", 'nested', 'nl80211_txq_stats'],
    [266, "TXQ_LIMIT", 'binary', null],
    [267, "TXQ_MEMORY_LIMIT", 'binary', null],
    [268, "TXQ_QUANTUM", 'binary', null],
    [269, "HE_CAPABILITY", 'binary', null],
    [270, "FTM_RESPONDER", 'binary', null],
    [271, "FTM_RESPONDER_STATS", 'binary', null],
    [272, "TIMEOUT", 'binary', null],
    [273, "PEER_MEASUREMENTS", 'binary', null],
    [274, "AIRTIME_WEIGHT", 'binary', null],
    [275, "STA_TX_POWER_SETTING", 'binary', null],
    [276, "STA_TX_POWER", 'binary', null],
    [277, "SAE_PASSWORD", 'binary', null],
    [278, "TWT_RESPONDER", 'binary', null],
    [279, "HE_OBSS_PD", 'binary', null],
    [280, "WIPHY_EDMG_CHANNELS", 'binary', null],
    [281, "WIPHY_EDMG_BW_CONFIG", 'binary', null],
    [282, "VLAN_ID", 'binary', null],
    [283, "HE_BSS_COLOR", 'binary', null],
    [284, "IFTYPE_AKM_SUITES", 'binary', null],
    [285, "TID_CONFIG", 'binary', null],
    [286, "CONTROL_PORT_NO_PREAUTH", 'flag', null],
    [287, "PMK_LIFETIME", 'binary', null],
    [288, "PMK_REAUTH_THRESHOLD", 'binary', null],
    [289, "RECEIVE_MULTICAST", 'binary', null],
    [290, "WIPHY_FREQ_OFFSET", 'u32', null],
    [291, "CENTER_FREQ1_OFFSET", 'u32', null],
    [292, "SCAN_FREQ_KHZ", 'binary', null],
    [293, "HE_6GHZ_CAPABILITY", 'binary', null],
    [294, "FILS_DISCOVERY", 'binary', null],
    [295, "UNSOL_BCAST_PROBE_RESP", 'binary', null],
    [296, "S1G_CAPABILITY", 'binary', null],
    [297, "S1G_CAPABILITY_MASK", 'binary', null],
    [298, "SAE_PWE", 'binary', null],
    [299, "RECONNECT_REQUESTED", 'binary', null],
    [300, "SAR_SPEC", 'binary', null],
    [301, "DISABLE_HE", 'binary', null],
    [302, "OBSS_COLOR_BITMAP", 'binary', null],
    [303, "COLOR_CHANGE_COUNT", 'binary', null],
    [304, "COLOR_CHANGE_COLOR", 'binary', null],
    [305, "COLOR_CHANGE_ELEMS", 'binary', null],
    [306, "MBSSID_CONFIG", 'binary', null],
    [307, "MBSSID_ELEMS", 'binary', null],
    [308, "RADAR_BACKGROUND", 'binary', null],
    [309, "AP_SETTINGS_FLAGS", 'binary', null],
    [310, "EHT_CAPABILITY", 'binary', null],
    [311, "DISABLE_EHT", 'binary', null],
    [312, "MLO_LINKS", 'list', 'nl80211_attrs'],
    [313, "MLO_LINK_ID", 'u8', null],
    [314, "MLD_ADDR", 'mac', null],
    [315, "MLO_SUPPORT", 'flag', null],
    [316, "MAX_NUM_AKM_SUITES", 'u16', null],
    [317, "EML_CAPABILITY", 'u16', null],
    [318, "MLD_CAPA_AND_OPS", 'u16', null],
    [319, "TX_HW_TIMESTAMP", 'binary', null],
    [320, "RX_HW_TIMESTAMP", 'binary', null],
    [321, "TD_BITMAP", 'binary', null],
    [322, "PUNCT_BITMAP", 'binary', null],
    [323, "MAX_HW_TIMESTAMP_PEERS", 'binary', null],
    [324, "HW_TIMESTAMP_ENABLED", 'binary', null],
    [325, "EMA_RNR_ELEMS", 'binary', null],
    [326, "MLO_LINK_DISABLED", 'flag', null],
    [327, "BSS_DUMP_INCLUDE_USE_DATA", 'binary', null],
    [328, "MLO_TTLM_DLINK", 'binary', null],
    [329, "MLO_TTLM_ULINK", 'binary', null],
    [330, "ASSOC_SPP_AMSDU", 'binary', null],
    [331, "WIPHY_RADIOS", 'list', 'nl80211_wiphy_radio_attrs'],
    [332, "WIPHY_INTERFACE_COMBINATIONS", 'list', 'nl80211_if_combination_attrs'],
    [333, "VIF_RADIO_MASK", 'binary', null],
  ],
  nl80211_band_attr: [
    [1, "FREQS", 'list', 'nl80211_frequency_attr'],
    [2, "RATES", 'list', 'nl80211_bitrate_attr'],
    [3, "HT_MCS_SET", 'binary', null],
    [4, "HT_CAPA", 'u16', null],
    [5, "HT_AMPDU_FACTOR", 'u8', null],
    [6, "HT_AMPDU_DENSITY", 'u8', null],
    [7, "VHT_MCS_SET", 'binary', null],
    [8, "VHT_CAPA", 'u32', null],
    [9, "IFTYPE_DATA", 'list', 'nl80211_band_iftype_attr'],
    [10, "EDMG_CHANNELS", 'u8', null],
    [11, "EDMG_BW_CONFIG", 'u8', null],
    [12, "S1G_MCS_NSS_SET", 'binary', null],
    [13, "S1G_CAPA", 'binary', null],
  ],
  nl80211_band_iftype_attr: [
    [1, "IFTYPES", 'indexFlags', null],
    [2, "HE_CAP_MAC", 'binary', null],
    [3, "HE_CAP_PHY", 'binary', null],
    [4, "HE_CAP_MCS_SET", 'binary', null],
    [5, "HE_CAP_PPE", 'binary', null],
    [6, "HE_6GHZ_CAPA", 'u16', null],
    [7, "VENDOR_ELEMS", 'binary', null],
    [8, "EHT_CAP_MAC", 'binary', null],
    [9, "EHT_CAP_PHY", 'binary', null],
    [10, "EHT_CAP_MCS_SET", 'binary', null],
    [11, "EHT_CAP_PPE", 'binary', null],
  ],
  nl80211_frequency_attr: [
    [1, "FREQ", 'u32', null],
    [2, "DISABLED", 'flag', null],
    [3, "NO_IR", 'flag', null],
    [4, "__NO_IBSS", 'flag', null],
    [5, "RADAR", 'flag', null],
    [6, "MAX_TX_POWER", 'u32', null],
    [7, "DFS_STATE", 'u32', null],
    [8, "DFS_TIME", 'u32', null],
    [9, "NO_HT40_MINUS", 'flag', null],
    [10, "NO_HT40_PLUS", 'flag', null],
    [11, "NO_80MHZ", 'flag', null],
    [12, "NO_160MHZ", 'flag', null],
    [13, "DFS_CAC_TIME", 'u32', null],
    [14, "INDOOR_ONLY", 'flag', null],
    [15, "IR_CONCURRENT", 'flag', null],
    [16, "NO_20MHZ", 'flag', null],
    [17, "NO_10MHZ", 'flag', null],
    [18, "WMM", 'binary', null],
    [19, "NO_HE", 'flag', null],
    [20, "OFFSET", 'u32', null],
    [21, "1MHZ", 'flag', null],
    [22, "2MHZ", 'flag', null],
    [23, "4MHZ", 'flag', null],
    [24, "8MHZ", 'flag', null],
    [25, "16MHZ", 'flag', null],
    [26, "NO_320MHZ", 'flag', null],
    [27, "NO_EHT", 'flag', null],
    [28, "PSD", 's8', null],
    [29, "DFS_CONCURRENT", 'flag', null],
    [30, "NO_6GHZ_VLP_CLIENT", 'flag', null],
    [31, "NO_6GHZ_AFC_CLIENT", 'flag', null],
    [32, "CAN_MONITOR", 'flag', null],
    [33, "ALLOW_6GHZ_VLP_AP", 'flag', null],
    [34, "ALLOW_20MHZ_ACTIVITY", 'binary', null],
  ],
  nl80211_bitrate_attr: [
    [1, "RATE", 'u32', null],
    [2, "2GHZ_SHORTPREAMBLE", 'flag', null],
  ],
  nl80211_if_combination_attrs: [
    [0, "UNSPEC", 'binary', null],
    [1, "LIMITS", 'list', 'nl80211_iface_limit_attrs'],
    [2, "MAXNUM", 'u32', null],
    [3, "STA_AP_BI_MATCH", 'flag', null],
    [4, "NUM_CHANNELS", 'u32', null],
    [5, "RADAR_DETECT_WIDTHS", 'u32', null],
    [6, "RADAR_DETECT_REGIONS", 'u32', null],
    [7, "BI_MIN_GCD", 'u32', null],
  ],
  nl80211_iface_limit_attrs: [
    [0, "UNSPEC", 'binary', null],
    [1, "MAX", 'u32', null],
    [2, "TYPES", 'indexFlags', null],
  ],
  nl80211_wiphy_radio_attrs: [
    [1, "INDEX", 'u32', null],
    [2, "FREQ_RANGE", 'nested', 'nl80211_wiphy_radio_freq_range'],
    [3, "INTERFACE_COMBINATION", 'nested', 'nl80211_if_combination_attrs'],
  ],
  nl80211_wiphy_radio_freq_range: [
    [1, "START", 'u32', null],
    [2, "END", 'u32', null],
  ],
  nl80211_sta_info: [
    [1, "INACTIVE_TIME", 'u32', null],
    [2, "RX_BYTES", 'u32', null],
    [3, "TX_BYTES", 'u32', null],
    [4, "LLID", 'u16', null],
    [5, "PLID", 'u16', null],
    [6, "PLINK_STATE", 'u8', null],
    [7, "SIGNAL", 's8', null],
    [8, "TX_BITRATE", 'nested', 'nl80211_rate_info'],
    [9, "RX_PACKETS", 'u32', null],
    [10, "TX_PACKETS", 'u32', null],
    [11, "TX_RETRIES", 'u32', null],
    [12, "TX_FAILED", 'u32', null],
    [13, "SIGNAL_AVG", 's8', null],
    [14, "RX_BITRATE", 'nested', 'nl80211_rate_info'],
    [15, "BSS_PARAM", 'binary', null],
    [16, "CONNECTED_TIME", 'u32', null],
    [17, "STA_FLAGS", 'binary', null],
    [18, "BEACON_LOSS", 'u32', null],
    [19, "T_OFFSET", 'u64', null],
    [20, "LOCAL_PM", 'binary', null],
    [21, "PEER_PM", 'binary', null],
    [22, "NONPEER_PM", 'binary', null],
    [23, "RX_BYTES64", 'u64', null],
    [24, "TX_BYTES64", 'u64', null],
    [25, "CHAIN_SIGNAL", 'binary', null],
    [26, "CHAIN_SIGNAL_AVG", 'binary', null],
    [27, "EXPECTED_THROUGHPUT", 'binary', null],
    [28, "RX_DROP_MISC", 'binary', null],
    [29, "BEACON_RX", 'u64', null],
    [30, "BEACON_SIGNAL_AVG", 's8', null],
    [31, "TID_STATS", 'binary', null],
    [32, "RX_DURATION", 'binary', null],
    [33, "PAD", 'binary', null],
    [34, "ACK_SIGNAL", 'binary', null],
    [35, "ACK_SIGNAL_AVG", 'binary', null],
    [36, "RX_MPDUS", 'binary', null],
    [37, "FCS_ERROR_COUNT", 'binary', null],
    [38, "CONNECTED_TO_GATE", 'binary', null],
    [39, "TX_DURATION", 'binary', null],
    [40, "AIRTIME_WEIGHT", 'binary', null],
    [41, "AIRTIME_LINK_METRIC", 'binary', null],
    [42, "ASSOC_AT_BOOTTIME", 'u64', null],
    [43, "CONNECTED_TO_AS", 'binary', null],
  ],
  nl80211_key_attributes: [
    [1, "DATA", 'binary', null],
    [2, "IDX", 'u8', null],
    [3, "CIPHER", 'u32', null],
    [4, "SEQ", 'binary', null],
    [5, "DEFAULT", 'flag', null],
    [6, "DEFAULT_MGMT", 'flag', null],
    [7, "TYPE", 'u32', null],
    [8, "DEFAULT_TYPES", 'indexFlags', null],
    [9, "MODE", 'u8', null],
    [10, "DEFAULT_BEACON", 'flag', null],
  ],
  nl80211_sta_wme_attr: [
    [1, "UAPSD_QUEUES", 'u8', null],
    [2, "MAX_SP", 'u8', null],
  ],
  nl80211_rate_info: [
    [1, "BITRATE", 'u16', null],
    [2, "MCS", 'u8', null],
    [3, "40_MHZ_WIDTH", 'flag', null],
    [4, "SHORT_GI", 'flag', null],
    [5, "BITRATE32", 'u32', null],
    [6, "VHT_MCS", 'u8', null],
    [7, "VHT_NSS", 'u8', null],
    [8, "80_MHZ_WIDTH", 'flag', null],
    [9, "80P80_MHZ_WIDTH", 'binary', null],
    [10, "160_MHZ_WIDTH", 'flag', null],
    [11, "10_MHZ_WIDTH", 'binary', null],
    [12, "5_MHZ_WIDTH", 'binary', null],
    [13, "HE_MCS", 'u8', null],
    [14, "HE_NSS", 'u8', null],
    [15, "HE_GI", 'u8', null],
    [16, "HE_DCM", 'binary', null],
    [17, "HE_RU_ALLOC", 'binary', null],
    [18, "320_MHZ_WIDTH", 'flag', null],
    [19, "EHT_MCS", 'u8', null],
    [20, "EHT_NSS", 'u8', null],
    [21, "EHT_GI", 'u8', null],
    [22, "EHT_RU_ALLOC", 'binary', null],
    [23, "S1G_MCS", 'binary', null],
    [24, "S1G_NSS", 'binary', null],
    [25, "1_MHZ_WIDTH", 'binary', null],
    [26, "2_MHZ_WIDTH", 'binary', null],
    [27, "4_MHZ_WIDTH", 'binary', null],
    [28, "8_MHZ_WIDTH", 'binary', null],
    [29, "16_MHZ_WIDTH", 'binary', null],
  ],
  nl80211_bss: [
    [1, "BSSID", 'mac', null],
    [2, "FREQUENCY", 'u32', null],
    [3, "TSF", 'u64', null],
    [4, "BEACON_INTERVAL", 'u16', null],
    [5, "CAPABILITY", 'u16', null],
    [6, "INFORMATION_ELEMENTS", 'binary', null],
    [7, "SIGNAL_MBM", 's32', null],
    [8, "SIGNAL_UNSPEC", 'u8', null],
    [9, "STATUS", 'u32', null],
    [10, "SEEN_MS_AGO", 'u32', null],
    [11, "BEACON_IES", 'binary', null],
    [12, "CHAN_WIDTH", 'u32', null],
    [13, "BEACON_TSF", 'u64', null],
    [14, "PRESP_DATA", 'flag', null],
    [15, "LAST_SEEN_BOOTTIME", 'u64', null],
    [16, "PAD", 'binary', null],
    [17, "PARENT_TSF", 'u64', null],
    [18, "PARENT_BSSID", 'mac', null],
    [19, "CHAIN_SIGNAL", 'binary', null],
    [20, "FREQUENCY_OFFSET", 'u32', null],
    [21, "MLO_LINK_ID", 'u8', null],
    [22, "MLD_ADDR", 'mac', null],
    [23, "USE_FOR", 'u32', null],
    [24, "CANNOT_USE_REASONS", 'u64', null],
  ],
  nl80211_txq_stats: [
    [1, "BACKLOG_BYTES", 'u32', null],
    [2, "BACKLOG_PACKETS", 'u32', null],
    [3, "FLOWS", 'u32', null],
    [4, "DROPS", 'u32', null],
    [5, "ECN_MARKS", 'u32', null],
    [6, "OVERLIMIT", 'u32', null],
    [7, "OVERMEMORY", 'u32', null],
    [8, "COLLISIONS", 'u32', null],
    [9, "TX_BYTES", 'u32', null],
    [10, "TX_PACKETS", 'u32', null],
    [11, "MAX_FLOWS", 'u32', null],
  ],
  nl80211_survey_info: [
    [1, "FREQUENCY", 'u32', null],
    [2, "NOISE", 's8', null],
    [3, "IN_USE", 'flag', null],
    [4, "TIME", 'u64', null],
    [5, "TIME_BUSY", 'u64', null],
    [6, "TIME_EXT_BUSY", 'u64', null],
    [7, "TIME_RX", 'u64', null],
    [8, "TIME_TX", 'u64', null],
    [9, "TIME_SCAN", 'u64', null],
    [10, "PAD", 'binary', null],
    [11, "TIME_BSS_RX", 'u64', null],
    [12, "FREQUENCY_OFFSET", 'u32', null],
  ],
} as const satisfies Record<string, readonly AttrDef[]>;

export type AttrSpaceName = 'nl80211_attrs' | 'nl80211_band_attr' | 'nl80211_band_iftype_attr' | 'nl80211_frequency_attr' | 'nl80211_bitrate_attr' | 'nl80211_if_combination_attrs' | 'nl80211_iface_limit_attrs' | 'nl80211_wiphy_radio_attrs' | 'nl80211_wiphy_radio_freq_range' | 'nl80211_sta_info' | 'nl80211_key_attributes' | 'nl80211_sta_wme_attr' | 'nl80211_rate_info' | 'nl80211_bss' | 'nl80211_txq_stats' | 'nl80211_survey_info';

export interface Attrs_nl80211_attrs {
  "UNSPEC"?: Uint8Array;
  "WIPHY"?: number;
  "WIPHY_NAME"?: string;
  "IFINDEX"?: number;
  "IFNAME"?: string;
  "IFTYPE"?: number;
  "MAC"?: string;
  "KEY_DATA"?: Uint8Array;
  "KEY_IDX"?: number;
  "KEY_CIPHER"?: number;
  "KEY_SEQ"?: Uint8Array;
  "KEY_DEFAULT"?: true;
  "BEACON_INTERVAL"?: number;
  "DTIM_PERIOD"?: number;
  "BEACON_HEAD"?: Uint8Array;
  "BEACON_TAIL"?: Uint8Array;
  "STA_AID"?: number;
  "STA_FLAGS"?: Uint8Array;
  "STA_LISTEN_INTERVAL"?: number;
  "STA_SUPPORTED_RATES"?: Uint8Array;
  "STA_VLAN"?: number;
  "STA_INFO"?: Attrs_nl80211_sta_info;
  "WIPHY_BANDS"?: Partial<Record<number, Attrs_nl80211_band_attr>>;
  "MNTR_FLAGS"?: number[];
  "MESH_ID"?: Uint8Array;
  "STA_PLINK_ACTION"?: Uint8Array;
  "MPATH_NEXT_HOP"?: Uint8Array;
  "MPATH_INFO"?: Uint8Array;
  "BSS_CTS_PROT"?: Uint8Array;
  "BSS_SHORT_PREAMBLE"?: Uint8Array;
  "BSS_SHORT_SLOT_TIME"?: Uint8Array;
  "HT_CAPABILITY"?: Uint8Array;
  "SUPPORTED_IFTYPES"?: number[];
  "REG_ALPHA2"?: string;
  "REG_RULES"?: Uint8Array;
  "MESH_CONFIG"?: Uint8Array;
  "BSS_BASIC_RATES"?: Uint8Array;
  "WIPHY_TXQ_PARAMS"?: Uint8Array;
  "WIPHY_FREQ"?: number;
  "WIPHY_CHANNEL_TYPE"?: number;
  "KEY_DEFAULT_MGMT"?: true;
  "MGMT_SUBTYPE"?: Uint8Array;
  "IE"?: Uint8Array;
  "MAX_NUM_SCAN_SSIDS"?: number;
  "SCAN_FREQUENCIES"?: number[];
  "SCAN_SSIDS"?: Uint8Array;
  "GENERATION"?: number;
  "BSS"?: Attrs_nl80211_bss;
  "REG_INITIATOR"?: number;
  "REG_TYPE"?: number;
  "SUPPORTED_COMMANDS"?: number[];
  "FRAME"?: Uint8Array;
  "SSID"?: Uint8Array;
  "AUTH_TYPE"?: number;
  "REASON_CODE"?: number;
  "KEY_TYPE"?: number;
  "MAX_SCAN_IE_LEN"?: number;
  "CIPHER_SUITES"?: Uint8Array;
  "FREQ_BEFORE"?: Uint8Array;
  "FREQ_AFTER"?: Uint8Array;
  "FREQ_FIXED"?: Uint8Array;
  "WIPHY_RETRY_SHORT"?: number;
  "WIPHY_RETRY_LONG"?: number;
  "WIPHY_FRAG_THRESHOLD"?: number;
  "WIPHY_RTS_THRESHOLD"?: number;
  "TIMED_OUT"?: true;
  "USE_MFP"?: number;
  "STA_FLAGS2"?: Uint8Array;
  "CONTROL_PORT"?: true;
  "TESTDATA"?: Uint8Array;
  "PRIVACY"?: true;
  "DISCONNECTED_BY_AP"?: true;
  "STATUS_CODE"?: number;
  "CIPHER_SUITES_PAIRWISE"?: Uint8Array;
  "CIPHER_SUITE_GROUP"?: number;
  "WPA_VERSIONS"?: number;
  "AKM_SUITES"?: Uint8Array;
  "REQ_IE"?: Uint8Array;
  "RESP_IE"?: Uint8Array;
  "PREV_BSSID"?: string;
  "KEY"?: Attrs_nl80211_key_attributes;
  "KEYS"?: Uint8Array;
  "PID"?: number;
  "4ADDR"?: number;
  "SURVEY_INFO"?: Attrs_nl80211_survey_info;
  "PMKID"?: Uint8Array;
  "MAX_NUM_PMKIDS"?: Uint8Array;
  "DURATION"?: number;
  "COOKIE"?: bigint;
  "WIPHY_COVERAGE_CLASS"?: number;
  "TX_RATES"?: Uint8Array;
  "FRAME_MATCH"?: Uint8Array;
  "ACK"?: true;
  "PS_STATE"?: number;
  "CQM"?: Uint8Array;
  "LOCAL_STATE_CHANGE"?: true;
  "AP_ISOLATE"?: Uint8Array;
  "WIPHY_TX_POWER_SETTING"?: number;
  "WIPHY_TX_POWER_LEVEL"?: number;
  "TX_FRAME_TYPES"?: Uint8Array;
  "RX_FRAME_TYPES"?: Uint8Array;
  "FRAME_TYPE"?: number;
  "CONTROL_PORT_ETHERTYPE"?: number;
  "CONTROL_PORT_NO_ENCRYPT"?: true;
  "SUPPORT_IBSS_RSN"?: true;
  "WIPHY_ANTENNA_TX"?: number;
  "WIPHY_ANTENNA_RX"?: number;
  "MCAST_RATE"?: Uint8Array;
  "OFFCHANNEL_TX_OK"?: true;
  "BSS_HT_OPMODE"?: Uint8Array;
  "KEY_DEFAULT_TYPES"?: Uint8Array;
  "MAX_REMAIN_ON_CHANNEL_DURATION"?: number;
  "MESH_SETUP"?: Uint8Array;
  "WIPHY_ANTENNA_AVAIL_TX"?: number;
  "WIPHY_ANTENNA_AVAIL_RX"?: number;
  "SUPPORT_MESH_AUTH"?: true;
  "STA_PLINK_STATE"?: Uint8Array;
  "WOWLAN_TRIGGERS"?: Uint8Array;
  "WOWLAN_TRIGGERS_SUPPORTED"?: Uint8Array;
  "SCHED_SCAN_INTERVAL"?: Uint8Array;
  "INTERFACE_COMBINATIONS"?: Attrs_nl80211_if_combination_attrs[];
  "SOFTWARE_IFTYPES"?: number[];
  "REKEY_DATA"?: Uint8Array;
  "MAX_NUM_SCHED_SCAN_SSIDS"?: number;
  "MAX_SCHED_SCAN_IE_LEN"?: number;
  "SCAN_SUPP_RATES"?: Uint8Array;
  "HIDDEN_SSID"?: number;
  "IE_PROBE_RESP"?: Uint8Array;
  "IE_ASSOC_RESP"?: Uint8Array;
  "STA_WME"?: Attrs_nl80211_sta_wme_attr;
  "SUPPORT_AP_UAPSD"?: true;
  "ROAM_SUPPORT"?: true;
  "SCHED_SCAN_MATCH"?: Uint8Array;
  "MAX_MATCH_SETS"?: number;
  "PMKSA_CANDIDATE"?: Uint8Array;
  "TX_NO_CCK_RATE"?: true;
  "TDLS_ACTION"?: Uint8Array;
  "TDLS_DIALOG_TOKEN"?: Uint8Array;
  "TDLS_OPERATION"?: Uint8Array;
  "TDLS_SUPPORT"?: true;
  "TDLS_EXTERNAL_SETUP"?: true;
  "DEVICE_AP_SME"?: number;
  "DONT_WAIT_FOR_ACK"?: true;
  "FEATURE_FLAGS"?: number;
  "PROBE_RESP_OFFLOAD"?: Uint8Array;
  "PROBE_RESP"?: Uint8Array;
  "DFS_REGION"?: Uint8Array;
  "DISABLE_HT"?: Uint8Array;
  "HT_CAPABILITY_MASK"?: Uint8Array;
  "NOACK_MAP"?: Uint8Array;
  "INACTIVITY_TIMEOUT"?: number;
  "RX_SIGNAL_DBM"?: number;
  "BG_SCAN_PERIOD"?: Uint8Array;
  "WDEV"?: bigint;
  "USER_REG_HINT_TYPE"?: Uint8Array;
  "CONN_FAILED_REASON"?: Uint8Array;
  "AUTH_DATA"?: Uint8Array;
  "VHT_CAPABILITY"?: Uint8Array;
  "SCAN_FLAGS"?: number;
  "CHANNEL_WIDTH"?: number;
  "CENTER_FREQ1"?: number;
  "CENTER_FREQ2"?: number;
  "P2P_CTWINDOW"?: number;
  "P2P_OPPPS"?: number;
  "LOCAL_MESH_POWER_MODE"?: Uint8Array;
  "ACL_POLICY"?: Uint8Array;
  "MAC_ADDRS"?: Uint8Array;
  "RADAR_EVENT"?: Uint8Array;
  "EXT_CAPA"?: Uint8Array;
  "EXT_CAPA_MASK"?: Uint8Array;
  "STA_CAPABILITY"?: number;
  "STA_EXT_CAPABILITY"?: Uint8Array;
  "PROTOCOL_FEATURES"?: number;
  "SPLIT_WIPHY_DUMP"?: true;
  "DISABLE_VHT"?: Uint8Array;
  "VHT_CAPABILITY_MASK"?: Uint8Array;
  "MDID"?: Uint8Array;
  "IE_RIC"?: Uint8Array;
  "CRIT_PROT_ID"?: Uint8Array;
  "MAX_CRIT_PROT_DURATION"?: Uint8Array;
  "PEER_AID"?: Uint8Array;
  "COALESCE_RULE"?: Uint8Array;
  "CH_SWITCH_COUNT"?: Uint8Array;
  "CH_SWITCH_BLOCK_TX"?: Uint8Array;
  "CSA_IES"?: Uint8Array;
  "CNTDWN_OFFS_BEACON"?: Uint8Array;
  "CNTDWN_OFFS_PRESP"?: Uint8Array;
  "RXMGMT_FLAGS"?: number;
  "STA_SUPPORTED_CHANNELS"?: Uint8Array;
  "STA_SUPPORTED_OPER_CLASSES"?: Uint8Array;
  "HANDLE_DFS"?: Uint8Array;
  "SUPPORT_5_MHZ"?: Uint8Array;
  "SUPPORT_10_MHZ"?: Uint8Array;
  "OPMODE_NOTIF"?: number;
  "VENDOR_ID"?: Uint8Array;
  "VENDOR_SUBCMD"?: Uint8Array;
  "VENDOR_DATA"?: Uint8Array;
  "VENDOR_EVENTS"?: Uint8Array;
  "QOS_MAP"?: Uint8Array;
  "MAC_HINT"?: Uint8Array;
  "WIPHY_FREQ_HINT"?: Uint8Array;
  "MAX_AP_ASSOC_STA"?: number;
  "TDLS_PEER_CAPABILITY"?: Uint8Array;
  "SOCKET_OWNER"?: true;
  "CSA_C_OFFSETS_TX"?: Uint8Array;
  "MAX_CSA_COUNTERS"?: number;
  "TDLS_INITIATOR"?: Uint8Array;
  "USE_RRM"?: Uint8Array;
  "WIPHY_DYN_ACK"?: true;
  "TSID"?: Uint8Array;
  "USER_PRIO"?: Uint8Array;
  "ADMITTED_TIME"?: Uint8Array;
  "SMPS_MODE"?: number;
  "OPER_CLASS"?: Uint8Array;
  "MAC_MASK"?: string;
  "WIPHY_SELF_MANAGED_REG"?: true;
  "EXT_FEATURES"?: Uint8Array;
  "SURVEY_RADIO_STATS"?: Uint8Array;
  "NETNS_FD"?: number;
  "SCHED_SCAN_DELAY"?: Uint8Array;
  "REG_INDOOR"?: Uint8Array;
  "MAX_NUM_SCHED_SCAN_PLANS"?: Uint8Array;
  "MAX_SCAN_PLAN_INTERVAL"?: Uint8Array;
  "MAX_SCAN_PLAN_ITERATIONS"?: Uint8Array;
  "SCHED_SCAN_PLANS"?: Uint8Array;
  "PBSS"?: Uint8Array;
  "BSS_SELECT"?: Uint8Array;
  "STA_SUPPORT_P2P_PS"?: Uint8Array;
  "PAD"?: Uint8Array;
  "IFTYPE_EXT_CAPA"?: Attrs_nl80211_attrs[];
  "MU_MIMO_GROUP_DATA"?: Uint8Array;
  "MU_MIMO_FOLLOW_MAC_ADDR"?: Uint8Array;
  "SCAN_START_TIME_TSF"?: Uint8Array;
  "SCAN_START_TIME_TSF_BSSID"?: Uint8Array;
  "MEASUREMENT_DURATION"?: Uint8Array;
  "MEASUREMENT_DURATION_MANDATORY"?: Uint8Array;
  "MESH_PEER_AID"?: Uint8Array;
  "NAN_MASTER_PREF"?: Uint8Array;
  "BANDS"?: number;
  "NAN_FUNC"?: Uint8Array;
  "NAN_MATCH"?: Uint8Array;
  "FILS_KEK"?: Uint8Array;
  "FILS_NONCES"?: Uint8Array;
  "MULTICAST_TO_UNICAST_ENABLED"?: true;
  "BSSID"?: string;
  "SCHED_SCAN_RELATIVE_RSSI"?: Uint8Array;
  "SCHED_SCAN_RSSI_ADJUST"?: Uint8Array;
  "TIMEOUT_REASON"?: number;
  "FILS_ERP_USERNAME"?: Uint8Array;
  "FILS_ERP_REALM"?: Uint8Array;
  "FILS_ERP_NEXT_SEQ_NUM"?: Uint8Array;
  "FILS_ERP_RRK"?: Uint8Array;
  "FILS_CACHE_ID"?: Uint8Array;
  "PMK"?: Uint8Array;
  "SCHED_SCAN_MULTI"?: Uint8Array;
  "SCHED_SCAN_MAX_REQS"?: Uint8Array;
  "WANT_1X_4WAY_HS"?: Uint8Array;
  "PMKR0_NAME"?: Uint8Array;
  "PORT_AUTHORIZED"?: Uint8Array;
  "EXTERNAL_AUTH_ACTION"?: Uint8Array;
  "EXTERNAL_AUTH_SUPPORT"?: true;
  "NSS"?: Uint8Array;
  "ACK_SIGNAL"?: Uint8Array;
  "CONTROL_PORT_OVER_NL80211"?: true;
  "TXQ_STATS"?: Attrs_nl80211_txq_stats;
  "TXQ_LIMIT"?: Uint8Array;
  "TXQ_MEMORY_LIMIT"?: Uint8Array;
  "TXQ_QUANTUM"?: Uint8Array;
  "HE_CAPABILITY"?: Uint8Array;
  "FTM_RESPONDER"?: Uint8Array;
  "FTM_RESPONDER_STATS"?: Uint8Array;
  "TIMEOUT"?: Uint8Array;
  "PEER_MEASUREMENTS"?: Uint8Array;
  "AIRTIME_WEIGHT"?: Uint8Array;
  "STA_TX_POWER_SETTING"?: Uint8Array;
  "STA_TX_POWER"?: Uint8Array;
  "SAE_PASSWORD"?: Uint8Array;
  "TWT_RESPONDER"?: Uint8Array;
  "HE_OBSS_PD"?: Uint8Array;
  "WIPHY_EDMG_CHANNELS"?: Uint8Array;
  "WIPHY_EDMG_BW_CONFIG"?: Uint8Array;
  "VLAN_ID"?: Uint8Array;
  "HE_BSS_COLOR"?: Uint8Array;
  "IFTYPE_AKM_SUITES"?: Uint8Array;
  "TID_CONFIG"?: Uint8Array;
  "CONTROL_PORT_NO_PREAUTH"?: true;
  "PMK_LIFETIME"?: Uint8Array;
  "PMK_REAUTH_THRESHOLD"?: Uint8Array;
  "RECEIVE_MULTICAST"?: Uint8Array;
  "WIPHY_FREQ_OFFSET"?: number;
  "CENTER_FREQ1_OFFSET"?: number;
  "SCAN_FREQ_KHZ"?: Uint8Array;
  "HE_6GHZ_CAPABILITY"?: Uint8Array;
  "FILS_DISCOVERY"?: Uint8Array;
  "UNSOL_BCAST_PROBE_RESP"?: Uint8Array;
  "S1G_CAPABILITY"?: Uint8Array;
  "S1G_CAPABILITY_MASK"?: Uint8Array;
  "SAE_PWE"?: Uint8Array;
  "RECONNECT_REQUESTED"?: Uint8Array;
  "SAR_SPEC"?: Uint8Array;
  "DISABLE_HE"?: Uint8Array;
  "OBSS_COLOR_BITMAP"?: Uint8Array;
  "COLOR_CHANGE_COUNT"?: Uint8Array;
  "COLOR_CHANGE_COLOR"?: Uint8Array;
  "COLOR_CHANGE_ELEMS"?: Uint8Array;
  "MBSSID_CONFIG"?: Uint8Array;
  "MBSSID_ELEMS"?: Uint8Array;
  "RADAR_BACKGROUND"?: Uint8Array;
  "AP_SETTINGS_FLAGS"?: Uint8Array;
  "EHT_CAPABILITY"?: Uint8Array;
  "DISABLE_EHT"?: Uint8Array;
  "MLO_LINKS"?: Attrs_nl80211_attrs[];
  "MLO_LINK_ID"?: number;
  "MLD_ADDR"?: string;
  "MLO_SUPPORT"?: true;
  "MAX_NUM_AKM_SUITES"?: number;
  "EML_CAPABILITY"?: number;
  "MLD_CAPA_AND_OPS"?: number;
  "TX_HW_TIMESTAMP"?: Uint8Array;
  "RX_HW_TIMESTAMP"?: Uint8Array;
  "TD_BITMAP"?: Uint8Array;
  "PUNCT_BITMAP"?: Uint8Array;
  "MAX_HW_TIMESTAMP_PEERS"?: Uint8Array;
  "HW_TIMESTAMP_ENABLED"?: Uint8Array;
  "EMA_RNR_ELEMS"?: Uint8Array;
  "MLO_LINK_DISABLED"?: true;
  "BSS_DUMP_INCLUDE_USE_DATA"?: Uint8Array;
  "MLO_TTLM_DLINK"?: Uint8Array;
  "MLO_TTLM_ULINK"?: Uint8Array;
  "ASSOC_SPP_AMSDU"?: Uint8Array;
  "WIPHY_RADIOS"?: Attrs_nl80211_wiphy_radio_attrs[];
  "WIPHY_INTERFACE_COMBINATIONS"?: Attrs_nl80211_if_combination_attrs[];
  "VIF_RADIO_MASK"?: Uint8Array;
}

export interface Attrs_nl80211_band_attr {
  "FREQS"?: Attrs_nl80211_frequency_attr[];
  "RATES"?: Attrs_nl80211_bitrate_attr[];
  "HT_MCS_SET"?: Uint8Array;
  "HT_CAPA"?: number;
  "HT_AMPDU_FACTOR"?: number;
  "HT_AMPDU_DENSITY"?: number;
  "VHT_MCS_SET"?: Uint8Array;
  "VHT_CAPA"?: number;
  "IFTYPE_DATA"?: Attrs_nl80211_band_iftype_attr[];
  "EDMG_CHANNELS"?: number;
  "EDMG_BW_CONFIG"?: number;
  "S1G_MCS_NSS_SET"?: Uint8Array;
  "S1G_CAPA"?: Uint8Array;
}

export interface Attrs_nl80211_band_iftype_attr {
  "IFTYPES"?: number[];
  "HE_CAP_MAC"?: Uint8Array;
  "HE_CAP_PHY"?: Uint8Array;
  "HE_CAP_MCS_SET"?: Uint8Array;
  "HE_CAP_PPE"?: Uint8Array;
  "HE_6GHZ_CAPA"?: number;
  "VENDOR_ELEMS"?: Uint8Array;
  "EHT_CAP_MAC"?: Uint8Array;
  "EHT_CAP_PHY"?: Uint8Array;
  "EHT_CAP_MCS_SET"?: Uint8Array;
  "EHT_CAP_PPE"?: Uint8Array;
}

export interface Attrs_nl80211_frequency_attr {
  "FREQ"?: number;
  "DISABLED"?: true;
  "NO_IR"?: true;
  "__NO_IBSS"?: true;
  "RADAR"?: true;
  "MAX_TX_POWER"?: number;
  "DFS_STATE"?: number;
  "DFS_TIME"?: number;
  "NO_HT40_MINUS"?: true;
  "NO_HT40_PLUS"?: true;
  "NO_80MHZ"?: true;
  "NO_160MHZ"?: true;
  "DFS_CAC_TIME"?: number;
  "INDOOR_ONLY"?: true;
  "IR_CONCURRENT"?: true;
  "NO_20MHZ"?: true;
  "NO_10MHZ"?: true;
  "WMM"?: Uint8Array;
  "NO_HE"?: true;
  "OFFSET"?: number;
  "1MHZ"?: true;
  "2MHZ"?: true;
  "4MHZ"?: true;
  "8MHZ"?: true;
  "16MHZ"?: true;
  "NO_320MHZ"?: true;
  "NO_EHT"?: true;
  "PSD"?: number;
  "DFS_CONCURRENT"?: true;
  "NO_6GHZ_VLP_CLIENT"?: true;
  "NO_6GHZ_AFC_CLIENT"?: true;
  "CAN_MONITOR"?: true;
  "ALLOW_6GHZ_VLP_AP"?: true;
  "ALLOW_20MHZ_ACTIVITY"?: Uint8Array;
}

export interface Attrs_nl80211_bitrate_attr {
  "RATE"?: number;
  "2GHZ_SHORTPREAMBLE"?: true;
}

export interface Attrs_nl80211_if_combination_attrs {
  "UNSPEC"?: Uint8Array;
  "LIMITS"?: Attrs_nl80211_iface_limit_attrs[];
  "MAXNUM"?: number;
  "STA_AP_BI_MATCH"?: true;
  "NUM_CHANNELS"?: number;
  "RADAR_DETECT_WIDTHS"?: number;
  "RADAR_DETECT_REGIONS"?: number;
  "BI_MIN_GCD"?: number;
}

export interface Attrs_nl80211_iface_limit_attrs {
  "UNSPEC"?: Uint8Array;
  "MAX"?: number;
  "TYPES"?: number[];
}

export interface Attrs_nl80211_wiphy_radio_attrs {
  "INDEX"?: number;
  "FREQ_RANGE"?: Attrs_nl80211_wiphy_radio_freq_range;
  "INTERFACE_COMBINATION"?: Attrs_nl80211_if_combination_attrs;
}

export interface Attrs_nl80211_wiphy_radio_freq_range {
  "START"?: number;
  "END"?: number;
}

export interface Attrs_nl80211_sta_info {
  "INACTIVE_TIME"?: number;
  "RX_BYTES"?: number;
  "TX_BYTES"?: number;
  "LLID"?: number;
  "PLID"?: number;
  "PLINK_STATE"?: number;
  "SIGNAL"?: number;
  "TX_BITRATE"?: Attrs_nl80211_rate_info;
  "RX_PACKETS"?: number;
  "TX_PACKETS"?: number;
  "TX_RETRIES"?: number;
  "TX_FAILED"?: number;
  "SIGNAL_AVG"?: number;
  "RX_BITRATE"?: Attrs_nl80211_rate_info;
  "BSS_PARAM"?: Uint8Array;
  "CONNECTED_TIME"?: number;
  "STA_FLAGS"?: Uint8Array;
  "BEACON_LOSS"?: number;
  "T_OFFSET"?: bigint;
  "LOCAL_PM"?: Uint8Array;
  "PEER_PM"?: Uint8Array;
  "NONPEER_PM"?: Uint8Array;
  "RX_BYTES64"?: bigint;
  "TX_BYTES64"?: bigint;
  "CHAIN_SIGNAL"?: Uint8Array;
  "CHAIN_SIGNAL_AVG"?: Uint8Array;
  "EXPECTED_THROUGHPUT"?: Uint8Array;
  "RX_DROP_MISC"?: Uint8Array;
  "BEACON_RX"?: bigint;
  "BEACON_SIGNAL_AVG"?: number;
  "TID_STATS"?: Uint8Array;
  "RX_DURATION"?: Uint8Array;
  "PAD"?: Uint8Array;
  "ACK_SIGNAL"?: Uint8Array;
  "ACK_SIGNAL_AVG"?: Uint8Array;
  "RX_MPDUS"?: Uint8Array;
  "FCS_ERROR_COUNT"?: Uint8Array;
  "CONNECTED_TO_GATE"?: Uint8Array;
  "TX_DURATION"?: Uint8Array;
  "AIRTIME_WEIGHT"?: Uint8Array;
  "AIRTIME_LINK_METRIC"?: Uint8Array;
  "ASSOC_AT_BOOTTIME"?: bigint;
  "CONNECTED_TO_AS"?: Uint8Array;
}

export interface Attrs_nl80211_key_attributes {
  "DATA"?: Uint8Array;
  "IDX"?: number;
  "CIPHER"?: number;
  "SEQ"?: Uint8Array;
  "DEFAULT"?: true;
  "DEFAULT_MGMT"?: true;
  "TYPE"?: number;
  "DEFAULT_TYPES"?: number[];
  "MODE"?: number;
  "DEFAULT_BEACON"?: true;
}

export interface Attrs_nl80211_sta_wme_attr {
  "UAPSD_QUEUES"?: number;
  "MAX_SP"?: number;
}

export interface Attrs_nl80211_rate_info {
  "BITRATE"?: number;
  "MCS"?: number;
  "40_MHZ_WIDTH"?: true;
  "SHORT_GI"?: true;
  "BITRATE32"?: number;
  "VHT_MCS"?: number;
  "VHT_NSS"?: number;
  "80_MHZ_WIDTH"?: true;
  "80P80_MHZ_WIDTH"?: Uint8Array;
  "160_MHZ_WIDTH"?: true;
  "10_MHZ_WIDTH"?: Uint8Array;
  "5_MHZ_WIDTH"?: Uint8Array;
  "HE_MCS"?: number;
  "HE_NSS"?: number;
  "HE_GI"?: number;
  "HE_DCM"?: Uint8Array;
  "HE_RU_ALLOC"?: Uint8Array;
  "320_MHZ_WIDTH"?: true;
  "EHT_MCS"?: number;
  "EHT_NSS"?: number;
  "EHT_GI"?: number;
  "EHT_RU_ALLOC"?: Uint8Array;
  "S1G_MCS"?: Uint8Array;
  "S1G_NSS"?: Uint8Array;
  "1_MHZ_WIDTH"?: Uint8Array;
  "2_MHZ_WIDTH"?: Uint8Array;
  "4_MHZ_WIDTH"?: Uint8Array;
  "8_MHZ_WIDTH"?: Uint8Array;
  "16_MHZ_WIDTH"?: Uint8Array;
}

export interface Attrs_nl80211_bss {
  "BSSID"?: string;
  "FREQUENCY"?: number;
  "TSF"?: bigint;
  "BEACON_INTERVAL"?: number;
  "CAPABILITY"?: number;
  "INFORMATION_ELEMENTS"?: Uint8Array;
  "SIGNAL_MBM"?: number;
  "SIGNAL_UNSPEC"?: number;
  "STATUS"?: number;
  "SEEN_MS_AGO"?: number;
  "BEACON_IES"?: Uint8Array;
  "CHAN_WIDTH"?: number;
  "BEACON_TSF"?: bigint;
  "PRESP_DATA"?: true;
  "LAST_SEEN_BOOTTIME"?: bigint;
  "PAD"?: Uint8Array;
  "PARENT_TSF"?: bigint;
  "PARENT_BSSID"?: string;
  "CHAIN_SIGNAL"?: Uint8Array;
  "FREQUENCY_OFFSET"?: number;
  "MLO_LINK_ID"?: number;
  "MLD_ADDR"?: string;
  "USE_FOR"?: number;
  "CANNOT_USE_REASONS"?: bigint;
}

export interface Attrs_nl80211_txq_stats {
  "BACKLOG_BYTES"?: number;
  "BACKLOG_PACKETS"?: number;
  "FLOWS"?: number;
  "DROPS"?: number;
  "ECN_MARKS"?: number;
  "OVERLIMIT"?: number;
  "OVERMEMORY"?: number;
  "COLLISIONS"?: number;
  "TX_BYTES"?: number;
  "TX_PACKETS"?: number;
  "MAX_FLOWS"?: number;
}

export interface Attrs_nl80211_survey_info {
  "FREQUENCY"?: number;
  "NOISE"?: number;
  "IN_USE"?: true;
  "TIME"?: bigint;
  "TIME_BUSY"?: bigint;
  "TIME_EXT_BUSY"?: bigint;
  "TIME_RX"?: bigint;
  "TIME_TX"?: bigint;
  "TIME_SCAN"?: bigint;
  "PAD"?: Uint8Array;
  "TIME_BSS_RX"?: bigint;
  "FREQUENCY_OFFSET"?: number;
}

export interface AttrSpaceValues {
  nl80211_attrs: Attrs_nl80211_attrs;
  nl80211_band_attr: Attrs_nl80211_band_attr;
  nl80211_band_iftype_attr: Attrs_nl80211_band_iftype_attr;
  nl80211_frequency_attr: Attrs_nl80211_frequency_attr;
  nl80211_bitrate_attr: Attrs_nl80211_bitrate_attr;
  nl80211_if_combination_attrs: Attrs_nl80211_if_combination_attrs;
  nl80211_iface_limit_attrs: Attrs_nl80211_iface_limit_attrs;
  nl80211_wiphy_radio_attrs: Attrs_nl80211_wiphy_radio_attrs;
  nl80211_wiphy_radio_freq_range: Attrs_nl80211_wiphy_radio_freq_range;
  nl80211_sta_info: Attrs_nl80211_sta_info;
  nl80211_key_attributes: Attrs_nl80211_key_attributes;
  nl80211_sta_wme_attr: Attrs_nl80211_sta_wme_attr;
  nl80211_rate_info: Attrs_nl80211_rate_info;
  nl80211_bss: Attrs_nl80211_bss;
  nl80211_txq_stats: Attrs_nl80211_txq_stats;
  nl80211_survey_info: Attrs_nl80211_survey_info;
}
