/**
 * A handler's answer that the result is elsewhere (301, 302, 303, 307, 308, with a `Location`)
 * or unchanged (304): thrown, since it is no value of the result's type. REST answers it as
 * that status with its `Location` and no body; a protocol that cannot redirect (the RPC ones)
 * answers a client fault (SB_REDIRECT) whose message names the location.
 */
import { STATUS_CODES } from 'node:http';
import { SwitchboardError } from './errors.ts';
import { formatMessage } from './catalog.ts';

export class Redirect extends SwitchboardError {
  /** Where the answer is (a path or a URL); none for a 304. */
  readonly location: string | undefined;

  /**
   * @example
   * throw new Redirect(301, `/api/book/${id}`);
   */
  constructor(status: number, location?: string) {
    if (!Number.isInteger(status) || status < 300 || status > 399) throw new RangeError(`a redirect's status is a 3xx, not ${status}`);
    // A line break would split the response's headers.
    const at = location?.replace(/[\r\n]/g, '');
    const params = { status, reason: STATUS_CODES[status] ?? 'Redirect', where: at === undefined ? 'the copy the caller has is current' : `see ${at}` };
    super('client', 'SB_REDIRECT', formatMessage('SB_REDIRECT', params), status, params);
    this.name = 'Redirect';
    this.location = at;
  }
}

/** True for a handler's redirect (a 3xx): REST answers it as such, not as a fault. */
export function isRedirect(err: SwitchboardError): err is SwitchboardError & { readonly location?: string } {
  return err.status >= 300 && err.status < 400;
}
