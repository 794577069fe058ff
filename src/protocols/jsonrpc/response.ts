/**
 * Writing JSON-RPC 2.0 response objects as text. Results arrive already encoded by the
 * schema's JSON encoder; ids are echoed as the client sent them (string, number or null).
 */
import { fieldsJson, listedFields } from '../../errors/fields.ts';
import { type SwitchboardError, debugInfo } from '../../errors/index.ts';
import { jsonRpcFaults } from './faults.ts';

/** The JSON text of a request id; `null` when the id could not be read. */
export type IdText = string;
export const NULL_ID: IdText = 'null';

/** `{"jsonrpc":"2.0","result":…,"id":…}` around an encoded result. */
export function resultText(result: string, id: IdText): string {
  return `{"jsonrpc":"2.0","result":${result},"id":${id}}`;
}

/**
 * An error response. `code` is JSON-RPC's own code for faults of the request itself, or —
 * when omitted — the error kind's code from JSON-RPC's fault table. `data` holds whose fault it
 * is (`faultcode`, WSME's Client/Server), the stable error `code`, a validation fault's
 * `fields` (the first 20) and, in debug mode, the stack as `debuginfo`.
 */
export function errorText(err: SwitchboardError, id: IdText, debug: boolean, code?: number): string {
  const mapping = jsonRpcFaults[err.kind];
  const fields = listedFields(err);
  const list = fields ? `,"fields":${fieldsJson(fields)}` : '';
  const info = debug ? `,"debuginfo":${JSON.stringify(debugInfo(err))}` : '';
  const data = `{"faultcode":"${mapping.faultcode}","code":${JSON.stringify(err.code)}${list}${info}}`;
  return `{"jsonrpc":"2.0","error":{"code":${code ?? mapping.code},"message":${JSON.stringify(err.message)},"data":${data}},"id":${id}}`;
}
