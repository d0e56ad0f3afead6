// Anti-clogging tokens (IEEE 802.11-2020 12.4.6): when too many SAE protocol instances are
// open, the AP answers a commit without a valid token with status 76 and a token the
// peer must echo from its own address. The token binds the peer's MAC address with a
// secret of this AP, so checking one needs no per-peer state; the secret changes on every
// restart, which only costs a peer one more round trip.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacSha256 } from './hmac-sha256.js';

/** dot11RSNASAEAntiCloggingThreshold as hostapd sets it (anti_clogging_threshold=5). */
export const DEFAULT_ANTI_CLOGGING_THRESHOLD = 5;

export class AntiCloggingTokens {
  private readonly secret: Uint8Array;

  constructor(secret: Uint8Array = randomBytes(32)) {
    this.secret = secret;
  }

  /** The token for a peer: HMAC-SHA-256(secret, peer address). */
  issue(peerAddr: Uint8Array): Uint8Array {
    return hmacSha256(this.secret, peerAddr);
  }

  verify(peerAddr: Uint8Array, token: Uint8Array): boolean {
    const expected = this.issue(peerAddr);
    return token.length === expected.length && timingSafeEqual(token, expected);
  }
}
