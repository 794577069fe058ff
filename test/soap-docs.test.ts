// docs/soap.md: every request shown is sent, in order, to a fresh persons demo, and the answer
// must be the one shown (status, content type, and body with the whitespace between tags
// removed); every WSDL excerpt must appear in the served WSDL.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';

const page = readFileSync(new URL('../docs/soap.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/^```\w+ (soap-request|soap-response|wsdl-excerpt)\n([\s\S]*?)^```$/gm)].map((m) => ({ kind: m[1], text: m[2] }));
const compact = (xml: string) => xml.trim().replace(/>\s+</g, '><');

interface Message {
  readonly head: string[];
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Splits an HTTP message as shown: first line, headers, blank line, body. */
function message(text: string): Message {
  const [top, ...rest] = text.split('\n\n');
  const [first, ...lines] = top.split('\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { head: first.split(' '), headers, body: rest.join('\n\n') };
}

describe('docs/soap.md examples', () => {
  let running: Running;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  it('has requests, answers and WSDL excerpts', () => {
    assert.ok(blocks.filter((b) => b.kind === 'soap-request').length >= 6);
    assert.ok(blocks.filter((b) => b.kind === 'wsdl-excerpt').length >= 3);
  });

  it('shows WSDL excerpts the demo serves', async () => {
    const wsdl = compact(await (await fetch(`${running.url}/ws/api.wsdl`)).text());
    for (const b of blocks.filter((x) => x.kind === 'wsdl-excerpt')) {
      assert.ok(wsdl.includes(compact(b.text)), b.text);
    }
  });

  it('answers each request as shown, in order', async () => {
    const exchanges = blocks.filter((b) => b.kind !== 'wsdl-excerpt');
    for (let i = 0; i < exchanges.length; i += 2) {
      assert.equal(exchanges[i].kind, 'soap-request');
      assert.equal(exchanges[i + 1]?.kind, 'soap-response', 'each request is followed by its answer');
      const req = message(exchanges[i].text);
      const res = message(exchanges[i + 1].text);
      const [method, path] = req.head;
      const r = await fetch(running.url + path, { method, headers: req.headers, body: req.body });
      const text = await r.text();
      const label = `example ${i / 2 + 1}: ${req.body.slice(0, 120)}`;
      assert.equal(r.status, Number(res.head[1]), `${label}\n${text}`);
      assert.equal(r.headers.get('content-type'), res.headers['content-type'], label);
      assert.equal(text, compact(res.body), label);
    }
  });
});
