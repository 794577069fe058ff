/**
 * JSON-RPC 2.0 over a socket (subprotocol `jsonrpc`), as frames: the words the one JSON-RPC
 * engine (`../jsonrpc/engine.ts`) answers with on a socket. Error codes come from JSON-RPC's
 * fault table, -32602 when the params cannot be read. A stream result is delivered as `$/event`
 * notifications `{id, event, data}` and ends with the request's response `{done: true, events}`;
 * `$/cancelRequest` `{id}` cancels it (the session pumps and cancels; see `session.ts`).
 */
import { fieldObjects, listedFields } from '../../errors/fields.ts';
import { type SwitchboardError, debugInfo } from '../../errors/index.ts';
import { RPC_INVALID_PARAMS, RPC_INVALID_REQUEST, RPC_METHOD_NOT_FOUND, RPC_PARSE_ERROR } from '../jsonrpc/codes.ts';
import { jsonRpcFaults } from '../jsonrpc/faults.ts';
import type { Words } from '../jsonrpc/host.ts';
import type { CallId, FrameSet } from './frames.ts';
import { type Frame, JsonText, SplicedJson } from './payload.ts';

const V = '2.0';

export const jsonRpcFrames: FrameSet = {
  result: (id, value) => ({ jsonrpc: V, id, result: value }),
  error: (id, err, debug, params) => errorFrame(id, err, debug, jsonRpcCode(err, params)),
  event: (id, n, data) => new SplicedJson(`{"jsonrpc":"2.0","method":"$/event","params":{"id":${JSON.stringify(id)},"event":${n},"data":`, data, '}}'),
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

/** The engine's answers as frames; a batch is one list frame, without its notifications. */
export function jsonRpcWords(debug: boolean): Words<Frame> {
  return {
    result: (id, json) => jsonRpcFrames.result(id, new JsonText(json)),
    error: (id, err, code) => jsonRpcFrames.error(id, err, debug, code === RPC_INVALID_PARAMS),
    invalid: (id, err) => invalid(id, err, debug),
    parse: (err) => parseErrorFrame(err, debug),
    batch: (parts) => {
      const frames = parts.filter((p): p is Frame => p !== null);
      return frames.length === 0 ? null : frames;
    },
  };
}

/** The spec's own codes where it has one; otherwise the fault table's. */
function jsonRpcCode(err: SwitchboardError, params: boolean | undefined): number {
  if (params) return RPC_INVALID_PARAMS;
  if (err.code === 'SB_UNKNOWN_METHOD') return RPC_METHOD_NOT_FOUND;
  return jsonRpcFaults[err.kind].code;
}
