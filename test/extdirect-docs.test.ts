/**
 * `docs/extdirect.md` shows real answers: each `<!-- check: … -->` block there is replayed
 * against the Ext Direct test API and compared with what the server says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Running, serve } from '../src/index.ts';
import { extdirectRoot } from './browser/app.ts';

interface Check {
  readonly label: string;
  readonly body: string;
}

/** The fenced block after each `<!-- check: label -->` marker, in order. */
function checks(markdown: string): Check[] {
  const out: Check[] = [];
  const re = /<!-- check: ([^>]*?) -->\n```[a-z]*\n([\s\S]*?)```/g;
  let m = re.exec(markdown);
  while (m !== null) {
    out.push({ label: m[1], body: m[2] });
    m = re.exec(markdown);
  }
  return out;
}

const doc = readFileSync(new URL('../docs/extdirect.md', import.meta.url), 'utf8');

describe('docs/extdirect.md examples', () => {
  let running: Running;
  let router: string;
  before(async () => {
    running = await serve(extdirectRoot(), { port: 0, host: '127.0.0.1' });
    router = `${running.url}/ws/extdirect/router`;
  });
  after(() => running.close());

  const list = checks(doc);

  it('has the examples it promises', () => {
    assert.deepEqual(
      list.map((c) => c.label.split(' ')[0]),
      [
        'api.js',
        'request',
        'response',
        'request',
        'response',
        'request',
        'response',
        'request',
        'response',
        'form',
        'response',
        'upload',
        'polling-api',
        'poll',
        'rest',
        'poll',
      ],
    );
  });

  it('the api.js excerpt is how the served script starts', async () => {
    const served = await (await fetch(`${running.url}/ws/extdirect/api.js`)).text();
    assert.ok(served.startsWith(list[0].body), served.slice(0, 400));
  });

  it('every request and form post is answered as shown', async () => {
    for (let i = 1; i < list.length; i++) {
      const c = list[i];
      if (c.label !== 'request' && c.label !== 'form') continue;
      const expected = list[i + 1];
      assert.match(expected.label, /^response/);
      const type = c.label === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
      const r = await fetch(router, { method: 'POST', headers: { 'content-type': type }, body: c.body.trim() });
      assert.equal(r.status, Number(expected.label.split(' ')[1] ?? 200), c.body);
      assert.deepEqual(await r.json(), JSON.parse(expected.body), c.body);
    }
  });

  it('the upload answer is what an upload gets', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ extAction: 'files', extMethod: 'upload', extTID: '6', extType: 'rpc', extUpload: 'true', title: 'logo' }))
      fd.append(k, v);
    fd.append('file', new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0])]), 'logo.png');
    const r = await fetch(router, { method: 'POST', body: fd });
    assert.equal(await r.text(), list.find((c) => c.label.startsWith('upload'))?.body.trim());
  });

  it('api.js describes the polling providers as shown', async () => {
    const served = await (await fetch(`${running.url}/ws/extdirect/api.js`)).text();
    const excerpt = list.find((c) => c.label === 'polling-api')?.body ?? '';
    assert.ok(excerpt.length > 0 && served.includes(`\n${excerpt}`), served);
  });

  it('the polls and the REST call between them are answered as shown, in order', async () => {
    let cookie: string | undefined;
    for (const c of list) {
      const [kind, path] = c.label.split(' ');
      if (kind === 'rest') {
        const r = await fetch(`${running.url}/ws/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: c.body });
        assert.equal(r.status, 200, await r.text());
      } else if (kind === 'poll') {
        const r = await fetch(`${running.url}/ws/extdirect/poll/${path}`, { headers: cookie ? { cookie } : {} });
        cookie ??= r.headers.get('set-cookie')?.split(';')[0];
        assert.deepEqual(await r.json(), JSON.parse(c.body), c.label);
      }
    }
    assert.ok(cookie, 'the first poll set the cookie');
  });
});
