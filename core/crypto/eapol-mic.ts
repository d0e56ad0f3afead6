// The EAPOL-Key MIC (IEEE 802.11-2020 12.7.2 h): computed over the whole EAPOL PDU (from the
// 802.1X header's version octet) with the MIC field zeroed, by the AKM's integrity algorithm.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { akmKeyParams } from './akm.js';
import { aesCmac } from './cmac.js';

/** The MIC for `pduWithZeroMic` under `kck`, `micLen` octets as the AKM defines. */
export function eapolMic(akm: number, kck: Uint8Array, pduWithZeroMic: Uint8Array): Uint8Array {
  // Every supported AKM has KCK = PMK / 2 (16 of 32 octets; AKM 24: 16/24/32 of 32/48/64).
  const params = akmKeyParams(akm, kck.length * 2);
  if (kck.length !== params.kckLen) throw new RangeError(`KCK of ${kck.length} octets for an AKM that uses ${params.kckLen}`);
  switch (params.mic) {
    case 'hmac-sha1-128':
      return new Uint8Array(createHmac('sha1', kck).update(pduWithZeroMic).digest().subarray(0, 16));
    case 'aes-128-cmac':
      return aesCmac(kck, pduWithZeroMic);
    case 'hmac-sha256':
    case 'hmac-sha384':
    case 'hmac-sha512':
      return new Uint8Array(createHmac(params.mic.slice(5), kck).update(pduWithZeroMic).digest().subarray(0, params.micLen));
  }
}

/** Constant-time comparison of a received MIC with the one computed here. */
export function eapolMicMatches(akm: number, kck: Uint8Array, pduWithZeroMic: Uint8Array, received: Uint8Array): boolean {
  const expected = eapolMic(akm, kck, pduWithZeroMic);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
