// The group key handshake: against hostapd's recorded group message 2, and a rekey round over
// several authorized STAs with a silent one and one that leaves.
import { describe, expect, it } from 'vitest';
import { GroupKeyHandshake, GroupRekeyRound, type GroupRekeyOutcome } from '../../core/rsn/group-key.js';
import { ReasonCode } from '../../core/ieee80211/reason-codes.js';
import { parseEapolKey } from '../../core/ieee80211/eapol-key.js';
import { parseKeyData } from '../../core/ieee80211/kde.js';
import { aesKeyUnwrap } from '../../core/crypto/key-wrap.js';
import { derivePtk } from '../../core/crypto/ptk.js';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import { AKM_PSK, AKM_SAE, CIPHER_CCMP, encodeRsne } from '../../core/ieee80211/rsn-element.js';
import { ManualClock } from '../txq/fakes.js';
import { hex, toHex } from '../ieee80211/hex.js';
import { CAPTURE } from './captured-handshake.js';
import { flush, makePair } from './harness.js';

describe('GroupKeyHandshake against the recorded frames', () => {
  const ptk = derivePtk({
    akm: AKM_PSK, pmk: CAPTURE.psk, aa: CAPTURE.aa, spa: CAPTURE.spa,
    anonce: parseEapolKey(CAPTURE.msg1, 16).nonce, snonce: parseEapolKey(CAPTURE.msg2, 16).nonce, cipher: CIPHER_CCMP,
  });
  const session = () => ({
    akm: AKM_PSK, aa: CAPTURE.aa, spa: CAPTURE.spa, pairwiseCipher: CIPHER_CCMP, kck: ptk.kck, kek: ptk.kek,
    micLen: 16, descriptorVersion: 2, protocolVersion: 2, replayCounter: 2n,
  });

  it('group message 1 continues the PTKSA counter (3) and wraps the same Key Data as hostapd; iwd\'s group message 2 completes it', () => {
    const sent: Uint8Array[] = [];
    let done = 0;
    const hs = new GroupKeyHandshake({
      session: session(), groupKeys: { gtk: CAPTURE.gtk2, gtkId: 2 }, clock: new ManualClock(),
      send: async (f) => { sent.push(f); }, events: { done: () => done++, failed: () => { throw new Error('failed'); } },
    });
    hs.start();
    const ours = parseEapolKey(sent[0], 16);
    const theirs = parseEapolKey(CAPTURE.group1, 16);
    expect(ours).toMatchObject({ replayCounter: 3n, pairwise: false, ack: true, mic: true, secure: true, encryptedKeyData: true, descriptorVersion: 2 });
    // hostapd 2.x of the recording put Key Length 16 and its GNonce here; 802.11-2020 12.7.7.2 has 0 for both.
    expect(ours.keyLength).toBe(0);
    expect(toHex(ours.nonce)).toBe('00'.repeat(32));
    expect(toHex(ours.keyData)).toBe(toHex(theirs.keyData));
    expect(parseKeyData(aesKeyUnwrap(ptk.kek, ours.keyData)!).gtk).toEqual({ keyId: 2, tx: false, key: CAPTURE.gtk2 });
    hs.receive(CAPTURE.group2);
    expect(done).toBe(1);
  });

  it('retransmits with fresh counters, drops answers it did not ask for, and fails with reason 16 after 4 tries', () => {
    const clock = new ManualClock();
    const sent: Uint8Array[] = [];
    const failed: number[] = [];
    const hs = new GroupKeyHandshake({
      session: session(), groupKeys: { gtk: CAPTURE.gtk2, gtkId: 2 }, clock,
      send: async (f) => { sent.push(f); }, events: { done: () => { throw new Error('done'); }, failed: (_r, d) => failed.push(d) },
    });
    hs.start();
    hs.receive(CAPTURE.msg4); // a pairwise frame is no group message 2
    const stale = CAPTURE.group2.slice();
    stale[16] = 0x09; // replay counter 9: never sent
    hs.receive(stale);
    clock.advance(4000);
    expect(sent.map((f) => parseEapolKey(f, 16).replayCounter)).toEqual([3n, 4n, 5n, 6n]);
    expect(failed).toEqual([ReasonCode.GK_HANDSHAKE_TIMEOUT]);
    expect(hs.counters).toMatchObject({ unexpected: 1, replays: 1, retransmissions: 3 });
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('GroupRekeyRound', () => {
  const NEW_GTK = hex('505152535455565758595a5b5c5d5e5f');
  const psk = pskFromPassphrase('group rekey test', 'wifid-test');
  const rsne = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_SAE], capabilities: 0, pmkids: [] });

  async function authorizedStations(n: number) {
    const stations = [];
    for (let i = 0; i < n; i++) {
      const p = makePair({
        akm: AKM_SAE, cipher: CIPHER_CCMP, apPmk: psk, staPmk: psk, aa: hex('020000000a00'), spa: hex(`02000000010${i}`),
        apRsne: rsne, assocStaRsne: rsne, groupKeys: { gtk: hex('404142434445464748494a4b4c4d4e4f'), gtkId: 1 },
      });
      p.auth.start();
      await p.pump();
      expect(p.rec.authorized.length).toBe(1);
      stations.push({ id: `sta${i}`, p, session: p.rec.authorized[0] });
    }
    return stations;
  }

  it('rekeys every authorized station; a silent one fails with reason 16, one that leaves no longer holds the round', async () => {
    const stations = await authorizedStations(4);
    const clock = new ManualClock();
    const outcomes: GroupRekeyOutcome[] = [];
    const stationFailed: [string, number][] = [];
    const outbox = new Map<string, Uint8Array[]>(stations.map((s) => [s.id, []]));
    const round = new GroupRekeyRound({
      stations: stations.map((s) => ({ id: s.id, session: s.session, send: async (f: Uint8Array) => { outbox.get(s.id)!.push(f); } })),
      groupKeys: { gtk: NEW_GTK, gtkId: 2 }, clock,
      events: { stationFailed: (id, d) => stationFailed.push([id, d]), complete: (o) => outcomes.push(o) },
    });
    round.start();
    await flush();
    for (const s of stations.slice(0, 2)) {
      for (const f of outbox.get(s.id)!.splice(0)) s.p.supp.receive(f);
      await flush();
      for (const f of s.p.toAp.splice(0)) round.receive(s.id, f);
    }
    round.removeStation('sta3');
    expect(outcomes).toEqual([]);
    clock.advance(4000); // sta2 never answers
    expect(stationFailed).toEqual([['sta2', ReasonCode.GK_HANDSHAKE_TIMEOUT]]);
    expect(outcomes).toEqual([{ done: ['sta0', 'sta1'], failed: ['sta2'], removed: ['sta3'] }]);
    for (const s of stations.slice(0, 2)) {
      expect(s.p.rec.staRekeyed).toBe(1);
      expect(s.p.rec.staGroupKeys.at(-1)).toMatchObject({ kind: 'gtk', keyId: 2, key: NEW_GTK });
    }
    expect(stations[0].session.replayCounter).toBe(3n);
  });

  it('a round without stations completes at once', () => {
    const outcomes: GroupRekeyOutcome[] = [];
    new GroupRekeyRound({
      stations: [], groupKeys: { gtk: NEW_GTK, gtkId: 2 }, clock: new ManualClock(),
      events: { stationFailed: () => {}, complete: (o) => outcomes.push(o) },
    }).start();
    expect(outcomes).toEqual([{ done: [], failed: [], removed: [] }]);
  });
});
