// The Basic Multi-Link element of an Authentication frame (802.11be-2024 35.3.5.2): a
// non-AP MLD authenticating with an AP MLD puts one, holding only its MLD address, after
// the algorithm's own fields, and the AP MLD answers with its own. Where those fields
// end depends on the algorithm (802.11-2024 Table 9-71): Open System has none; SAE's
// commit with status 126 (hash-to-element, the only commit an MLD may send, as hostapd's
// auth_skip_fixed_fields requires) has the group, scalar and element, its confirm the
// Send-Confirm and the confirm hash. Elsewhere an ML element is not looked for.
import { AuthAlgorithm } from './auth.js';
import { FrameDecodeError } from './decode-error.js';
import { ElementExtId, ElementId, iterateElements } from './elements.js';
import { MAC_LEN } from './mac-address.js';
import { MultiLinkType, parseBasicMultiLink } from './multi-link.js';
import { saeFieldsLength } from './sae-auth-body.js';
import { StatusCode } from './status-codes.js';
import { buildMultiLinkElement } from './multi-link.js';

export interface AuthMultiLink {
  /** The body without the Multi-Link element: what the algorithm itself parses. */
  body: Uint8Array;
  /** The sender's MLD address, when the frame carries a Basic Multi-Link element. */
  mldAddr?: Uint8Array;
}

/** Length of the algorithm's fields before the elements of an Authentication frame body, or undefined where no ML element is taken. */
function fieldsLength(algorithm: number, transaction: number, status: number, body: Uint8Array): number | undefined {
  if (algorithm === AuthAlgorithm.OPEN_SYSTEM) return 0;
  if (algorithm !== AuthAlgorithm.SAE) return undefined;
  if (transaction === 1 && status !== StatusCode.SAE_HASH_TO_ELEMENT) return undefined;
  if (transaction !== 1 && transaction !== 2) return undefined;
  return saeFieldsLength(transaction, body);
}

/**
 * Finds and takes out the Basic Multi-Link element of a received Authentication frame's
 * body. FrameDecodeError for a malformed one (wrong type, no room for the MLD address,
 * two of them, broken element list after the fields).
 */
export function takeAuthMultiLink(algorithm: number, transaction: number, status: number, body: Uint8Array): AuthMultiLink {
  const fixed = fieldsLength(algorithm, transaction, status, body);
  if (fixed === undefined || fixed > body.length) return { body };
  const tail = body.subarray(fixed);
  let found: { start: number; end: number; data: Uint8Array } | undefined;
  for (const e of iterateElements(tail)) {
    if (e.id !== ElementId.EXTENSION || e.extId !== ElementExtId.MULTI_LINK) continue;
    if (found) throw new FrameDecodeError('bad_value', 'authentication frame', fixed + e.offset, 'two Multi-Link elements');
    found = { start: e.offset, end: e.offset + 2 + e.data.length, data: e.data.subarray(1) };
  }
  if (!found) return { body };
  const ml = parseBasicMultiLink(found.data);
  const rest = new Uint8Array(body.length - (found.end - found.start));
  rest.set(body.subarray(0, fixed + found.start));
  rest.set(body.subarray(fixed + found.end), fixed + found.start);
  return { body: rest, mldAddr: ml.mldAddr };
}

/** The AP MLD's Basic Multi-Link element in an Authentication frame: the MLD address only (hostapd_ml_auth_resp). */
export function buildAuthMultiLink(mldAddr: Uint8Array): Uint8Array {
  if (mldAddr.length !== MAC_LEN) throw new RangeError('an MLD address is 6 octets');
  return buildMultiLinkElement(MultiLinkType.BASIC, mldAddr, []);
}
