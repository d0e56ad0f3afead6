// The Country element (IEEE 802.11-2020 9.4.2.8): the country string (two letters and an
// environment octet), then subband triplets (first channel, number of channels, maximum
// transmit power in dBm), padded to an even length.
import { ByteWriter } from './byte-writer.js';
import { ElementId } from './elements.js';

/** Third octet of the country string (9.4.2.8): any environment, outdoor, indoor, or Table E-4 operating classes. */
export const CountryEnvironment = { ANY: 0x20, OUTDOOR: 0x4f, INDOOR: 0x49, NON_COUNTRY: 0x58, GLOBAL_OP_CLASSES: 0x04 } as const;

export interface CountrySubband {
  firstChannel: number;
  numChannels: number;
  maxTxPowerDbm: number;
}

export interface CountryInfo {
  /** ISO 3166-1 alpha-2, e.g. "US". */
  code: string;
  environment?: number;
  subbands: CountrySubband[];
}

export function buildCountryElement(info: CountryInfo): Uint8Array {
  if (!/^[A-Z]{2}$/.test(info.code)) throw new RangeError(`country code "${info.code}" is not two capital letters`);
  const w = new ByteWriter(8 + info.subbands.length * 3);
  w.u8(ElementId.COUNTRY).u8(0).u8(info.code.charCodeAt(0)).u8(info.code.charCodeAt(1)).u8(info.environment ?? CountryEnvironment.ANY);
  for (const s of info.subbands) w.u8(s.firstChannel).u8(s.numChannels).u8(s.maxTxPowerDbm);
  if ((w.length - 2) % 2 !== 0) w.u8(0);
  if (w.length - 2 > 255) throw new RangeError('Country element body exceeds 255 bytes');
  w.setU8(1, w.length - 2);
  return w.finish();
}

/**
 * Subbands of consecutive channels with the same power: channel numbers `spacing` apart
 * (1 in 2.4 GHz, 4 in 5 GHz) that share a maximum power form one triplet.
 */
export function countrySubbands(channels: readonly { channel: number; maxTxPowerDbm: number }[], spacing: number): CountrySubband[] {
  const sorted = [...channels].sort((a, b) => a.channel - b.channel);
  const out: CountrySubband[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.maxTxPowerDbm === c.maxTxPowerDbm && last.firstChannel + last.numChannels * spacing === c.channel) last.numChannels++;
    else out.push({ firstChannel: c.channel, numChannels: 1, maxTxPowerDbm: c.maxTxPowerDbm });
  }
  return out;
}
