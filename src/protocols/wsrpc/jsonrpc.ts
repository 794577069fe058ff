/**
 * JSON-RPC 2.0 over a socket (subprotocol `jsonrpc`): requests, notifications (no `id`: run,
 * never answered) and batches; error codes from JSON-RPC's fault table, -32602 when the params cannot be
 * read. A stream result is delivered as `$/event` notifications `{id, event, data}` and ends
 * with the request's response `{done: true, events}`; `$/cancelRequest` `{id}` cancels it.
 * The message-level logic (`jsonRpcFrames`, `receiveJsonRpc`) takes any session, so an HTTP
 * JSON-RPC endpoint can share it.
 */
import { fieldObjects, listedFields } from '../../errors/fields.ts';
import { type SwitchboardError, debugInfo, sbError } from '../../errors/index.ts';
import { RPC_INVALID_PARAMS, RPC_INVALID_REQUEST, RPC_METHOD_NOT_FOUND, RPC_PARSE_ERROR } from '../jsonrpc/codes.ts';
import { jsonRpcFaults } from '../jsonrpc/faults.ts';
import { checkRequest } from '../jsonrpc/request.ts';
import type { CallId, FrameSet } from './frames.ts';
import type { Frame } from './payload.ts';

/** What `receiveJsonRpc` needs of a session. */
export interface JsonRpcSession {
  call(id: CallId, method: string, params: unknown, frames: FrameSet): Frame | Promise<Frame>;
  cancel(id: CallId): void;
  readonly transport: { send(frame: Frame): void };
  readonly endpoint: { readonly debug: boolean };
}

const V = '2.0';

export const jsonRpcFrames: FrameSet = {
  result: (id, value) => ({ jsonrpc: V, id, result: value }),
  error: (id, err, debug, params) => errorFrame(id, err, debug, jsonRpcCode(err, params)),
  event: (id, n, data) => ({ jsonrpc: V, method: '$/event', params: { id, event: n, data } }),
  done: (id, events, cancelled) => ({ jsonrpc: V, id, result: cancelled ? { done: true, events, cancelled: true } : { done: true, events } }),
};

/** An error response; `data` as JSON-RPC over HTTP words it (src/protocols/jsonrpc/response.ts). */
function errorFrame(id: CallId, err: SwitchboardError, debug: boolean, code: number, message = err.message): Frame {
  const data: Record<string, unknown> = { faultcode: jsonRpcFaults[err.kind].faultcode, code: err.code };
  const fields = listedFields(err);
  if (fields) data.fields = fieldObjects(fields);
  if (debug) data.debuginfo = debugInfo(err);
  return { jsonrpc: V, id, error: { code, message, data } };
}

const invalid = (id: CallId, err: SwitchboardError, debug: boolean): Frame => errorFrame(id, err, debug, RPC_INVALID_REQUEST);

/** The answer to a message that is not JSON (-32700 Parse error). */
export function parseErrorFrame(err: SwitchboardError, debug: boolean): Frame {
  return errorFrame(null, err, debug, RPC_PARSE_ERROR, `Parse error: ${err.message}`);
}

/** Answers one JSON-RPC message (a request, a notification or a batch). */
export function receiveJsonRpc(session: JsonRpcSession, msg: unknown): void {
  if (Array.isArray(msg)) {
    if (msg.length === 0) {
      session.transport.send(invalid(null, sbError('SB_EMPTY_BATCH'), session.endpoint.debug));
      return;
    }
    const answers = msg.map((m) => one(session, m));
    if (answers.every((a) => a === undefined)) return;
    // A batch is answered once, when all its calls are.
    if (answers.some((a) => a instanceof Promise)) {
      void Promise.all(answers).then((all) => session.transport.send(all.filter((a): a is Frame => a !== undefined)));
    } else session.transport.send(answers.filter((a): a is Frame => a !== undefined));
    return;
  }
  const a = one(session, msg);
  if (a instanceof Promise) a.then((f) => f && session.transport.send(f));
  else if (a) session.transport.send(a);
}

/** One request: its response frame, or undefined for a notification. */
function one(session: JsonRpcSession, msg: unknown): Frame | Promise<Frame | undefined> | undefined {
  const req = checkRequest(msg);
  if (!req.ok) return invalid(req.id, sbError(req.code), session.endpoint.debug);
  if (req.method === '$/cancelRequest') {
    const target = (req.params as { id?: unknown } | undefined)?.id;
    if (typeof target === 'string' || typeof target === 'number') session.cancel(target);
    return undefined;
  }
  const out = session.call(req.id, req.method, req.params, jsonRpcFrames);
  if (!req.notification) return out;
  // A notification is run, and nothing is answered, not even its errors (JSON-RPC 2.0, §4.1).
  if (out instanceof Promise) return out.then(() => undefined);
  return undefined;
}

/** The spec's own codes where it has one; otherwise the fault table's. */
function jsonRpcCode(err: SwitchboardError, params: boolean | undefined): number {
  if (params) return RPC_INVALID_PARAMS;
  if (err.code === 'SB_UNKNOWN_METHOD') return RPC_METHOD_NOT_FOUND;
  return jsonRpcFaults[err.kind].code;
}
