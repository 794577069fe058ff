// docs/jsonrpc.md: every request shown is sent, in order, to a fresh persons demo, and the
// answer must be the one shown (`rpc-response-start`: the answer begins with what is shown —
// objects may have more keys, arrays more items).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { call } from './helpers/http.ts';

const page = readFileSync(new URL('../docs/jsonrpc.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/^```(\w+) (rpc-[\w-]+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], kind: m[2], text: m[3] }));

interface Example {
  request: { lang: string; text: string };
  response: { lang: string; kind: string; text: string };
}
const examples: Example[] = [];
for (let i = 0; i < blocks.length; i++) {
  if (blocks[i].kind !== 'rpc-request') continue;
  const next = blocks[i + 1];
  assert.ok(next?.kind.startsWith('rpc-response'), `the request block #${examples.length + 1} is followed by its response`);
  examples.push({ request: blocks[i], response: next });
}

/** Asserts that `actual` begins with `shown`: every shown key and item present and equal. */
function startsWith(actual: unknown, shown: unknown, path = '$'): void {
  if (Array.isArray(shown)) {
    assert.ok(Array.isArray(actual), `${path} is an array`);
    assert.ok(actual.length >= shown.length, `${path} has at least ${shown.length} items`);
    for (const [i, x] of shown.entries()) startsWith(actual[i], x, `${path}[${i}]`);
  } else if (typeof shown === 'object' && shown !== null) {
    assert.ok(typeof actual === 'object' && actual !== null && !Array.isArray(actual), `${path} is an object`);
    for (const [k, v] of Object.entries(shown)) startsWith((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else assert.deepEqual(actual, shown, path);
}

describe('docs/jsonrpc.md examples', () => {
  let running: Running;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  it('has examples of every kind', () => {
    assert.ok(examples.length >= 10, `${examples.length} examples`);
    assert.ok(examples.some((e) => e.response.lang === 'http'));
    assert.ok(examples.some((e) => e.response.kind === 'rpc-response-start'));
  });

  it('answers each request as shown, in order', async () => {
    for (const [n, { request, response }] of examples.entries()) {
      const label = `example ${n + 1}: ${request.text.slice(0, 80)}`;
      let init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.text };
      let path = '/ws/jsonrpc';
      if (request.lang === 'http') {
        const [method, target] = request.text.trim().split(/\s+/);
        init = { method };
        path = target;
      }
      const a = await call(`${running.url}${path}`, init);
      if (response.lang === 'http') {
        const [head, body = ''] = response.text.split(/\n\n/);
        const [statusLine, ...headerLines] = head.trim().split('\n');
        assert.equal(a.status, Number(statusLine.split(' ')[1]), label);
        for (const line of headerLines) {
          const [name, value] = line.split(/:\s*/);
          assert.equal(a.headers.get(name), value, `${label}: header ${name}`);
        }
        if (body.trim() === '') assert.equal(a.text, '', label);
        else assert.deepEqual(a.json, JSON.parse(body), label);
        continue;
      }
      assert.equal(a.status, 200, label);
      if (response.kind === 'rpc-response-start') startsWith(a.json, JSON.parse(response.text));
      else assert.deepEqual(a.json, JSON.parse(response.text), label);
    }
  });
});
