/**
 * Writing JSON-RPC 2.0 response objects as text. Results arrive already encoded by the
 * schema's JSON encoder; ids are echoed as the client sent them (string, number or null).
 */
import { type SwitchboardError, debugInfo, faultTable } from '../../errors/index.ts';

/** The JSON text of a request id; `null` when the id could not be read. */
export type IdText = string;
export const NULL_ID: IdText = 'null';

/** `{"jsonrpc":"2.0","result":…,"id":…}` around an encoded result. */
export function resultText(result: string, id: IdText): string {
  return `{"jsonrpc":"2.0","result":${result},"id":${id}}`;
}

/**
 * An error response. `code` is JSON-RPC's own code for faults of the request itself, or —
 * when omitted — the error kind's code from `faultTable`. `data.faultcode` says whose fault it
 * is (WSME's Client/Server); debug mode adds the stack as `data.debuginfo`.
 */
export function errorText(err: SwitchboardError, id: IdText, debug: boolean, code?: number): string {
  const mapping = faultTable[err.kind];
  const data = debug ? `{"faultcode":"${mapping.faultcode}","debuginfo":${JSON.stringify(debugInfo(err))}}` : `{"faultcode":"${mapping.faultcode}"}`;
  return `{"jsonrpc":"2.0","error":{"code":${code ?? mapping.jsonrpc},"message":${JSON.stringify(err.message)},"data":${data}},"id":${id}}`;
}
