// docs/restxml.md: every request shown is sent, in order, to a fresh persons demo, and the
// answer must be the one shown, whitespace between tags aside (the page indents its answers).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { call } from './helpers/http.ts';

const page = readFileSync(new URL('../docs/restxml.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/^```(\w+) (restxml-[\w-]+)(?: status=(\d+))?\n([\s\S]*?)^```$/gm)].map((m) => ({
  kind: m[2],
  status: m[3] ? Number(m[3]) : 200,
  text: m[4],
}));

interface Example {
  request: string;
  response: string;
  status: number;
}
const examples: Example[] = [];
for (let i = 0; i < blocks.length; i++) {
  if (blocks[i].kind !== 'restxml-request') continue;
  const next = blocks[i + 1];
  assert.ok(next?.kind === 'restxml-response', `the request block #${examples.length + 1} is followed by its response`);
  examples.push({ request: blocks[i].text, response: next.text, status: next.status });
}

/** `METHOD path`, header lines, a blank line, the body. */
function toRequest(text: string): { path: string; init: RequestInit } {
  const [head, ...rest] = text.split(/\n\n/);
  const [start, ...headerLines] = head.trim().split('\n');
  const [method, path] = start.split(/\s+/);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const c = line.indexOf(':');
    headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  const body = rest.join('\n\n').trim();
  return { path, init: { method, headers, body: body === '' ? undefined : body } };
}

const compact = (xml: string) => xml.trim().replace(/>\s+</g, '><');

describe('docs/restxml.md examples', () => {
  let running: Running;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  it('has examples', () => {
    assert.ok(examples.length >= 6, `${examples.length} examples`);
    assert.ok(examples.some((e) => e.status === 400));
  });

  it('answers each request as shown, in order', async () => {
    for (const [n, { request, response, status }] of examples.entries()) {
      const { path, init } = toRequest(request);
      const label = `example ${n + 1}: ${request.slice(0, 60)}`;
      const r = await call(running.url + path, init);
      assert.equal(r.status, status, `${label}: ${r.text}`);
      assert.match(r.headers.get('content-type') ?? '', /^text\/xml; charset=utf-8$/, label);
      assert.equal(r.text, compact(response), label);
    }
  });
});
