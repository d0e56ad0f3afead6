// A refusal of a wifid.sta request, with the ubus status it answers with. The plugin's
// logic throws these; the ubus object turns them into UbusError (status + message).
export type StaErrorStatus = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'NOT_SUPPORTED' | 'UNKNOWN_ERROR';

export class StaError extends Error {
  override name = 'StaError';
  constructor(readonly status: StaErrorStatus, message: string) {
    super(message);
  }
}
