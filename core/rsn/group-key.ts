// The group key handshake as authenticator (IEEE 802.11-2020 12.7.7), for GTK (and IGTK/BIGTK)
// rekeys of an authorized STA, continuing the replay counter of its PTKSA:
//
//   group msg 1  EAPOL-Key(1,1,1,0,G,0,RSC,0,MIC,{GTK[,IGTK][,BIGTK]})  Key Data wrapped
//   group msg 2  EAPOL-Key(1,1,0,0,G,0,0,0,MIC,{})
//
// GroupRekeyRound runs one per authorized STA and tells when all have answered (or failed),
// the moment the AP may start transmitting with the new GTK.
// A non-AP MLD (802.11be 12.7.7) gets the keys of every link it holds in MLO GTK/IGTK/BIGTK
// KDEs, each with its link id and counter, and a Key RSC of zero, as in message 3.
import type { ParsedEapolKey } from '../ieee80211/eapol-key.js';
import { KeyDataWriter } from '../ieee80211/kde.js';
import { ReasonCode } from '../ieee80211/reason-codes.js';
import { buildKeyFrame, parseCounted, keyRsc, micVerifies, wrapKeyData, writeGroupKeyKdes, writeMloGroupKeyKdes } from './key-frames.js';
import type { MloGroupKeys } from './authenticator.js';
import { Retransmitter } from './retransmit.js';
import {
  DEFAULT_RETRY, newCounters, type GroupKeys, type HandshakeCounters, type MonotonicClock, type PtkSession, type RetryPolicy,
} from './types.js';

/** What group message 1 carries: one link's keys, or (a non-AP MLD) each of its links' keys by link id. */
export type StationGroupKeys = GroupKeys | MloGroupKeys;

export interface GroupKeyHandshakeOptions {
  /** The STA's PTKSA from FourWayAuthenticator's authorized event; its replayCounter advances. */
  session: PtkSession;
  groupKeys: StationGroupKeys;
  clock: MonotonicClock;
  send: (eapol: Uint8Array) => Promise<void>;
  events: {
    done(): void;
    failed(reason: 'timeout', deauthReason: number): void;
  };
  retry?: RetryPolicy;
}

export class GroupKeyHandshake {
  readonly counters: HandshakeCounters = newCounters();
  private state: 'idle' | 'waiting' | 'done' | 'failed' | 'stopped' = 'idle';
  private readonly retx: Retransmitter;
  private pending = new Set<bigint>();

  constructor(private readonly opts: GroupKeyHandshakeOptions) {
    this.retx = new Retransmitter(opts.clock, opts.retry ?? DEFAULT_RETRY, this.counters, opts.send);
  }

  get currentState(): string {
    return this.state;
  }

  start(): void {
    if (this.state === 'stopped') return;
    this.state = 'waiting';
    this.pending.clear();
    this.retx.start(() => this.buildMsg1(), () => {
      this.state = 'failed';
      this.pending.clear();
      this.opts.events.failed('timeout', ReasonCode.GK_HANDSHAKE_TIMEOUT);
    }, true);
  }

  stop(): void {
    this.state = 'stopped';
    this.retx.stop();
  }

  receive(pdu: Uint8Array): void {
    const s = this.opts.session;
    if (this.state !== 'waiting') {
      this.counters.unexpected++;
      return;
    }
    const frame = parseCounted(pdu, s.micLen, this.counters);
    if (!frame) return;
    if (frame.pairwise || frame.ack || !frame.mic || !frame.secure || frame.request || frame.descriptorVersion !== s.descriptorVersion) {
      this.counters.unexpected++;
      return;
    }
    if (!this.pending.has(frame.replayCounter)) {
      this.counters.replays++;
      return;
    }
    if (!micVerifies(s, frame)) {
      this.counters.micFailures++;
      return;
    }
    this.retx.stop();
    this.pending.clear();
    this.state = 'done';
    this.opts.events.done();
  }

  private buildMsg1(): Uint8Array {
    const s = this.opts.session;
    s.replayCounter++;
    this.pending.add(s.replayCounter);
    const keys = this.opts.groupKeys;
    const mlo = Array.isArray(keys);
    const keyData = (mlo ? writeMloGroupKeyKdes(new KeyDataWriter(), keys) : writeGroupKeyKdes(new KeyDataWriter(), keys)).finish();
    return buildKeyFrame({
      protocolVersion: s.protocolVersion, descriptorVersion: s.descriptorVersion, replayCounter: s.replayCounter,
      ack: true, mic: true, secure: true, encryptedKeyData: true,
      // MLO: each link's counter travels in its MLO GTK KDE, Key RSC stays zero.
      rsc: keyRsc(mlo ? undefined : keys.gtkRsc), keyData: wrapKeyData(s.kek, keyData),
    }, s.micLen, s);
  }
}

export interface RekeyStation {
  /** How the caller names the STA (e.g. its MAC address string). */
  id: string;
  session: PtkSession;
  send: (eapol: Uint8Array) => Promise<void>;
  /** The keys for this STA when they differ from the round's (an AP MLD: its link's, or its links' as MLO KDEs). */
  groupKeys?: StationGroupKeys;
}

export interface GroupRekeyOutcome {
  done: string[];
  failed: string[];
  /** Stations that left (removeStation) before answering. */
  removed: string[];
}

/** A GTK rekey of every authorized STA of a BSS (or of an AP MLD's links): one group key handshake each. */
export class GroupRekeyRound {
  private readonly handshakes = new Map<string, GroupKeyHandshake>();
  private readonly outcome: GroupRekeyOutcome = { done: [], failed: [], removed: [] };
  private finished = false;

  constructor(private readonly opts: {
    stations: RekeyStation[];
    /** The keys of every STA that brings none of its own. */
    groupKeys?: GroupKeys;
    clock: MonotonicClock;
    retry?: RetryPolicy;
    events: {
      stationFailed(id: string, deauthReason: number): void;
      complete(outcome: GroupRekeyOutcome): void;
    };
  }) {}

  start(): void {
    for (const st of this.opts.stations) this.open(st);
    if (this.handshakes.size === 0) this.finish();
    for (const hs of [...this.handshakes.values()]) hs.start();
  }

  /**
   * A station the round did not start with (its 4-way handshake gave it the keys the round
   * replaces): it gets the new keys too, and the round waits for it. False once the round
   * has finished.
   */
  addStation(st: RekeyStation): boolean {
    if (this.finished) return false;
    if (!this.handshakes.has(st.id)) this.open(st).start();
    return true;
  }

  private open(st: RekeyStation): GroupKeyHandshake {
    const groupKeys = st.groupKeys ?? this.opts.groupKeys;
    if (!groupKeys) throw new Error(`group rekey of ${st.id}: no group keys for it`);
    const hs = new GroupKeyHandshake({
      session: st.session, groupKeys, clock: this.opts.clock, send: st.send, retry: this.opts.retry,
      events: {
        done: () => this.settle(st.id, 'done'),
        failed: (_reason, deauthReason) => {
          this.opts.events.stationFailed(st.id, deauthReason);
          this.settle(st.id, 'failed');
        },
      },
    });
    this.handshakes.set(st.id, hs);
    return hs;
  }

  /** Routes a group message 2 from station `id`; frames of unknown stations are ignored. */
  receive(id: string, pdu: Uint8Array): void {
    this.handshakes.get(id)?.receive(pdu);
  }

  /** The station left: its handshake ends and no longer holds the round back. */
  removeStation(id: string): void {
    const hs = this.handshakes.get(id);
    if (!hs) return;
    hs.stop();
    this.settle(id, 'removed');
  }

  /** Stops every handshake still running, without events. */
  stop(): void {
    this.finished = true;
    for (const hs of this.handshakes.values()) hs.stop();
    this.handshakes.clear();
  }

  private settle(id: string, how: 'done' | 'failed' | 'removed'): void {
    if (!this.handshakes.delete(id)) return;
    this.outcome[how].push(id);
    if (this.handshakes.size === 0) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.opts.events.complete(this.outcome);
  }
}
