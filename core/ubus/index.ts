// ubus-ts: wifid's own ubus client, true to ubusd's wire protocol.
//
// API (the names of interfaces.md, refined where noted):
//   const ubus = new UbusClient(socketPath = '/var/run/ubus/ubus.sock', logger, opts?)
//   await ubus.connect()                       HELLO handshake; rejects if ubusd is absent
//   await ubus.addObject('wifid', {            methods with argument policies; the
//     status: { policy: {}, handler: async (args, ctx) => ({ version: '1' }) },   signature
//     scan:   { policy: { radio: { type: 'string', required: true } }, handler },  is what
//   }, { onSubscribersChanged(active) {} })    `ubus -v list` prints
//   await ubus.removeObject('wifid')
//   await ubus.call('network.interface', 'status', { interface: 'lan' })   -> reply | undefined
//     (object ids are cached; a stale id ubusd reports NOT_FOUND for is looked up again once;
//      a failure rejects with UbusError { status, message: reply.error ?? strerror, data })
//   await ubus.callFields(path, method, fields)  -> { status, replies } with the exact wire types
//   await ubus.lookup('wifid.*')               -> [{ path, id, typeId, signature }]
//   await ubus.sendEvent('wifid.ap.client', { mac })
//   const stop = await ubus.onEvent('hostapd.*', (type, data) => {})   pattern: exact or prefix*
//   await ubus.notify('wifid.ap', 'assoc', { mac })   -> number of subscribers reached
//   ubus.subscriberCount('wifid.ap')   exact after each notify (ubusd lists them then); in
//                                      between ubusd only reports none / some (then >= 1)
//   const unsub = await ubus.subscribe('hostapd.wlan0', (type, data) => {})
//   await ubus.ping(); await ubus.close()
//   ubus.objectId('wifid'), ubus.clientId, ubus.isConnected, ubus.onConnectionChange(up => …)
//
// Handlers: a thrown `new UbusError(UbusStatus.NOT_SUPPORTED, 'why')` answers the reply
// `{ "error": "why" }` and then that status (the `ubus` CLI prints both); arguments that
// break the policy answer INVALID_ARGUMENT the same way before the handler runs, and are
// logged; any other throw answers UNKNOWN_ERROR and is logged with its stack. Arguments
// named `ubus_rpc_*` (added by rpcd) are tolerated and not passed on.
// Values: JS objects are encoded with the types libubox's JSON parser would choose
// (int32, else int64; double; bool); use `typed.int16(…)` etc. for other wire types.
// After ubusd restarts the client reconnects and registers every object, event handler and
// subscription again (their ids change); `onConnectionChange` reports it. Requests made
// while disconnected fail at once with CONNECTION_FAILED; a message over UBUS_MAX_MSGLEN
// is refused before it is sent (INVALID_ARGUMENT, "exceeds UBUS_MAX_MSGLEN").
// A subscription whose target is absent after a reconnection is logged and dropped.
export { UbusClient } from './client';
export type {
  UbusArgs, UbusClientOptions, UbusEventHandler, UbusMethod, UbusMethods, UbusNotificationHandler,
  UbusObjectInfo, UbusObjectOptions, UbusReply, UbusRequestContext,
} from './client';
export { UbusError, UbusStatus, ubusStrerror, UBUS_DEFAULT_SOCKET, UBUS_MAX_MSGLEN, UbusMsgType } from './protocol';
export type { UbusArgPolicy, UbusArgType, UbusPolicy } from './policy';
export { applyPolicy, PolicyViolation } from './policy';
export {
  decodeBlobmsg, encodeBlobmsg, decodeBlobmsgFields, encodeBlobmsgFields, blobmsgFieldsToJs, jsToBlobmsgFields,
  typed, BlobmsgTyped, BlobmsgTypeId,
} from './blobmsg';
export type { BlobmsgField, BlobmsgJs, BlobmsgType, JsValue } from './blobmsg';
export { BlobDecodeError } from './blob';
export { decodeUbusMessage, encodeUbusMessage } from './message';
export type { UbusMessage, UbusAttr } from './message';
export { formatBlobmsgJson, parseJsonToBlobmsg, JsonParseError } from './blobmsg-json';
