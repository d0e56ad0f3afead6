// Answering an INVOKE of one of our method objects: the policy check before the handler,
// the handler's result or failure as ubus replies (DATA then STATUS), and a log line for
// every refusal, so a caller and the daemon's log both say why a call failed. A caller
// can call as often as it likes with whatever it likes: the lines it causes are
// rate-limited per caller, and replies and lines quote only a short prefix of its values.
import type { Logger } from '../log';
import { logSafe, quoted } from '../log-text';
import type { BlobmsgField, BlobmsgJs, JsValue } from './blobmsg';
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
  /** The object's logger, rate-limited for this caller: log what the caller caused here. */
  log: Logger;
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
  reply: { data(fields: BlobmsgField[]): void; dataJs(reply: UbusReply): void; status(status: number): void };
}

/** The longest error text a reply carries, whatever a handler's message quoted. */
export const MAX_ERROR_REPLY = 256;

/**
 * Whom the rate limit counts a call against: the caller's user when ubusd names it (a
 * reconnect gives a new peer id, not a new user), else its peer id.
 */
export function callerKey(caller: MethodCall['caller']): string {
  return caller.user !== undefined ? `ubus user ${caller.user}` : `ubus peer ${caller.peer.toString(16).padStart(8, '0')}`;
}

/** A failed call answers `{ "error": message }` and then the status. */
function answerError(c: MethodCall, log: Logger, status: number, message: string): void {
  try {
    c.reply.data([{ name: 'error', type: 'string', value: logSafe(message, MAX_ERROR_REPLY) }]);
  } catch (err) {
    log.warn(`cannot send an error reply: ${String(err)}`);
  }
  c.reply.status(status);
}

export async function answerMethodCall(c: MethodCall): Promise<void> {
  const { method, data } = c;
  const log = c.log.limited(callerKey(c.caller));
  const m = Object.prototype.hasOwnProperty.call(c.methods, method) ? c.methods[method] : undefined;
  if (!m) {
    const why = `object ${c.object} has no method ${quoted(method)}`;
    log.info(`refused: ${why}`);
    answerError(c, log, UbusStatus.METHOD_NOT_FOUND, why);
    return;
  }
  const where = `${c.object} ${method}`;
  if (!data || data.id !== 'data') {
    const why = data ? 'arguments are not valid blobmsg' : 'no argument table';
    log.warn(`${where}: refused: ${why}`);
    answerError(c, log, UbusStatus.INVALID_ARGUMENT, `${method}: ${why}`);
    return;
  }
  let args: UbusArgs;
  try {
    args = applyPolicy(m.policy ?? {}, data.value);
  } catch (err) {
    if (!(err instanceof PolicyViolation)) throw err;
    log.warn(`${where}: refused: ${err.message}`);
    answerError(c, log, UbusStatus.INVALID_ARGUMENT, `${method}: ${err.message}`);
    return;
  }
  const ctx: UbusRequestContext = {
    object: c.object,
    method,
    user: c.caller.user,
    group: c.caller.group,
    peer: c.caller.peer,
    log,
    reply: (reply) => c.reply.dataJs(reply),
  };
  let result: UbusReply | void;
  try {
    result = await m.handler(args, ctx);
  } catch (err) {
    if (err instanceof UbusError) {
      log.info(`${where}: ${ubusStrerror(err.status)}: ${err.message}`);
      answerError(c, log, err.status, err.message);
    } else {
      const why = `${method}: internal error: ${err instanceof Error ? err.message : String(err)}`;
      log.error(`${c.object} ${why}`);
      // The stack (its newlines escaped: one record) for whoever runs with -v.
      if (err instanceof Error && err.stack) log.debug(err.stack);
      answerError(c, log, UbusStatus.UNKNOWN_ERROR, why);
    }
    return;
  }
  if (result !== undefined && result !== null) {
    try {
      c.reply.dataJs(result);
    } catch (err) {
      log.error(`${where}: cannot send the reply: ${String(err)}`);
      answerError(c, log, UbusStatus.UNKNOWN_ERROR, `${method}: reply could not be sent: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
  }
  c.reply.status(UbusStatus.OK);
}
