// Calls to other clients' objects (libubus.c's lookup, libubus-req.c's invoke): look an
// object up by path, invoke its methods through a cache of object ids, ping ubusd.
import { asBuffer, BlobDecodeError } from './blob';
import { decodeBlobmsgFields, jsToBlobmsgFields, type BlobmsgField, type BlobmsgJs, type JsValue } from './blobmsg';
import { decodeBlobmsgJsAt } from './blobmsg-js-reader';
import { UbusConnection, type RequestResult } from './connection';
import { getAttr, type UbusAttr } from './message';
import type { UbusArgs } from './method-call';
import { UbusError, UbusMsgType, UbusStatus, ubusStrerror } from './protocol';

export interface UbusObjectInfo {
  path: string;
  id: number;
  typeId: number;
  /** Method name -> argument name -> blobmsg type id, as `ubus -v list` shows it. */
  signature: Record<string, Record<string, number>>;
  /** The signature fields exactly as received. */
  signatureFields: BlobmsgField[];
}

export abstract class UbusCalls extends UbusConnection {
  private readonly idCache = new Map<string, number>();

  protected override forgetIds(): void {
    this.idCache.clear();
  }

  // ------------------------------------------------------------------ calls

  /** Objects matching `pattern` (exact path, or a prefix ending in '*'; all when omitted). */
  async lookup(pattern?: string): Promise<UbusObjectInfo[]> {
    const attrs: UbusAttr[] = pattern === undefined ? [] : [{ id: 'objpath', value: pattern }];
    const out: UbusObjectInfo[] = [];
    const res = await this.request(UbusMsgType.LOOKUP, 0, attrs);
    for (const msg of res.messages) {
      const path = getAttr(msg, 'objpath');
      const id = getAttr(msg, 'objid');
      if (path === undefined || id === undefined) continue;
      const sig = getAttr(msg, 'signature') ?? [];
      const signature: UbusObjectInfo['signature'] = {};
      for (const m of sig) {
        if (m.type !== 'table') continue;
        signature[m.name] = Object.fromEntries(m.value.filter((a) => a.type === 'int32').map((a) => [a.name, a.value as number]));
      }
      out.push({ path, id, typeId: getAttr(msg, 'objtype') ?? 0, signature, signatureFields: sig });
    }
    if (res.status !== UbusStatus.OK) throw new UbusError(res.status, pattern ? `${pattern}: ${ubusStrerror(res.status)}` : ubusStrerror(res.status));
    return out;
  }

  async lookupId(path: string): Promise<number> {
    const found = await this.lookup(path);
    if (!found.length) throw new UbusError(UbusStatus.NOT_FOUND, `object ${path} not found`);
    return found[0]!.id;
  }

  private invokeFields(id: number, method: string, fields: BlobmsgField[], timeoutMs?: number): Promise<RequestResult> {
    return this.request(UbusMsgType.INVOKE, id, [
      { id: 'objid', value: id },
      { id: 'method', value: method },
      { id: 'data', value: fields },
    ], timeoutMs);
  }

  /**
   * Invokes by path through a cache of object ids (one round trip instead of two). When
   * ubusd itself answers NOT_FOUND, the cached id is stale (the object was registered
   * again) and no handler ran: look the path up again and retry once.
   */
  private async invokePath(path: string, method: string, fields: BlobmsgField[], timeoutMs?: number): Promise<RequestResult> {
    const cached = this.idCache.get(path);
    const id = cached ?? await this.lookupId(path);
    this.idCache.set(path, id);
    const res = await this.invokeFields(id, method, fields, timeoutMs);
    if (cached === undefined || res.status !== UbusStatus.NOT_FOUND || !res.fromBroker) return res;
    this.idCache.delete(path);
    const fresh = await this.lookupId(path);
    this.idCache.set(path, fresh);
    return this.invokeFields(fresh, method, fields, timeoutMs);
  }


  protected async invokeId(id: number, method: string, args: Record<string, BlobmsgJs>, timeoutMs?: number): Promise<RequestResult> {
    const res = await this.invokeFields(id, method, jsToBlobmsgFields(args), timeoutMs);
    return this.checked(res);
  }

  private checked(res: RequestResult): RequestResult {
    if (res.status !== UbusStatus.OK) {
      const last = lastReplyJs(res);
      const err = last?.error;
      throw new UbusError(res.status, typeof err === 'string' ? err : ubusStrerror(res.status), last);
    }
    return res;
  }

  /**
   * Calls `method` of the object at `path` (another daemon's, e.g. `uci` or
   * `network.interface`). Resolves with the reply (the last, if several), undefined when
   * there is none; rejects with UbusError carrying the status and the reply's "error".
   */
  async call(path: string, method: string, args: Record<string, BlobmsgJs> = {}, opts: { timeoutMs?: number } = {}): Promise<UbusArgs | undefined> {
    const res = this.checked(await this.invokePath(path, method, jsToBlobmsgFields(args), opts.timeoutMs));
    return lastReplyJs(res);
  }

  /** Every reply message of a call, as typed fields (for the CLI, which prints each). */
  async callFields(path: string, method: string, fields: BlobmsgField[], opts: { timeoutMs?: number } = {}): Promise<{ status: number; replies: BlobmsgField[][] }> {
    const res = await this.invokePath(path, method, fields, opts.timeoutMs);
    const replies: BlobmsgField[][] = [];
    for (const d of res.data) {
      try {
        replies.push(decodeBlobmsgFields(d));
      } catch (err) {
        if (!(err instanceof BlobDecodeError)) throw err;
      }
    }
    return { status: res.status, replies };
  }

  /** Round trip to ubusd; resolves with the time it took in ms. */
  async ping(): Promise<number> {
    const t0 = performance.now();
    const res = await this.request(UbusMsgType.PING, 0, []);
    if (res.status) throw new UbusError(res.status);
    return performance.now() - t0;
  }
}

/**
 * The last reply that is valid blobmsg, as plain JS values (replies that are not are
 * skipped, as libubus's blobmsg_parse would find nothing in them); undefined when none is.
 */
function lastReplyJs(res: RequestResult): Record<string, JsValue> | undefined {
  for (let i = res.data.length - 1; i >= 0; i--) {
    const d = res.data[i]!;
    try {
      return decodeBlobmsgJsAt(asBuffer(d), 0, d.length);
    } catch (err) {
      if (!(err instanceof BlobDecodeError)) throw err;
    }
  }
  return undefined;
}
