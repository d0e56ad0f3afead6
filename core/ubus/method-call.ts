// Answering an INVOKE of one of our method objects: the policy check before the handler,
// the handler's result or failure as ubus replies (DATA then STATUS), and a log line for
// every refusal, so a caller and the daemon's log both say why a call failed.
import type { Logger } from '../log';
import { jsToBlobmsgFields, type BlobmsgField, type BlobmsgJs, type JsValue } from './blobmsg';
import type { UbusAttr } from './message';
import { applyPolicy, PolicyViolation, type UbusPolicy } from './policy';
import { UbusError, UbusStatus, ubusStrerror } from './protocol';

export type UbusArgs = Record<string, JsValue>;
export type UbusReply = Record<string, BlobmsgJs>;

export interface UbusRequestContext {
  object: string;
  method: string;
  /** Caller's credentials as ubusd reports them (absent from older ubusd). */
  user?: string;
  group?: string;
  /** ubusd's id of the calling client. */
  peer: number;
  /** Sends one reply message before the handler finishes (libubus ubus_send_reply). */
  reply(data: UbusReply): void;
}

export interface UbusMethod {
  /** Arguments the method takes; anything else is refused with INVALID_ARGUMENT. */
  policy?: UbusPolicy;
  /**
   * Runs after the arguments passed the policy. What it returns (an object) is the reply;
   * a thrown UbusError answers `{ "error": message }` and its status; any other throw is
   * logged and answers UNKNOWN_ERROR. An async handler is a deferred reply on the wire.
   */
  handler(args: UbusArgs, ctx: UbusRequestContext): Promise<UbusReply | void> | UbusReply | void;
}

export type UbusMethods = Record<string, UbusMethod>;

export interface MethodCall {
  object: string;
  methods: UbusMethods;
  method: string;
  /** UBUS_ATTR_DATA as decoded (a raw attribute when it was not valid blobmsg). */
  data: UbusAttr | undefined;
  caller: { user?: string; group?: string; peer: number };
  log: Logger;
  /** Where the answer goes (no-ops for a no-reply invoke). */
  reply: { data(fields: BlobmsgField[]): void; status(status: number): void };
}

/** A failed call answers `{ "error": message }` and then the status. */
function answerError(c: MethodCall, status: number, message: string): void {
  try {
    c.reply.data([{ name: 'error', type: 'string', value: message }]);
  } catch (err) {
    c.log.warn(`cannot send an error reply: ${String(err)}`);
  }
  c.reply.status(status);
}

export async function answerMethodCall(c: MethodCall): Promise<void> {
  const { method, data } = c;
  const m = Object.prototype.hasOwnProperty.call(c.methods, method) ? c.methods[method] : undefined;
  if (!m) {
    const why = `object ${c.object} has no method "${method}"`;
    c.log.info(`refused: ${why}`);
    answerError(c, UbusStatus.METHOD_NOT_FOUND, why);
    return;
  }
  const where = `${c.object} ${method}`;
  if (!data || data.id !== 'data') {
    const why = data ? 'arguments are not valid blobmsg' : 'no argument table';
    c.log.warn(`${where}: refused: ${why}`);
    answerError(c, UbusStatus.INVALID_ARGUMENT, `${method}: ${why}`);
    return;
  }
  let args: UbusArgs;
  try {
    args = applyPolicy(m.policy ?? {}, data.value);
  } catch (err) {
    if (!(err instanceof PolicyViolation)) throw err;
    c.log.warn(`${where}: refused: ${err.message}`);
    answerError(c, UbusStatus.INVALID_ARGUMENT, `${method}: ${err.message}`);
    return;
  }
  const ctx: UbusRequestContext = {
    object: c.object,
    method,
    user: c.caller.user,
    group: c.caller.group,
    peer: c.caller.peer,
    reply: (reply) => c.reply.data(jsToBlobmsgFields(reply)),
  };
  let result: UbusReply | void;
  try {
    result = await m.handler(args, ctx);
  } catch (err) {
    if (err instanceof UbusError) {
      c.log.info(`${where}: ${ubusStrerror(err.status)}: ${err.message}`);
      answerError(c, err.status, err.message);
    } else {
      const why = `${method}: internal error: ${err instanceof Error ? err.message : String(err)}`;
      c.log.error(`${c.object} ${why}${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
      answerError(c, UbusStatus.UNKNOWN_ERROR, why);
    }
    return;
  }
  if (result !== undefined && result !== null) {
    try {
      c.reply.data(jsToBlobmsgFields(result));
    } catch (err) {
      c.log.error(`${where}: cannot send the reply: ${String(err)}`);
      answerError(c, UbusStatus.UNKNOWN_ERROR, `${method}: reply could not be sent: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
  }
  c.reply.status(UbusStatus.OK);
}
