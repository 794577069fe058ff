/**
 * The shape of one JSON-RPC 2.0 request object (§4), checked by the one engine (`engine.ts`)
 * whichever transport carried it: HTTP or the WebSocket subprotocol.
 */
import type { ErrorCode } from '../../errors/index.ts';

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
      /** Why it is an Invalid Request (-32600): the catalogue's code (`SB_JSONRPC_…`, no parameters). */
      readonly code: ErrorCode;
      /** The id to answer with: the request's, when it could be read, else null. */
      readonly id: RequestId;
    };

/** Checks one request object; never throws. */
export function checkRequest(m: unknown): RequestCheck {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return { ok: false, code: 'SB_JSONRPC_NOT_OBJECT', id: null };
  const r = m as Record<string, unknown>;
  // JSON has no undefined: an absent id is the only undefined one, and marks a notification.
  const notification = r.id === undefined;
  const raw = r.id;
  if (!notification && typeof raw !== 'string' && typeof raw !== 'number' && raw !== null) {
    return { ok: false, code: 'SB_JSONRPC_BAD_ID', id: null };
  }
  const id = notification ? null : (raw as RequestId);
  if (r.jsonrpc !== '2.0') return { ok: false, code: 'SB_JSONRPC_BAD_VERSION', id };
  if (typeof r.method !== 'string') return { ok: false, code: 'SB_JSONRPC_BAD_METHOD', id };
  const params = r.params;
  if (params !== undefined && (typeof params !== 'object' || params === null)) return { ok: false, code: 'SB_JSONRPC_BAD_PARAMS', id };
  return { ok: true, notification, id, method: r.method, params };
}
