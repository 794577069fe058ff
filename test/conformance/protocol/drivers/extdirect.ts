/**
 * Ext Direct: a POST to the router (`/pc/extdirect/router`) of `{"type": "rpc", "tid",
 * "action", "method", "data"}` — `data` one object for a method the descriptor lists with
 * `params` (named), an array of `len` values for one listed with `len` (positional). The answer
 * is HTTP 200 either way: `{"type": "rpc", …, "result"}` or `{"type": "exception", …,
 * "message", "faultcode"}`, echoing the tid, action and method.
 */
import assert from 'node:assert/strict';
import { readJson, writeJson } from '../json.ts';
import type { Answer, Driver, Value } from '../model.ts';
import { type CallOptions, authHeaders, readCode } from '../model.ts';
import { type HttpAnswer, type Served, challenged, post, serveKitchen } from './serve.ts';

type Described = { name: string; len?: number; params?: string[] };

/** An answer to one call, checked: HTTP 200, the call echoed, an `rpc` or `exception` message. */
export function readExtDirect(a: HttpAnswer, call: { tid: number; action: string; method: string }, codes: boolean, where: string): Answer {
  assert.equal(a.status, 200, `${where}: HTTP ${a.status} ${a.text}`);
  assert.match(a.contentType, /^application\/json/, `${where}: content type`);
  const m = readJson(a.text) as Record<string, Value>;
  assert.deepEqual([m.tid, m.action, m.method], [call.tid, call.action, call.method], `${where}: the answer does not echo the call: ${a.text}`);
  if (m.type === 'rpc') return { kind: 'value', value: m.result, status: undefined };
  assert.equal(m.type, 'exception', `${where}: ${a.text}`);
  assert.ok(m.faultcode === 'Client' || m.faultcode === 'Server', `${where}: faultcode ${String(m.faultcode)}`);
  assert.equal(typeof m.message, 'string', `${where}: message`);
  assert.equal(m.where, undefined, `${where}: the stack outside debug mode`);
  return {
    kind: 'fault',
    fault: {
      side: m.faultcode === 'Client' ? 'client' : 'server',
      status: undefined,
      message: m.message as string,
      code: readCode(m.code, codes, where),
      wire: a.text,
      form: m.faultcode as string,
    },
  };
}

export function extDirectDriver(): Driver {
  let served: Served | undefined;
  let actions: Record<string, Described[]> = {};
  let tid = 0;
  const carries = {
    // Its faults carry the stable code (the exception's `code`).
    codes: true,
    // An exception tells whose fault (faultcode), not a status.
    statuses: false,
    // Ext Direct streams only to polling providers (extdirect_poll), not to calls.
    streams: false,
    positional: true,
    successStatus: false,
    int64: true,
    notFoundCode: 'SB_NOT_FOUND',
    // A call's exception is one message of a batch's HTTP 200: it has no headers of its own.
    challenges: false,
  };
  const split = (fn: string) => {
    const dot = fn.lastIndexOf('.');
    return { action: fn.slice(0, dot), method: fn.slice(dot + 1) };
  };

  async function send(fn: string, data: Value, options?: CallOptions): Promise<Answer> {
    const where = `Ext Direct ${fn}`;
    const { action, method } = split(fn);
    const id = ++tid;
    const headers = { ...authHeaders(options), 'content-type': 'application/json' };
    const a = await post(`${served!.http}/extdirect/router`, headers, writeJson({ type: 'rpc', tid: id, action, method, data }));
    return challenged(readExtDirect(a, { tid: id, action, method }, carries.codes, where), a);
  }

  const describedAs = (fn: string) => {
    const { action, method } = split(fn);
    return actions[action]?.find((d) => d.name === method);
  };

  return {
    name: 'Ext Direct',
    protocol: 'extdirect',
    carries,
    async start() {
      served = await serveKitchen();
      const r = await fetch(`${served.http}/extdirect/api.json`);
      assert.equal(r.status, 200, 'the provider descriptor');
      actions = ((await r.json()) as { actions: Record<string, Described[]> }).actions;
    },
    async close() {
      await served?.close();
    },
    call(fn, args, options) {
      const d = describedAs(fn);
      // Named arguments cannot fill a positional method's list; the cases call those by position.
      if (d?.len !== undefined && d.len > 0) throw new Error(`Ext Direct: ${fn} is positional; call it with callPositional`);
      return send(fn, d?.len === 0 ? null : (args as Value), options);
    },
    callPositional(fn, args) {
      assert.ok(describedAs(fn)?.len !== undefined, `Ext Direct: ${fn} is not described as positional`);
      return send(fn, args);
    },
  };
}
