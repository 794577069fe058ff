/**
 * Request ids: each request's `X-Request-Id` — the caller's when it sent a sane one, else a
 * new UUID — echoed on the answer, and known to call observers (`requestIdOf`) so a request's
 * log lines, a batch's members included, share it.
 */
import type { RequestInfo } from '../api/context.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';

const ids = new WeakMap<object, string>();
/** What a caller's id may be: short, printable, nothing that could forge a log line. */
const SANE = /^[\w.:@/+=-]{1,128}$/;

/** The request's id: the one this app gave it, else the `X-Request-Id` it came with. */
export function requestIdOf(req: RequestInfo): string | undefined {
  return ids.get(req) ?? req.header('x-request-id');
}

type Handle = (req: SbRequest) => SbResponse | Promise<SbResponse>;

/** `handle`, giving every request an id and echoing it in `X-Request-Id`. */
export function withRequestIds(handle: Handle): Handle {
  return (req) => {
    const given = req.header('x-request-id');
    const id = given !== undefined && SANE.test(given) ? given : crypto.randomUUID();
    ids.set(req, id);
    const out = handle(req);
    return out instanceof Promise ? out.then((res) => echo(res, id)) : echo(out, id);
  };
}

function echo(res: SbResponse, id: string): SbResponse {
  // A copy: answers' header objects may be shared.
  return { ...res, headers: { ...res.headers, 'x-request-id': id } };
}
