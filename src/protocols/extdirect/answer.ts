/**
 * Writing Ext Direct answers: `{type: "rpc", tid, action, method, result}` for a result and
 * `{type: "exception", tid, action, method, message, faultcode, code, fields, where}` for an
 * error: `faultcode` from Ext Direct's fault table, the stable error `code`, the field errors
 * of a validation fault (the first 20) and `where` (the stack) only in debug mode. Upload form posts get the `<textarea>` wrapper the specification asks
 * for, since Ext JS reads their answer from a hidden iframe.
 */
import { fieldsJson, listedFields } from '../../errors/fields.ts';
import { echo as cut } from '../../errors/echo.ts';
import { type SwitchboardError, debugInfo } from '../../errors/index.ts';
import { extDirectFaults } from './faults.ts';

/** What identifies a call in its answer, echoed as the client sent it. */
export interface CallHead {
  readonly tid: unknown;
  readonly action: unknown;
  readonly method: unknown;
}

/** The head of an answer to something that was not a call at all. */
export const NO_CALL: CallHead = { tid: null, action: null, method: null };

const quote = JSON.stringify as (s: string) => string;

/** A tid is echoed when it is a number or a string; anything else answers as `null`. */
function echo(v: unknown): string {
  return typeof v === 'string' ? quote(v) : typeof v === 'number' && Number.isFinite(v) ? `${v}` : 'null';
}

/** A name as echoed: whole in a result, cut in an exception (it may be any text the client sent). */
function name(v: unknown, exception: boolean): string {
  return typeof v !== 'string' ? 'null' : quote(exception ? cut(v) : v);
}

function head(type: string, h: CallHead): string {
  const x = type === 'exception';
  return `{"type":"${type}","tid":${echo(h.tid)},"action":${name(h.action, x)},"method":${name(h.method, x)}`;
}

/** A result message; `result` is already JSON text (from the schema's encoder). */
export function rpcMessage(h: CallHead, result: string): string {
  return `${head('rpc', h)},"result":${result}}`;
}

/** An exception message. `faultcode` (Client or Server) tells whose fault it was, `code` which error. */
export function exceptionMessage(h: CallHead, err: SwitchboardError, debug: boolean): string {
  const fields = listedFields(err);
  const list = fields ? `,"fields":${fieldsJson(fields)}` : '';
  const where = debug ? `,"where":${quote(debugInfo(err))}` : '';
  return `${head('exception', h)},"message":${quote(err.message)},"faultcode":"${extDirectFaults[err.kind].faultcode}","code":${quote(err.code)}${list}${where}}`;
}

/**
 * The answer of an upload: JSON inside a textarea of an HTML page. The browser decodes the
 * textarea's character references, so escaping `&` and `<` gives Ext JS back the exact JSON and
 * no value can close the textarea.
 */
export function uploadWrapper(json: string): string {
  return `<html><body><textarea>${json.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</textarea></body></html>`;
}
