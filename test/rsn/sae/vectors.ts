// SAE test vectors of IEEE 802.11 Annex J.10, as hostapd's src/common/common_module_tests.c
// sae_tests() carries them (hostap.git):
// - IEEE Std 802.11-2020 J.10 (hostapd commit 47f51c8ba "tests: Update SAE test vector to
//   IEEE Std 802.11-2020"): hunting-and-pecking commit, KCK, PMK, PMKID; and the
//   hash-to-element PWE from PT (SSID "byteme", identifier "psk4internet").
// - IEEE P802.11-REVmd/D2.1 J.10 (hostapd commit 3d93e26e6, also in IEEE 802.11-18/1104r0
//   "New Test Vectors for SAE"): hunting-and-pecking with a password identifier, both
//   commits and both confirms.
// Each commit is the Authentication frame body after the status code: group 19 (LE),
// scalar, element (x || y) and, in the D2.1 vector, a Password Identifier element.
const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

export const IEEE_2020 = {
  addr1: hex('4d3f2fffe387'),
  addr2: hex('a5d8aa958e3c'),
  password: 'mekmitasdigoat',
  rand: hex('992465fd3daa3c60aa6565b7f62a2a7f2e12dd12f198faf4fbed89d7ff1ace94'),
  mask: hex('9507a90f777a044d6a0830b91ea3d5dd70bece44e1acffb86983b5e1bf9fb322'),
  localCommit: hex(
    '13002e2c0f0db52440ad146d967114ce005ce1eab0aa2c2e5c2871b774f6c2575c65d5ad9e00829707aa36ba8b859738fc961d08243505f47c035376d7ac4bc8d7b95083bf43827d0fc31ed778dd3671fd21a46d1091d64b6f9a1e1272621325dbe1',
  ),
  peerCommit: hex(
    '1300591b96f3397fb945100848e7b550543b6720d88337ee93fc49fd6df7e08b5223e71b9bb048d3873f20556953a96c91536fd8ee6ca9b4a68a148b056a909be03e83ae208f60f8ef5537858074db06687032399862999b511e0a1552a5fea317c2',
  ),
  kck: hex('1e733f6d9bd53256287304338831b09a39406d121017073a5c30db36f36cb81a'),
  pmk: hex('4e4dfab1a2dd8ac1a91790f953faaa452ae5c6873ab75b63605ba663f8a7fe59'),
  pmkid: hex('8747a600eea3f9f22475df58ca1e5498'),
};

export const IEEE_2020_H2E = {
  ssid: 'byteme',
  password: 'mekmitasdigoat',
  identifier: 'psk4internet',
  addr1: hex('00095b66ec1e'),
  addr2: hex('000b6bd90246'),
  pweX: hex('c93049b9e64000f848201649e999f2b5c22dea69b5632c9df4d633b8aa1f6c1e'),
  pweY: hex('73634e94b53d82e7383a8d258199d9dc1a5ee8269d060382ccbf33e614ff59a0'),
};

export const REVMD_D2_1 = {
  addr1: hex('827b919dd4b9'),
  addr2: hex('1eec49ea6488'),
  /** Hunting-and-pecking's base is password || identifier in this draft's vector. */
  password: 'mekmitasdigoat',
  identifier: 'psk4internet',
  rand: hex('a906f61e4d3a5d4eb2965ff34cf917dd044445c878c17ca5d5b93786da9f83cf'),
  mask: hex('4234b4fb17aa435c52fbfdebe64039b43478200e54ff7b6e07b69cad74153c15'),
  localCommit: hex(
    '1300eb3bab1964e4a0ab05925ddf3339519138bc65d6cdc0f813dd6fd4344eb4bfe44b5c21597658f4e3eddfb4b99f25b4d6540f32ff1fd5c530c60a794448610bc6de3d92bdbbd47d935980ca6cf8988ab6630be6764c885ceb9793970f695217eeff0d2170736b34696e7465726e6574',
  ),
  peerCommit: hex(
    '13005564f045b2ea1e566cf1dd741f70d9be35d2df5b9a5502946ee03cf8dae27e1e05b8430eb7a99e24877ce69baf3dc580e309633d6b385f83ee1c3ec3591f1a5393c06e805ddceb2fde50930dd7cfebb987c6ff9666af164eb5184d8e6662ed6aff0d2170736b34696e7465726e6574',
  ),
  kck: hex('599d6f1e27548be8499dceed2feccf94818ce1c79f1b4eb3d6a53228a09bf3ed'),
  pmk: hex('7aead86fba4c3221fc437f5f14d70d854ea5d5aac1690116793081eda4d557c5'),
  pmkid: hex('40a09b6017cebf0072843b5352aa2b4f'),
  localConfirm: hex('010012d9d5c78c500526d36c41dbc56aedf2914cedddd7cad4a58c48f83dbde9fc77'),
  peerConfirm: hex('010002871cf906898b8060ec184143be77b8c08a8019b13eb6d0aef0d8383dfac2fd'),
};
