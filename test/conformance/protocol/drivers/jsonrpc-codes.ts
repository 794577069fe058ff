/**
 * Reading a JSON-RPC 2.0 response (over HTTP or a socket) into the neutral form. The error
 * code tells the status: the specification's own codes (-32700, -32600, -32602: 400; -32601:
 * 404; -32603: 500) and the server range the fault table uses, -32000 − (status − 400).
 */
import assert from 'node:assert/strict';
import { type Answer, type Value, readCode } from '../model.ts';

export function statusOfCode(code: number): number | undefined {
  if (code === -32700 || code === -32600 || code === -32602) return 400;
  if (code === -32601) return 404;
  if (code === -32603) return 500;
  if (code <= -32000 && code > -32100) return 400 - (code + 32000);
  return undefined;
}

/** One response object, checked: version, id, and exactly one of `result` and `error`. */
export function readResponse(m: Value, id: number, codes: boolean, where: string, wire: string): Answer {
  assert.ok(typeof m === 'object' && m !== null && !Array.isArray(m), `${where}: not a response object`);
  const r = m as Record<string, Value>;
  assert.equal(r.jsonrpc, '2.0', `${where}: jsonrpc`);
  assert.equal(r.id, id, `${where}: id`);
  assert.equal('result' in r, !('error' in r), `${where}: exactly one of result and error`);
  if ('result' in r) return { kind: 'value', value: r.result, status: undefined };
  const e = r.error as Record<string, Value>;
  assert.ok(Number.isInteger(e.code), `${where}: error.code`);
  assert.equal(typeof e.message, 'string', `${where}: error.message`);
  const data = (e.data ?? {}) as Record<string, Value>;
  assert.ok(data.faultcode === 'Client' || data.faultcode === 'Server', `${where}: error.data.faultcode ${String(data.faultcode)}`);
  assert.equal(data.debuginfo, undefined, `${where}: the stack outside debug mode`);
  const status = statusOfCode(e.code as number);
  assert.ok(status !== undefined, `${where}: error code ${e.code} is neither the specification's nor in the server range`);
  assert.equal(data.faultcode === 'Client', status < 500, `${where}: faultcode ${String(data.faultcode)} with code ${e.code}`);
  return {
    kind: 'fault',
    fault: {
      side: data.faultcode === 'Client' ? 'client' : 'server',
      status,
      message: e.message as string,
      code: readCode(data.code, codes, where),
      wire,
      form: `error ${e.code}`,
    },
  };
}
