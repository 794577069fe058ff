/**
 * The RPC frame form: `{"id", "method", "params"}` in; `{"id", "status": 200, "result"}`,
 * `{"id", "status", "error": {faultcode, faultstring, code}}`, stream events `{"id", "event", "data"}`
 * and the stream's end `{"id", "status": 200, "done": true}` out. Statuses and fault codes
 * come from the WebSocket RPC's fault table (`faults.ts`).
 */
import { fieldObjects, listedFields } from '../../errors/fields.ts';
import { type SwitchboardError, debugInfo } from '../../errors/index.ts';
import { wsRpcFaults } from './faults.ts';
import { type Frame, JsonText, SplicedJson } from './payload.ts';

export type CallId = string | number | null;

/** The answers a frame form gives; the session runs calls, a `FrameSet` words the replies. */
export interface FrameSet {
  result(id: CallId, value: JsonText): Frame;
  /** `params` is true when the arguments could not be read (JSON-RPC's "Invalid params"). */
  error(id: CallId, err: SwitchboardError, debug: boolean, params?: boolean): Frame;
  /** `data` is the item's JSON text as bytes, shared by every subscriber of a broadcast. */
  event(id: CallId, n: number, data: Uint8Array): Frame;
  done(id: CallId, events: number, cancelled: boolean): Frame;
}

/** WSME's fault object, as REST+JSON words it, with the stable error `code` and a validation fault's `fields`. */
export function faultBody(err: SwitchboardError, debug: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { faultcode: wsRpcFaults[err.kind].faultcode, faultstring: err.message, code: err.code };
  const fields = listedFields(err);
  if (fields) body.fields = fieldObjects(fields);
  if (debug) body.debuginfo = debugInfo(err);
  return body;
}

const idText = (id: CallId) => (typeof id === 'number' ? `${id}` : JSON.stringify(id));

export const rpcFrames: FrameSet = {
  // Results and events are the hot path: written straight to text, no object in between.
  result: (id, value) => new JsonText(`{"id":${idText(id)},"status":200,"result":${value.text}}`),
  error: (id, err, debug) => ({ id, status: err.status, error: faultBody(err, debug) }),
  event: (id, n, data) => new SplicedJson(`{"id":${idText(id)},"event":${n},"data":`, data, '}'),
  done: (id, _events, cancelled) => (cancelled ? { id, status: 200, done: true, cancelled: true } : { id, status: 200, done: true }),
};

export { JsonText };
