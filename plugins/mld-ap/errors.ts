// A refusal of a wifid.ap request, with the ubus status it answers with. The plugin's
// logic throws these; the ubus object turns them into UbusError (status + message).
export type ApErrorStatus = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'NOT_SUPPORTED' | 'UNKNOWN_ERROR';

export class ApError extends Error {
  override name = 'ApError';
  constructor(readonly status: ApErrorStatus, message: string) {
    super(message);
  }
}
