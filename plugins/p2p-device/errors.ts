// A refusal of a wifid.p2p request, with the ubus status it answers with. The plugin's
// logic throws these; the ubus object turns them into UbusError (status + message).
export type P2pErrorStatus = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'NOT_SUPPORTED' | 'UNKNOWN_ERROR';

export class P2pError extends Error {
  override name = 'P2pError';
  constructor(readonly status: P2pErrorStatus, message: string) {
    super(message);
  }
}
