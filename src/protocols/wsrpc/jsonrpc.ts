/**
 * JSON-RPC 2.0 over a socket (subprotocol `jsonrpc`), as frames: the words the one JSON-RPC
 * engine (`../jsonrpc/engine.ts`) answers with on a socket. Error codes come from `faultTable`,
 * -32602 when the params cannot be read. A stream result is delivered as `$/event`
 * notifications `{id, event, data}` and ends with the request's response `{done: true, events}`;
 * `$/cancelRequest` `{id}` cancels it (the session pumps and cancels; see `session.ts`).
 */
import { type SwitchboardError, debugInfo, faultTable } from '../../errors/index.ts';
import { RPC_INVALID_PARAMS, RPC_PARSE_ERROR } from '../jsonrpc/codes.ts';
import type { Words } from '../jsonrpc/host.ts';
import type { CallId, FrameSet } from './frames.ts';
import { type Frame, JsonText } from './payload.ts';

const V = '2.0';

function errorObject(code: number, message: string, data?: unknown): Record<string, unknown> {
  return data === undefined ? { code, message } : { code, message, data };
}

export const jsonRpcFrames: FrameSet = {
  result: (id, value) => ({ jsonrpc: V, id, result: value }),
  error: (id, err, debug, params) => ({ jsonrpc: V, id, error: errorObject(jsonRpcCode(err, params), err.message, faultData(err, debug)) }),
  event: (id, n, data) => ({ jsonrpc: V, method: '$/event', params: { id, event: n, data } }),
  done: (id, events, cancelled) => ({ jsonrpc: V, id, result: cancelled ? { done: true, events, cancelled: true } : { done: true, events } }),
};

function faultData(err: SwitchboardError, debug: boolean): Record<string, unknown> {
  // As JSON-RPC over HTTP words it (src/protocols/jsonrpc/response.ts): whose fault, and the stack in debug mode.
  const data: Record<string, unknown> = { faultcode: faultTable[err.kind].faultcode };
  if (debug) data.debuginfo = debugInfo(err);
  return data;
}

const invalid = (id: CallId, reason: string): Frame => ({ jsonrpc: V, id, error: errorObject(-32600, `Invalid Request: ${reason}`) });

/** The engine's answers as frames; a batch is one list frame, without its notifications. */
export function jsonRpcWords(debug: boolean): Words<Frame> {
  return {
    result: (id, json) => jsonRpcFrames.result(id, new JsonText(json)),
    error: (id, err, code) => jsonRpcFrames.error(id, err, debug, code === RPC_INVALID_PARAMS),
    invalid,
    emptyBatch: () => invalid(null, 'empty batch'),
    parse: (err) => ({ jsonrpc: V, id: null, error: errorObject(RPC_PARSE_ERROR, `Parse error: ${err.message}`) }),
    batch: (parts) => {
      const frames = parts.filter((p): p is Frame => p !== null);
      return frames.length === 0 ? null : frames;
    },
  };
}

/** The spec's own codes where it has one; otherwise the fault table's column. */
function jsonRpcCode(err: SwitchboardError, params: boolean | undefined): number {
  if (params) return -32602;
  if (err.code === 'SB_UNKNOWN_METHOD') return -32601;
  return faultTable[err.kind].jsonrpc;
}
