// Constants of ubus's wire protocol, from ubusmsg.h (OpenWrt ubus 3cc98db) and
// CMakeLists.txt (UBUS_MAX_MSGLEN). Names keep ubus's own, without the prefix.

export const UBUS_DEFAULT_SOCKET = '/var/run/ubus/ubus.sock';
/** Largest padded blob a peer accepts (ubusd disconnects, libubus refuses to send). */
export const UBUS_MAX_MSGLEN = 1048576;
export const UBUS_MSGHDR_LEN = 8;

export const UBUS_SYSTEM_OBJECT_EVENT = 1;
export const UBUS_SYSTEM_OBJECT_ACL = 2;
export const UBUS_SYSTEM_OBJECT_MONITOR = 3;
export const UBUS_SYSTEM_OBJECT_MAX = 1024;

export const UbusMsgType = {
  HELLO: 0,
  STATUS: 1,
  DATA: 2,
  PING: 3,
  LOOKUP: 4,
  INVOKE: 5,
  ADD_OBJECT: 6,
  REMOVE_OBJECT: 7,
  SUBSCRIBE: 8,
  UNSUBSCRIBE: 9,
  NOTIFY: 10,
  MONITOR: 11,
} as const;

export const UbusAttrId = {
  UNSPEC: 0,
  STATUS: 1,
  OBJPATH: 2,
  OBJID: 3,
  METHOD: 4,
  OBJTYPE: 5,
  SIGNATURE: 6,
  DATA: 7,
  TARGET: 8,
  ACTIVE: 9,
  NO_REPLY: 10,
  SUBSCRIBERS: 11,
  USER: 12,
  GROUP: 13,
} as const;

export const UbusStatus = {
  OK: 0,
  INVALID_COMMAND: 1,
  INVALID_ARGUMENT: 2,
  METHOD_NOT_FOUND: 3,
  NOT_FOUND: 4,
  NO_DATA: 5,
  PERMISSION_DENIED: 6,
  TIMEOUT: 7,
  NOT_SUPPORTED: 8,
  UNKNOWN_ERROR: 9,
  CONNECTION_FAILED: 10,
  NO_MEMORY: 11,
  PARSE_ERROR: 12,
  SYSTEM_ERROR: 13,
} as const;
export type UbusStatus = (typeof UbusStatus)[keyof typeof UbusStatus];

const STATUS_TEXT = [
  'Success', 'Invalid command', 'Invalid argument', 'Method not found', 'Not found',
  'No response', 'Permission denied', 'Request timed out', 'Operation not supported',
  'Unknown error', 'Connection failed', 'Out of memory', 'Parsing message data failed',
  'System error',
];

/** ubus_strerror(). */
export function ubusStrerror(status: number): string {
  return STATUS_TEXT[status] ?? `Unknown error: ${status}`;
}

/** An error carrying a ubus status; a method handler throws it to answer that status. */
export class UbusError extends Error {
  override name = 'UbusError';
  constructor(readonly status: number, message?: string, readonly data?: Record<string, unknown>) {
    super(message ?? ubusStrerror(status));
  }
}
