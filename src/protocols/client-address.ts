/**
 * The address a request came from, for limits counted per client machine. Behind a reverse
 * proxy the socket's peer is the proxy; when it is trusted (`trustProxy: true`) the client is
 * the last hop of `X-Forwarded-For`, the one the proxy itself appended (earlier hops are
 * whatever the client claimed).
 */
import type { SbRequest } from '../runtime/http.ts';

export function clientAddress(req: SbRequest, trustProxy: boolean | undefined): string {
  if (trustProxy === true) {
    const forwarded = req.header('x-forwarded-for');
    if (forwarded !== undefined) {
      const last = forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
      if (last !== '') return last;
    }
  }
  return req.remoteAddress ?? '';
}
