// The RSN authenticator of one AP: the PSK (computed once per start), the link's group keys,
// the 4-way handshake of each associating station (core/rsn FourWayAuthenticator) with EAPOL
// over the control port both ways, PTK installation and port authorization, group rekeys
// (every `wpa_group_rekey` seconds and whenever a station leaves, so a departed station
// cannot read group traffic), and the counters `wifid.ap status` shows.
// On an AP MLD every link has group keys of its own: a rekey replaces each link's keys
// (NEW_KEY with the link id), a non-AP MLD gets the new keys of all its links in one group
// key handshake (MLO GTK/IGTK/BIGTK KDEs, 802.11be 12.7.7), a legacy station those of its link.
// Loaded by import() when the first RSN AP starts: the crypto it pulls in (node:crypto,
// @noble's AES-CMAC) stays off the start path of a daemon without one.
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { isSaeAkm } from '../../core/ieee80211/rsn-element.js';
import { getGroupKeySeq, installKey, setDefaultGroupKey, setStationFlags, type Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import { FourWayAuthenticator, type MloGroupKeys, type MloHandshake } from '../../core/rsn/authenticator.js';
import { stationLinks } from './station-links.js';
import { GroupRekeyRound, type RekeyStation, type StationGroupKeys } from '../../core/rsn/group-key.js';
import { sameBytes } from '../../core/rsn/key-frames.js';
import { newCounters, type GroupKeys as HandshakeGroupKeys, type HandshakeCounters, type HandshakeFailure, type PtkSession } from '../../core/rsn/types.js';
import type { Logger } from '../../core/log.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import type { ApEventName } from './events.js';
import type { ApLink } from './ap-link.js';
import type { ApSettings } from './config.js';
import type { BssRsnConfig } from './bss-rsn.js';
import { handshakeGroupKeys, installGroupKeys, newGroupKeys, type GroupKeyPolicy, type KeyedGroupKeys } from './group-keys.js';
import type { PeerLog } from './peer-log.js';
import type { ApStation, StationTable } from './station-table.js';

export interface ApRsnHost {
  readonly ifindex: number;
  readonly link: ApLink;
  /** Every link (one for a single-link AP); each has its own group keys. */
  readonly links: readonly ApLink[];
  /** The AP MLD address, the authenticator's address towards a non-AP MLD. */
  readonly mldAddr: Uint8Array | undefined;
  readonly stations: StationTable;
  readonly nl: Nl80211Requester;
  readonly clock: MonotonicClock;
  readonly log: Logger;
  readonly peerLog: PeerLog;
  /** An EAPOL PDU to `addr` on the control port; rejects when the TX queue or kernel refused it. */
  sendEapol(addr: string, pdu: Uint8Array, noEncrypt: boolean): Promise<void>;
  forgetStation(sta: ApStation, reason: number, why: string, sendDeauth: boolean): Promise<void>;
  emit(event: ApEventName, data: Record<string, unknown>): void;
}

export interface ApRsnCounters extends HandshakeCounters {
  handshakesCompleted: number;
  handshakesFailed: number;
  /** EAPOL frames from stations with no handshake (not associated, or nothing expected). */
  eapolUnexpected: number;
  groupRekeys: number;
  groupRekeyFailures: number;
  /** GET_KEY of a group key's transmit counter refused: that handshake carried a zero Key RSC / IPN. */
  keySeqReadFailures: number;
  /** Group key handshakes for a station whose message 3 predated a rekey. */
  groupKeyUpdates: number;
}

/** Keys by link id (undefined: the one link of a single-link AP). */
type ByLink<T> = Map<number | undefined, T>;

/** Per-station RSN state: the handshake, and the PTKSA once it completed. */
interface PairwiseState {
  sta: ApStation;
  handshake: FourWayAuthenticator;
  session?: PtkSession;
  ptkInstalled: boolean;
  /** The GTK of each link its message 3 carried. */
  msg3Gtks?: ByLink<Uint8Array>;
  /** A group key handshake of this station alone (its message 3 predated a finished rekey). */
  groupUpdate?: GroupRekeyRound;
}

export class ApRsn {
  private readonly totals: ApRsnCounters = { ...newCounters(), handshakesCompleted: 0, handshakesFailed: 0, eapolUnexpected: 0, groupRekeys: 0, groupRekeyFailures: 0, keySeqReadFailures: 0, groupKeyUpdates: 0 };
  private readonly pairwise = new Map<string, PairwiseState>();
  private readonly policy: GroupKeyPolicy;
  /** The keys of the rekey under way, per link: installed, given to joining stations, not yet the transmit keys. */
  private nextKeys: ByLink<KeyedGroupKeys> | undefined;
  private round: GroupRekeyRound | undefined;
  /** The round's keys with their counters, per link, for stations that join it. */
  private roundKeys: ByLink<HandshakeGroupKeys> | undefined;
  /** From the start of a rekey (key installation) to the switch of the transmit keys. */
  private rekeying = false;
  private rekeyAgain = false;
  private rekeyTimer: TimerHandle | undefined;
  private stopped = false;
  /** Stations whose completed handshake was cancelled by a new association: they still hold the group keys. */
  private readonly heldGroupKeys = new WeakSet<ApStation>();

  constructor(
    private readonly host: ApRsnHost,
    readonly config: BssRsnConfig,
    /** The PSK of AKM 2/6 (undefined when the BSS offers SAE only). */
    private readonly psk: Uint8Array | undefined,
    private readonly rekeyIntervalS: number,
  ) {
    this.policy = { groupCipher: config.groupCipher, ...(config.groupMgmtCipher !== undefined ? { groupMgmtCipher: config.groupMgmtCipher } : {}), beaconProtection: config.beaconProtection };
  }

  /** Generates and installs each link's first group keys as its transmit keys; starts the rekey timer. */
  async start(): Promise<void> {
    for (const link of this.host.links) {
      const keys = newGroupKeys(this.policy);
      await installGroupKeys(this.host.nl, this.host.ifindex, keys, this.policy, true, link.linkId);
      Object.assign(link.groupKeys, keys);
    }
    this.armRekeyTimer();
  }

  /** A link added to the AP MLD while it runs: group keys of its own, its transmit keys from the start. */
  async addLink(link: ApLink): Promise<void> {
    const keys = newGroupKeys(this.policy);
    await installGroupKeys(this.host.nl, this.host.ifindex, keys, this.policy, true, link.linkId);
    Object.assign(link.groupKeys, keys);
  }

  stop(): void {
    this.stopped = true;
    if (this.rekeyTimer !== undefined) this.host.clock.clearTimer(this.rekeyTimer);
    this.rekeyTimer = undefined;
    this.round?.stop();
    this.round = undefined;
    this.roundKeys = undefined;
    for (const p of this.pairwise.values()) this.retire(p);
    this.pairwise.clear();
  }

  get counters(): ApRsnCounters {
    const sum = { ...this.totals };
    for (const p of this.pairwise.values()) addCounters(sum, p.handshake.counters);
    return sum;
  }

  /** The station's association was acknowledged: the 4-way handshake begins (message 1). */
  startHandshake(sta: ApStation): void {
    const prior = this.pairwise.get(sta.addr);
    if (prior) this.endPairwise(prior);
    const pmk = isSaeAkm(sta.akm) ? sta.pmk : this.psk;
    if (!pmk || !sta.rsne || sta.pairwiseCipher === undefined) {
      // The association checks make these present; a gap here is wifid's own bug, not the peer's.
      this.host.log.error(`${sta.addr}: no PMK, RSNE or pairwise cipher for the 4-way handshake`);
      void this.host.forgetStation(sta, 1, '4-way handshake could not start', true);
      return;
    }
    const links = this.host.links;
    const link = links.find((l) => l.linkId === sta.linkId) ?? this.host.link;
    const mldAddr = this.host.mldAddr;
    // A non-AP MLD: the handshake runs between the MLD addresses and hands over every
    // link's group keys (802.11be 12.7.6); the port and PTK belong to the MLD.
    const mlo: MloHandshake | undefined = sta.mld && mldAddr ? {
      apLinks: links.map((l) => ({ linkId: l.linkId!, addr: l.bssidBytes, ...(l.setup.rsne ? { rsne: l.setup.rsne } : {}), ...(l.setup.rsnxe ? { rsnxe: l.setup.rsnxe } : {}) })),
      groupKeys: async (): Promise<MloGroupKeys> => {
        const out: MloGroupKeys = [];
        state.msg3Gtks = new Map();
        for (const l of this.keyLinks(sta)) {
          const keys = this.targetKeys(l);
          if (!keys) continue;
          state.msg3Gtks.set(l.linkId, keys.gtk.key);
          out.push({ linkId: l.linkId!, keys: await this.withCounters(keys, l.linkId) });
        }
        return out;
      },
    } : undefined;
    const state: PairwiseState = { sta, ptkInstalled: false, handshake: undefined as unknown as FourWayAuthenticator };
    state.handshake = new FourWayAuthenticator({
      aa: mlo ? mldAddr! : link.bssidBytes, spa: macFromString(sta.addr), akm: sta.akm, pairwiseCipher: sta.pairwiseCipher, pmk,
      ...(mlo ? { mlo } : {}),
      apRsne: this.config.rsne, ...(this.config.rsnxe ? { apRsnxe: this.config.rsnxe } : {}),
      staRsne: sta.rsne, ...(sta.rsnxe ? { staRsnxe: sta.rsnxe } : {}),
      ...(isSaeAkm(sta.akm) && sta.pmkid ? { pmkid: sta.pmkid } : {}),
      groupKeys: () => {
        const keys = this.targetKeys(link)!;
        state.msg3Gtks = new Map([[link.linkId, keys.gtk.key]]);
        return this.withCounters(keys, link.linkId);
      },
      clock: this.host.clock,
      send: (pdu) => this.host.sendEapol(sta.addr, pdu, !state.ptkInstalled),
      installPtk: async (tk, cipher) => {
        await installKey(this.host.nl, { ifindex: this.host.ifindex, kind: 'pairwise', keyId: 0, cipher, key: tk, addr: sta.addr });
        state.ptkInstalled = true;
      },
      events: {
        authorized: (session) => void this.onAuthorized(state, session),
        failed: (reason, deauthReason) => this.onFailed(state, reason, deauthReason),
      },
    });
    this.pairwise.set(sta.addr, state);
    sta.authenticator = { stop: () => this.stationGone(sta), cancel: () => this.cancelHandshakes(sta) };
    state.handshake.start();
  }

  /** An EAPOL PDU from `addr` on the control port. */
  onEapol(addr: string, pdu: Uint8Array): void {
    const p = this.pairwise.get(addr);
    if (!p || this.host.stations.get(addr) !== p.sta) {
      this.totals.eapolUnexpected++;
      return;
    }
    if (p.session) {
      // After the 4-way handshake, EAPOL-Key frames answer a group rekey (or are stray).
      if (p.groupUpdate) p.groupUpdate.receive(addr, pdu);
      else if (this.round) this.round.receive(addr, pdu);
      else this.totals.eapolUnexpected++;
      return;
    }
    p.handshake.receive(pdu);
  }

  /**
   * The station left (or is being replaced): its handshakes end, and if it held the group
   * keys they are replaced so it cannot read group traffic any longer. A station that held
   * only the keys of links being removed (a legacy station, or a non-AP MLD, of the link
   * remove_link takes away) costs no rekey: it never had another link's keys (a legacy
   * station gets its link's GTK/IGTK/BIGTK alone, a non-AP MLD those of its links, 802.11be
   * 12.7.6), and the removed link's keys go with the link. Besides, after that link's
   * STOP_AP no group key handshake could complete (ApMld.finishRemoval says why).
   */
  stationGone(sta: ApStation): void {
    const p = this.pairwise.get(sta.addr);
    const mine = p !== undefined && p.sta === sta;
    const held = (mine && p.session !== undefined) || this.heldGroupKeys.delete(sta);
    if (mine) this.endPairwise(p);
    if (held && !this.stopped && this.keyLinks(sta).some((l) => l.removalTbtt !== 0)) this.rekey('a station left');
  }

  /**
   * The station associates again: its 4-way (or group key) handshake ends now, before the new
   * association's response, so no message of the old one follows it. No rekey: the station
   * stays, and the new handshake's message 3 carries the current group keys.
   */
  cancelHandshakes(sta: ApStation): void {
    const p = this.pairwise.get(sta.addr);
    if (!p || p.sta !== sta) return;
    // It keeps the group keys it was given: if it leaves before its new handshake ends, they are replaced all the same.
    if (p.session) this.heldGroupKeys.add(sta);
    this.endPairwise(p);
  }

  /** Starts a group rekey (or queues one behind the round under way). */
  rekey(why: string): void {
    if (this.stopped) return;
    if (this.rekeying) {
      this.rekeyAgain = true;
      return;
    }
    this.rekeying = true;
    void this.runRekey(why).catch((err: unknown) => {
      this.totals.groupRekeyFailures++;
      this.host.log.warn(`group rekey (${why}) failed: ${(err as Error).message}`);
      this.nextKeys = undefined;
      this.round = undefined;
      this.roundKeys = undefined;
      this.rekeying = false;
    });
  }

  private async runRekey(why: string): Promise<void> {
    // A link being removed keeps its keys until it goes.
    const links = this.host.links.filter((l) => l.removalTbtt === undefined || l.removalTbtt > 0);
    const next: ByLink<KeyedGroupKeys> = new Map(links.map((l) => [l.linkId, newGroupKeys(this.policy, l.groupKeys)]));
    // Installed at once for reception and given to stations joining meanwhile; they become
    // the transmit keys when every station has them (12.7.7).
    this.nextKeys = next;
    for (const l of links) await installGroupKeys(this.host.nl, this.host.ifindex, next.get(l.linkId)!, this.policy, false, l.linkId);
    if (this.stopped) return;
    // Not yet transmitting: the kernel's counters are 0, and group message 1 says so.
    const counted: ByLink<HandshakeGroupKeys> = new Map();
    for (const l of links) counted.set(l.linkId, await this.withCounters(next.get(l.linkId)!, l.linkId));
    if (this.stopped) return;
    const members = [...this.pairwise.values()].filter((p) => p.session && this.host.stations.get(p.sta.addr) === p.sta);
    for (const p of members) {
      // The round supersedes a station's own update with newer keys.
      p.groupUpdate?.stop();
      p.groupUpdate = undefined;
    }
    const stations = members.map((p) => this.rekeyStation(p, counted)).filter((st): st is RekeyStation => st !== undefined);
    this.host.log.info(`group rekey (${why}): ${describeKeys(next)} to ${stations.length} station(s)`);
    const round = new GroupRekeyRound({
      stations,
      clock: this.host.clock,
      events: {
        stationFailed: (id, deauthReason) => this.groupKeyTimeout(id, deauthReason),
        complete: (outcome) => void this.finishRekey(next, outcome.failed.length),
      },
    });
    this.round = round;
    this.roundKeys = counted;
    round.start();
  }

  /** Every station has the new keys (or failed): each link transmits with its new keys (SET_KEY default). A link removed meanwhile is left out. */
  private async finishRekey(next: ByLink<KeyedGroupKeys>, failed: number): Promise<void> {
    if (this.stopped) return;
    let switched = true;
    for (const [linkId, keys] of next) {
      const link = this.host.links.find((l) => l.linkId === linkId);
      if (!link) continue;
      try {
        await setDefaultGroupKey(this.host.nl, this.host.ifindex, 'gtk', keys.gtk.id, linkId);
        if (keys.igtk) await setDefaultGroupKey(this.host.nl, this.host.ifindex, 'igtk', keys.igtk.id, linkId);
        if (keys.bigtk) await setDefaultGroupKey(this.host.nl, this.host.ifindex, 'bigtk', keys.bigtk.id, linkId);
        for (const k of ['gtk', 'igtk', 'bigtk'] as const) delete link.groupKeys[k];
        Object.assign(link.groupKeys, keys);
      } catch (err) {
        switched = false;
        this.host.log.warn(`switching${linkId !== undefined ? ` link ${linkId}` : ''} to the new group keys: ${(err as Error).message}`);
      }
    }
    if (switched) {
      this.totals.groupRekeys++;
      this.host.log.info(`group rekey done: ${describeKeys(next)} in use${failed ? ` (${failed} station(s) did not answer)` : ''}`);
    } else this.totals.groupRekeyFailures++;
    this.nextKeys = undefined;
    this.round = undefined;
    this.roundKeys = undefined;
    this.rekeying = false;
    if (this.rekeyAgain) {
      this.rekeyAgain = false;
      this.rekey('another station left during the rekey');
    }
  }

  /**
   * The station's part of a rekey with `keys` (per link, with counters): a non-AP MLD the
   * keys of each link it holds (MLO KDEs), any other station those of its link. Undefined
   * when none of its links has keys there.
   */
  private rekeyStation(p: PairwiseState, keys: ByLink<HandshakeGroupKeys>): RekeyStation | undefined {
    const sta = p.sta;
    let groupKeys: StationGroupKeys | undefined;
    if (sta.mld && this.host.mldAddr) {
      const mlo = this.keyLinks(sta).flatMap((l) => { const k = keys.get(l.linkId); return k ? [{ linkId: l.linkId!, keys: k }] : []; });
      groupKeys = mlo.length ? mlo : undefined;
    } else groupKeys = keys.get(this.linkOf(sta).linkId);
    if (!groupKeys) return undefined;
    return { id: sta.addr, session: p.session!, send: (pdu: Uint8Array) => this.host.sendEapol(sta.addr, pdu, false), groupKeys };
  }

  /** A station's link on an AP MLD (a legacy station's, a non-AP MLD's association link), the AP's one link otherwise. */
  private linkOf(sta: ApStation): ApLink {
    return this.host.links.find((l) => l.linkId === sta.linkId) ?? this.host.link;
  }

  /** The links whose group keys a station holds: each link of a non-AP MLD (those still up), else its one link. */
  private keyLinks(sta: ApStation): ApLink[] {
    if (!sta.mld || !this.host.mldAddr) return [this.linkOf(sta)];
    return sta.mld.links.flatMap((sl) => this.host.links.filter((l) => l.linkId === sl.linkId));
  }

  /** The keys a link's stations are to hold: those of the rekey under way, else the link's own. */
  private targetKeys(link: ApLink): KeyedGroupKeys | undefined {
    return this.nextKeys?.get(link.linkId) ?? (link.groupKeys.gtk ? (link.groupKeys as KeyedGroupKeys) : undefined);
  }

  private groupKeyTimeout(id: string, deauthReason: number): void {
    const p = this.pairwise.get(id);
    this.host.peerLog.warn(id, 'group-rekey', 'no answer to the group key handshake: deauthenticated');
    if (p) void this.host.forgetStation(p.sta, deauthReason, 'group key handshake timeout', true);
  }

  /**
   * The keys as a handshake carries them, with the kernel's transmit counters (GET_KEY): the
   * GTK's in Key RSC, the IGTK's and BIGTK's in their KDEs' IPN/BIPN, so the station's replay
   * check starts where the AP's transmissions are (12.7.2: Key RSC). A refused read leaves
   * that counter 0 (the station then accepts frames it might have seen; counted, logged).
   */
  private async withCounters(keys: KeyedGroupKeys, linkId: number | undefined): Promise<HandshakeGroupKeys> {
    const seq = async (id: number | undefined): Promise<Uint8Array | undefined> => {
      if (id === undefined) return undefined;
      try {
        return await getGroupKeySeq(this.host.nl, this.host.ifindex, id, linkId);
      } catch (err) {
        this.totals.keySeqReadFailures++;
        this.host.log.warn(`GET_KEY of group key ${id}: ${(err as Error).message}; its counter goes out as 0`);
        return undefined;
      }
    };
    const gtkRsc = await seq(keys.gtk.id);
    const igtkPn = await seq(keys.igtk?.id);
    const bigtkPn = await seq(keys.bigtk?.id);
    return { ...handshakeGroupKeys(keys), ...(gtkRsc ? { gtkRsc } : {}), ...(igtkPn ? { igtkPn } : {}), ...(bigtkPn ? { bigtkPn } : {}) };
  }

  /**
   * After the 4-way handshake: message 3 carried the GTK in use when it was built. If a rekey
   * began after that (its round was fixed without this station) or ended since, the station
   * lacks the keys the AP transmits with, and gets them with a group key handshake (12.7.7).
   */
  private updateGroupKeys(p: PairwiseState): void {
    const addr = p.sta.addr;
    const links = this.keyLinks(p.sta);
    const targets: ByLink<KeyedGroupKeys> = new Map();
    for (const l of links) {
      const t = this.targetKeys(l);
      if (t) targets.set(l.linkId, t);
    }
    const stale = [...targets].filter(([id, t]) => { const had = p.msg3Gtks?.get(id); return had !== undefined && !sameBytes(had, t.gtk.key); });
    if (stale.length === 0) return;
    this.totals.groupKeyUpdates++;
    this.host.log.info(`${addr}: its message 3 predates the ${stale.map(([id, t]) => `${id !== undefined ? `link ${id} ` : ''}GTK ${t.gtk.id}`).join(', ')} rekey: group key handshake`);
    // A rekey under way: its round takes the station (one whose members are not yet read counts it already).
    if (this.nextKeys) {
      if (!this.round || !this.roundKeys) return;
      const st = this.rekeyStation(p, this.roundKeys);
      if (st && this.round.addStation(st)) return;
    }
    void (async () => {
      const counted: ByLink<HandshakeGroupKeys> = new Map();
      for (const [id, t] of targets) counted.set(id, await this.withCounters(t, id));
      return counted;
    })().then((counted) => {
      if (this.stopped || this.pairwise.get(addr) !== p || p.session === undefined) return;
      // A rekey begun meanwhile has it as a member (it was authorized before the round's members were read).
      const moved = links.some((l) => { const now = this.targetKeys(l); const t = targets.get(l.linkId); return !now || !t || !sameBytes(now.gtk.key, t.gtk.key); });
      if (moved) return;
      const st = this.rekeyStation(p, counted);
      if (!st) return;
      const round: GroupRekeyRound = new GroupRekeyRound({
        stations: [st],
        clock: this.host.clock,
        events: {
          stationFailed: (id, deauthReason) => this.groupKeyTimeout(id, deauthReason),
          complete: () => { if (p.groupUpdate === round) p.groupUpdate = undefined; },
        },
      });
      p.groupUpdate = round;
      round.start();
    });
  }

  private armRekeyTimer(): void {
    if (this.rekeyIntervalS <= 0 || this.stopped) return;
    this.rekeyTimer = this.host.clock.setTimer(() => {
      this.armRekeyTimer();
      this.rekey('wpa_group_rekey interval');
    }, this.rekeyIntervalS * 1000);
  }

  private async onAuthorized(p: PairwiseState, session: PtkSession): Promise<void> {
    const sta = p.sta;
    if (this.pairwise.get(sta.addr) !== p || this.host.stations.get(sta.addr) !== sta) return;
    try {
      await setStationFlags(this.host.nl, this.host.ifindex, sta.addr, ['authorized'], ['authorized']);
    } catch (err) {
      this.host.log.warn(`${sta.addr}: authorizing the port: ${(err as Error).message}`);
      await this.host.forgetStation(sta, 1, 'port not authorized', true);
      return;
    }
    if (this.pairwise.get(sta.addr) !== p || this.host.stations.get(sta.addr) !== sta) return;
    p.session = session;
    this.heldGroupKeys.delete(sta);
    sta.state = 'authorized';
    this.totals.handshakesCompleted++;
    this.host.log.info(`${sta.addr}: 4-way handshake done, port authorized`);
    this.host.emit('authorized', { addr: sta.addr, aid: sta.aid, ...stationLinks(sta) });
    this.updateGroupKeys(p);
  }

  private onFailed(p: PairwiseState, reason: HandshakeFailure, deauthReason: number): void {
    const sta = p.sta;
    this.totals.handshakesFailed++;
    const what = reason === 'mic_failure' ? 'every message 2 had a bad MIC (wrong passphrase?)' : reason;
    this.host.peerLog.warn(sta.addr, '4way', `4-way handshake failed: ${what}`);
    this.host.emit('auth_failed', { addr: sta.addr, reason });
    void this.host.forgetStation(sta, deauthReason, `4-way handshake: ${reason}`, true);
  }

  private endPairwise(p: PairwiseState): void {
    this.retire(p);
    this.pairwise.delete(p.sta.addr);
    this.round?.removeStation(p.sta.addr);
  }

  private retire(p: PairwiseState): void {
    p.handshake.stop();
    p.groupUpdate?.stop();
    p.groupUpdate = undefined;
    addCounters(this.totals, p.handshake.counters);
  }
}

/**
 * The PSK of a psk2 / psk2-sha256 / sae-mixed BSS: the `key` as 64 hex digits, or
 * PBKDF2-SHA1 of the passphrase and SSID (J.4.1). 4096 HMAC rounds: computed once per AP
 * start, never per station.
 */
export function bssPsk(s: ApSettings): Uint8Array {
  if (s.key === undefined) throw new Error(`encryption ${s.encryption} needs a key`);
  return pskFromPassphrase(s.key, s.ssid);
}

function addCounters(into: HandshakeCounters, from: HandshakeCounters): void {
  into.malformed += from.malformed;
  into.micFailures += from.micFailures;
  into.replays += from.replays;
  into.unexpected += from.unexpected;
  into.retransmissions += from.retransmissions;
  into.sendErrors += from.sendErrors;
}

/** "GTK 2" for a single-link AP, "link 0 GTK 2, link 1 GTK 1" for an AP MLD. */
function describeKeys(keys: ByLink<KeyedGroupKeys>): string {
  return [...keys].map(([id, k]) => `${id !== undefined ? `link ${id} ` : ''}GTK ${k.gtk.id}`).join(', ');
}
