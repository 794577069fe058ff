/**
 * The shape of one JSON-RPC 2.0 request object (§4), checked by the one engine (`engine.ts`)
 * whichever transport carried it: HTTP or the WebSocket subprotocol.
 */

/** A request's id as sent: a string, a number, or null. */
export type RequestId = string | number | null;

export type RequestCheck =
  | {
      readonly ok: true;
      /** No `id` member: run it, answer nothing (§4.1). */
      readonly notification: boolean;
      readonly id: RequestId;
      readonly method: string;
      readonly params: unknown;
    }
  | {
      readonly ok: false;
      /** Why it is an Invalid Request (-32600), in words for the error message. */
      readonly reason: string;
      /** The id to answer with: the request's, when it could be read, else null. */
      readonly id: RequestId;
    };

/** Checks one request object; never throws. */
export function checkRequest(m: unknown): RequestCheck {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return { ok: false, reason: 'a request must be an object', id: null };
  const r = m as Record<string, unknown>;
  // JSON has no undefined: an absent id is the only undefined one, and marks a notification.
  const notification = r.id === undefined;
  const raw = r.id;
  if (!notification && typeof raw !== 'string' && typeof raw !== 'number' && raw !== null) {
    return { ok: false, reason: '"id" must be a string, a number or null', id: null };
  }
  const id = notification ? null : (raw as RequestId);
  if (r.jsonrpc !== '2.0') return { ok: false, reason: '"jsonrpc" must be "2.0"', id };
  if (typeof r.method !== 'string') return { ok: false, reason: '"method" must be a string', id };
  const params = r.params;
  if (params !== undefined && (typeof params !== 'object' || params === null)) return { ok: false, reason: '"params" must be an array or an object', id };
  return { ok: true, notification, id, method: r.method, params };
}
