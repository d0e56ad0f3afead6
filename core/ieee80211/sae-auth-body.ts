// The SAE fields of an Authentication frame (IEEE 802.11-2020 9.3.3.12, Table 9-41): what
// follows Authentication Algorithm Number 3, the Transaction Sequence Number and the Status
// Code. Transaction 1 (commit) carries the Finite Cyclic Group, then with
// hunting-and-pecking an optional Anti-Clogging Token field before the scalar and element,
// and with hash-to-element (status 126) elements after them: Password Identifier,
// Rejected Groups, Anti-Clogging Token Container and (802.11-2024, for AKM 24) AKM Suite
// Selector. Transaction 2 (confirm) carries
// Send-Confirm and Confirm. Status 76 answers carry the group and the token the peer must
// echo; status 77 answers carry the refused group.
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';
import { ElementExtId, ElementId, buildExtElement, iterateElements } from './elements.js';

/** len(p) (= len(r)) of the groups whose commit layout this codec knows: group 19, P-256. */
const PRIME_LEN_BY_GROUP: ReadonlyMap<number, number> = new Map([[19, 32]]);
/** Confirm length: the hash length of the group (SHA-256 for group 19). */
const CONFIRM_LEN_BY_GROUP: ReadonlyMap<number, number> = new Map([[19, 32]]);

export interface SaeCommitBody {
  group: number;
  /** commit-scalar, len(r) octets big-endian. */
  scalar: Uint8Array;
  /** COMMIT-ELEMENT, x || y. */
  element: Uint8Array;
  /** The anti-clogging token echoed to the peer (field with H&P, container element with H2E). */
  token?: Uint8Array;
  /** Password Identifier element body (H2E only). */
  passwordIdentifier?: Uint8Array;
  /** Rejected Groups element (H2E only): the groups the sender's earlier attempts were refused. */
  rejectedGroups?: number[];
  /** AKM Suite Selector element (H2E only): the AKM the exchange is for, e.g. 0x000fac18 (SAE-EXT-KEY). */
  akmSuite?: number;
}

export interface SaeConfirmBody {
  sendConfirm: number;
  confirm: Uint8Array;
}

export interface SaeFormat {
  /** Hash-to-element (commit status 126): elements after the element, token in a container. */
  h2e: boolean;
}

export function isKnownSaeGroup(group: number): boolean {
  return PRIME_LEN_BY_GROUP.has(group);
}

/** The Finite Cyclic Group field that starts every commit, status 76 and status 77 body. */
export function readSaeGroup(body: Uint8Array): number {
  requireBytes(body.length, 0, 2, 'SAE finite cyclic group');
  return body[0] | (body[1] << 8);
}

/**
 * Octets of an SAE commit (transaction 1, hash-to-element: group, scalar, element) or
 * confirm (transaction 2: Send-Confirm, confirm) before any element follows; FrameDecodeError
 * for an unknown group or too short a body.
 */
export function saeFieldsLength(transaction: 1 | 2, body: Uint8Array): number {
  if (transaction === 2) {
    // A confirm names no group: every group wifid supports has the same confirm length.
    const len = 2 + [...CONFIRM_LEN_BY_GROUP.values()][0]!;
    requireBytes(body.length, 0, len, 'SAE confirm');
    return len;
  }
  const len = 2 + 3 * primeLen(readSaeGroup(body), 'SAE commit');
  requireBytes(body.length, 0, len, 'SAE commit');
  return len;
}

function primeLen(group: number, what: string): number {
  const len = PRIME_LEN_BY_GROUP.get(group);
  if (len === undefined) throw new FrameDecodeError('bad_value', what, 0, `finite cyclic group ${group} is not supported`);
  return len;
}

export function parseSaeCommit(body: Uint8Array, format: SaeFormat): SaeCommitBody {
  const what = 'SAE commit';
  const group = readSaeGroup(body);
  const len = primeLen(group, what);
  const fixed = 3 * len;
  requireBytes(body.length, 2, fixed, what);
  if (!format.h2e) {
    // With hunting-and-pecking a token sits between the group and the scalar and nothing follows
    // the element, so whatever the fixed fields leave over is the token.
    const tokenLen = body.length - 2 - fixed;
    const at = 2 + tokenLen;
    return {
      group,
      scalar: body.slice(at, at + len),
      element: body.slice(at + len, at + fixed),
      ...(tokenLen > 0 ? { token: body.slice(2, at) } : {}),
    };
  }
  const out: SaeCommitBody = { group, scalar: body.slice(2, 2 + len), element: body.slice(2 + len, 2 + fixed) };
  const tail = body.subarray(2 + fixed);
  const seen = new Set<number>();
  for (const e of iterateElements(tail)) {
    if (e.id !== ElementId.EXTENSION) continue;
    const ext = e.extId!;
    const data = e.data.subarray(1);
    const at = 2 + fixed + e.offset;
    const known = ext === ElementExtId.PASSWORD_IDENTIFIER || ext === ElementExtId.REJECTED_GROUPS || ext === ElementExtId.ANTI_CLOGGING_TOKEN_CONTAINER
      || ext === ElementExtId.AKM_SUITE_SELECTOR;
    if (known && seen.has(ext)) throw new FrameDecodeError('bad_value', what, at, `element 255/${ext} appears twice`);
    seen.add(ext);
    if (ext === ElementExtId.PASSWORD_IDENTIFIER) {
      out.passwordIdentifier = data.slice();
    } else if (ext === ElementExtId.REJECTED_GROUPS) {
      if (data.length < 2 || data.length % 2 !== 0) {
        throw new FrameDecodeError('bad_length', 'Rejected Groups element', at, `${data.length} octets is not a list of 2-octet groups`);
      }
      out.rejectedGroups = [];
      for (let i = 0; i < data.length; i += 2) out.rejectedGroups.push(data[i] | (data[i + 1] << 8));
    } else if (ext === ElementExtId.ANTI_CLOGGING_TOKEN_CONTAINER) {
      if (data.length === 0) throw new FrameDecodeError('bad_length', 'Anti-Clogging Token Container element', at, 'empty token');
      out.token = data.slice();
    } else if (ext === ElementExtId.AKM_SUITE_SELECTOR) {
      if (data.length !== 4) throw new FrameDecodeError('bad_length', 'AKM Suite Selector element', at, `${data.length} octets, not one 4-octet suite`);
      // A suite selector as the RSNE writes it: OUI, then the suite type.
      out.akmSuite = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
    }
  }
  return out;
}

export function buildSaeCommit(commit: SaeCommitBody, format: SaeFormat): Uint8Array {
  const len = primeLen(commit.group, 'SAE commit');
  if (commit.scalar.length !== len || commit.element.length !== 2 * len) throw new RangeError(`group ${commit.group} takes a ${len}-octet scalar and ${2 * len}-octet element`);
  const w = new ByteWriter(3 * len + 64).le16(commit.group);
  if (!format.h2e && (commit.passwordIdentifier || commit.rejectedGroups || commit.akmSuite !== undefined)) {
    throw new RangeError('Password Identifier, Rejected Groups and AKM Suite Selector elements belong to hash-to-element commits');
  }
  if (!format.h2e && commit.token) w.bytes(commit.token);
  w.bytes(commit.scalar).bytes(commit.element);
  if (format.h2e) {
    if (commit.passwordIdentifier) w.bytes(buildExtElement(ElementExtId.PASSWORD_IDENTIFIER, commit.passwordIdentifier));
    if (commit.rejectedGroups?.length) w.bytes(buildExtElement(ElementExtId.REJECTED_GROUPS, groupList(commit.rejectedGroups)));
    if (commit.token) w.bytes(buildExtElement(ElementExtId.ANTI_CLOGGING_TOKEN_CONTAINER, commit.token));
    if (commit.akmSuite !== undefined) {
      const s = commit.akmSuite;
      w.bytes(buildExtElement(ElementExtId.AKM_SUITE_SELECTOR, Uint8Array.of(s >>> 24, (s >>> 16) & 0xff, (s >>> 8) & 0xff, s & 0xff)));
    }
  }
  return w.finish();
}

/** A list of groups as the Rejected Groups element carries it (2 octets each, little-endian). */
export function groupList(groups: readonly number[]): Uint8Array {
  const w = new ByteWriter(groups.length * 2);
  for (const g of groups) w.le16(g);
  return w.finish();
}

export function parseSaeConfirm(body: Uint8Array, group: number): SaeConfirmBody {
  const what = 'SAE confirm';
  const len = CONFIRM_LEN_BY_GROUP.get(group);
  if (len === undefined) throw new FrameDecodeError('bad_value', what, 0, `finite cyclic group ${group} is not supported`);
  requireBytes(body.length, 0, 2 + len, what);
  // Only SAE-PK (status 127, not offered here) puts elements after the confirm.
  if (body.length !== 2 + len) throw new FrameDecodeError('bad_length', what, 2 + len, `${body.length - 2 - len} octets after the confirm`);
  return { sendConfirm: body[0] | (body[1] << 8), confirm: body.slice(2) };
}

export function buildSaeConfirm(confirm: SaeConfirmBody): Uint8Array {
  return new ByteWriter(2 + confirm.confirm.length).le16(confirm.sendConfirm).bytes(confirm.confirm).finish();
}

/** Status 76 body: the group, then the token (a bare field, or in a container element with H2E). */
export function buildSaeTokenRequest(group: number, token: Uint8Array, format: SaeFormat): Uint8Array {
  const w = new ByteWriter(token.length + 5).le16(group);
  return (format.h2e ? w.bytes(buildExtElement(ElementExtId.ANTI_CLOGGING_TOKEN_CONTAINER, token)) : w.bytes(token)).finish();
}

export function parseSaeTokenRequest(body: Uint8Array, format: SaeFormat): { group: number; token: Uint8Array } {
  const what = 'SAE anti-clogging token request';
  const group = readSaeGroup(body);
  const rest = body.subarray(2);
  if (!format.h2e) {
    if (rest.length === 0) throw new FrameDecodeError('missing', what, 2, 'no token');
    return { group, token: rest.slice() };
  }
  const elements = [...iterateElements(rest)];
  const container = elements.find((e) => e.extId === ElementExtId.ANTI_CLOGGING_TOKEN_CONTAINER);
  if (!container || container.data.length < 2) throw new FrameDecodeError('missing', what, 2, 'no Anti-Clogging Token Container element');
  return { group, token: container.data.slice(1) };
}

/** Status 77 body: the group that is refused. */
export function buildSaeGroupRejection(group: number): Uint8Array {
  return new ByteWriter(2).le16(group).finish();
}
