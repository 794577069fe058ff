/**
 * Ext Direct end to end over node:http with fetch: the descriptor in both forms, single calls,
 * batches, both notations, form posts, a multipart upload, and every malformed request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import vm from 'node:vm';
import { type ServeOptions, type SwitchboardError, controller, createApp, expose, extdirect, root, serve, t } from '../src/index.ts';
import { extdirectRoot } from './browser/app.ts';

interface Answer {
  status: number;
  type: string;
  text: string;
  json: unknown;
  headers: Headers;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const r = await fetch(url, init);
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, type: r.headers.get('content-type') ?? '', text, json, headers: r.headers };
}

const rpc = (action: string, method: string, data: unknown, tid: number | string) => ({ action, method, data, type: 'rpc', tid });

async function start(options: ServeOptions = {}, finished: string[] = []) {
  const running = await serve(extdirectRoot(finished), { port: 0, host: '127.0.0.1', ...options });
  const router = `${running.url}/ws/extdirect/router`;
  const post = (body: unknown, type = 'application/json', path = router) =>
    send(path, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { running, router, post };
}

/** The JSON inside an upload answer's `<textarea>`, as the browser would read it. */
function textarea(html: string): unknown {
  const m = /^<html><body><textarea>([\s\S]*)<\/textarea><\/body><\/html>$/.exec(html);
  assert.ok(m, `not an upload answer: ${html}`);
  return JSON.parse(m[1].replace(/&lt;/g, '<').replace(/&amp;/g, '&'));
}

describe('Ext Direct descriptor', () => {
  let s: Awaited<ReturnType<typeof start>>;
  before(async () => {
    s = await start();
  });
  after(() => s.running.close());

  it('api.js assigns the descriptor under the namespace; api.json is the same object (plus the polling providers)', async () => {
    const js = await send(`${s.running.url}/ws/extdirect/api.js`, {});
    assert.equal(js.status, 200);
    assert.match(js.type, /^application\/javascript/);
    const made: string[] = [];
    const sandbox: Record<string, unknown> = {};
    sandbox.Ext = {
      ns(name: string) {
        made.push(name);
        sandbox[name] = sandbox[name] ?? {};
      },
    };
    vm.runInNewContext(js.text, sandbox);
    assert.deepEqual(made, ['persons', 'persons'], 'one Ext.ns per variable assigned');
    const fromScript = sandbox.persons as { REMOTING_API: object; POLLING_API: object };
    const json = await send(`${s.running.url}/ws/extdirect/api.json`, {});
    assert.match(json.type, /^application\/json/);
    assert.deepEqual(json.json, JSON.parse(JSON.stringify({ ...fromScript.REMOTING_API, polling: fromScript.POLLING_API })));
  });

  it('groups methods by controller, with len, params + strict, or formHandler', async () => {
    const d = (await send(`${s.running.url}/ws/extdirect/api.json`, {})).json as Record<string, unknown>;
    assert.equal(d.url, '/ws/extdirect/router');
    assert.equal(d.type, 'remoting');
    assert.equal(d.namespace, 'persons');
    const actions = d.actions as Record<string, unknown[]>;
    assert.deepEqual(Object.keys(actions), ['person', 'math', 'files', 'nested.inner', 'root']);
    assert.deepEqual(actions.person[0], { name: 'get', params: ['id'], strict: true });
    // No arguments: `len: 0` in either notation, so Ext JS calls it as `fn(callback)`.
    assert.deepEqual(actions.person[1], { name: 'list', len: 0 });
    assert.deepEqual(actions.math[0], { name: 'add', len: 2 });
    assert.deepEqual(actions.files[0], { name: 'upload', len: 1, formHandler: true });
    assert.deepEqual(actions['nested.inner'], [{ name: 'ping', len: 0 }]);
    assert.deepEqual(actions.root, [{ name: 'version', len: 0 }]);
  });

  it('refuses other verbs on the descriptor and anything but POST on the router', async () => {
    const a = await send(`${s.running.url}/ws/extdirect/api.js`, { method: 'POST', body: 'x' });
    assert.equal(a.status, 405);
    assert.equal(a.headers.get('allow'), 'GET, HEAD');
    const r = await send(s.router, {});
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'POST');
    assert.equal((r.json as { type: string }).type, 'exception');
  });
});

describe('Ext Direct options', () => {
  const app = (options: Parameters<typeof extdirect>[0]) => createApp(extdirectRoot(), { protocols: [extdirect(options)] });
  const descriptorOf = async (options: Parameters<typeof extdirect>[0], file = 'api.json') => {
    const running = await serve(app(options), { port: 0, host: '127.0.0.1' });
    try {
      return (await send(`${running.url}/ws/extdirect/${file}`, {})).text;
    } finally {
      await running.close();
    }
  };

  it('namespace, descriptor variable, positional default and root action', async () => {
    const js = await descriptorOf({ namespace: 'Demo.api', descriptor: 'Demo.API', params_notation: 'positional', root_action: 'top' }, 'api.js');
    assert.match(js, /^Ext\.ns\("Demo"\);\nDemo\.API = /);
    const d = JSON.parse(js.slice(js.indexOf('=') + 1, js.indexOf(';\n', js.indexOf('='))));
    assert.match(js, /\nExt\.ns\("Demo\.api"\);\nDemo\.api\.POLLING_API = /);
    assert.equal(d.namespace, 'Demo.api');
    assert.deepEqual(d.actions.person[0], { name: 'get', len: 1 });
    assert.deepEqual(d.actions.top, [{ name: 'version', len: 0 }]);
  });

  it('extdirect_params_notation overrides the default per function', async () => {
    const r = root({
      controllers: {
        c: controller({
          f: expose({ args: { a: t.string() }, extra: { extdirect_params_notation: 'named' } }, () => undefined),
          g: expose({ args: { a: t.string() } }, () => undefined),
        }),
      },
    });
    const running = await serve(createApp(r, { protocols: [extdirect({ params_notation: 'positional' })] }), { port: 0, host: '127.0.0.1' });
    try {
      const d = (await send(`${running.url}/extdirect/api.json`, {})).json as { actions: Record<string, unknown[]>; url: string };
      assert.equal(d.url, '/extdirect/router');
      assert.deepEqual(d.actions.c, [
        { name: 'f', params: ['a'], strict: true },
        { name: 'g', len: 1 },
      ]);
    } finally {
      await running.close();
    }
  });

  it('upload_limit bounds multipart posts apart from the body limit', async () => {
    const running = await serve(app({ upload_limit: 200 }), { port: 0, host: '127.0.0.1' });
    try {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ extAction: 'files', extMethod: 'upload', extTID: '1', extType: 'rpc', extUpload: 'true', title: 't' }))
        fd.append(k, v);
      fd.append('file', new Blob([new Uint8Array(300)]), 'big.bin');
      const big = await send(`${running.url}/ws/extdirect/router`, { method: 'POST', body: fd });
      assert.equal(big.status, 413);
      assert.match(String((big.json as { message: string }).message), /limit of 200 bytes/);
      const json = await send(`${running.url}/ws/extdirect/router`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rpc('person', 'update', { p: { id: 1, lastname: 'x'.repeat(300) } }, 1)),
      });
      assert.equal((json.json as { type: string }).type, 'rpc');
    } finally {
      await running.close();
    }
  });

  it('bad options fail at start-up', () => {
    assert.throws(() => extdirect({ params_notation: 'both' as 'named' }), /params_notation/);
    assert.throws(() => extdirect({ namespace: 'a-b' }), /namespace/);
    assert.throws(() => extdirect({ descriptor: 'x;alert(1)' }), /descriptor/);
    assert.throws(() => extdirect({ max_batch: 0 }), /max_batch/);
    const bad = root({ controllers: { f: expose({ extra: { extdirect_params_notation: 'nope' } }, () => undefined) } });
    assert.throws(() => createApp(bad, { protocols: [extdirect()] }), /extdirect_params_notation/);
    const badForm = root({ controllers: { f: expose({ extra: { extdirect_formhandler: 'yes' } }, () => undefined) } });
    assert.throws(() => createApp(badForm, { protocols: [extdirect()] }), /extdirect_formhandler/);
  });
});

describe('Ext Direct router', () => {
  let s: Awaited<ReturnType<typeof start>>;
  const finished: string[] = [];
  const serverErrors: SwitchboardError[] = [];
  before(async () => {
    s = await start({ onServerError: (e) => serverErrors.push(e), bodyLimit: 64 * 1024 }, finished);
  });
  after(() => s.running.close());

  it('answers a single named call with its result, HTTP 200', async () => {
    const a = await s.post(rpc('person', 'get', { id: 1 }, 7));
    assert.equal(a.status, 200);
    assert.match(a.type, /^application\/json/);
    assert.deepEqual(a.json, {
      type: 'rpc',
      tid: 7,
      action: 'person',
      method: 'get',
      result: { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] },
    });
  });

  it('reads Ext JS 4 named data ([object]) and no data for a function without arguments', async () => {
    assert.deepEqual((await s.post(rpc('person', 'get', [{ id: 2 }], 1))).json, { ...((await s.post(rpc('person', 'get', { id: 2 }, 1))).json as object) });
    const list = (await s.post(rpc('person', 'list', null, 2))).json as { result: unknown[] };
    assert.equal(list.result.length, 2);
    const version = (await s.post({ action: 'root', method: 'version', type: 'rpc', tid: 3 })).json as { result: string };
    assert.equal(version.result, '1.0');
  });

  it('positional calls: len values, defaults for the missing tail, too many refused', async () => {
    assert.equal(((await s.post(rpc('math', 'add', [1, 2], 1))).json as { result: number }).result, 3);
    assert.equal(((await s.post(rpc('math', 'add', [5], 2))).json as { result: number }).result, 5);
    assert.equal(((await s.post(rpc('math', 'add', [5, null], 3))).json as { result: number }).result, 5);
    const many = (await s.post(rpc('math', 'add', [1, 2, 3], 4))).json as Record<string, unknown>;
    assert.equal(many.type, 'exception');
    assert.equal(many.tid, 4);
    assert.equal(many.message, 'Too many arguments: math.add takes at most 2, 3 given');
    const none = (await s.post(rpc('math', 'add', [], 5))).json as Record<string, unknown>;
    assert.equal(none.message, 'Missing argument: "a"');
    const named = (await s.post(rpc('math', 'add', { a: 1 }, 6))).json as Record<string, unknown>;
    assert.match(String(named.message), /takes its arguments as a list, in declaration order/);
  });

  it('named calls: unknown, missing and ill-typed arguments are exceptions naming them', async () => {
    const cases: [unknown, string, string][] = [
      [{ id: 1, x: 2 }, 'Unknown argument: "x"', 'SB_UNKNOWN_ARGUMENT'],
      [{}, 'Missing argument: "id"', 'SB_MISSING_ARGUMENT'],
      [{ id: 'one' }, "Invalid input for field/attribute id. Value: 'one'.", 'SB_INVALID_INPUT'],
      [[1], 'person.get takes its arguments as one object naming them', 'SB_ARGUMENTS_NOT_OBJECT'],
      ['x', 'person.get takes its arguments as one object naming them', 'SB_ARGUMENTS_NOT_OBJECT'],
    ];
    for (const [data, message, code] of cases) {
      const a = await s.post(rpc('person', 'get', data, 9));
      assert.equal(a.status, 200);
      const { message: got, fields, ...rest } = a.json as { message: string; fields?: { path: string }[] };
      assert.deepEqual(rest, { type: 'exception', tid: 9, action: 'person', method: 'get', faultcode: 'Client', code });
      // A validation fault also lists its field errors, each with its path.
      assert.deepEqual(
        fields?.map((f) => f.path),
        code === 'SB_INVALID_INPUT' ? ['id'] : undefined,
      );
      // The codec's own reason follows the schema's wording; the protocol's part is the prefix.
      assert.ok(got.startsWith(message), got);
    }
  });

  it('a batch is answered by one array in call order, the calls running concurrently', async () => {
    finished.length = 0;
    const a = await s.post([
      rpc('math', 'slow', { ms: 80, tag: 'first' }, 1),
      rpc('math', 'slow', { ms: 5, tag: 'second' }, 2),
      rpc('person', 'get', { id: 2 }, 3),
    ]);
    assert.equal(a.status, 200);
    const answers = a.json as { tid: number; result: unknown }[];
    assert.deepEqual(
      answers.map((x) => [x.tid, typeof x.result === 'string' ? x.result : 'person']),
      [
        [1, 'first'],
        [2, 'second'],
        [3, 'person'],
      ],
    );
    // The second call finished first: both were running at once.
    assert.deepEqual(finished, ['second', 'first']);
    const one = await s.post([rpc('root', 'version', null, 'a')]);
    assert.deepEqual(one.json, [{ type: 'rpc', tid: 'a', action: 'root', method: 'version', result: '1.0' }]);
  });

  it('an exception in a batch is that call’s answer only', async () => {
    const a = await s.post([rpc('person', 'get', { id: 99 }, 1), rpc('nope', 'x', null, 2), 42, rpc('person', 'get', { id: 1 }, 3)]);
    const answers = a.json as Record<string, unknown>[];
    assert.deepEqual(
      answers.map((x) => [x.type, x.tid, x.message ?? null]),
      [
        ['exception', 1, 'Unknown ID'],
        ['exception', 2, 'No function at nope.x'],
        ['exception', null, 'Invalid request: a call must be an object'],
        ['rpc', 3, null],
      ],
    );
  });

  it('malformed calls get an exception, never a crash', async () => {
    const cases: [unknown, string, string][] = [
      [{ action: 'person', method: 'nope', type: 'rpc', tid: 1 }, 'No function at person.nope', 'SB_NOT_FOUND'],
      [{ action: '__proto__', method: 'get', type: 'rpc', tid: 1 }, 'No function at __proto__.get', 'SB_NOT_FOUND'],
      [{ action: 'person', method: 'constructor', type: 'rpc', tid: 1 }, 'No function at person.constructor', 'SB_NOT_FOUND'],
      [{ action: 'person', method: 'get', data: { id: 1 }, type: 'event', tid: 1 }, 'Invalid request: a call must have type "rpc"', 'SB_EXTDIRECT_CALL_TYPE'],
      [{ action: 'person', method: 'get', data: { id: 1 }, type: 'rpc' }, 'Invalid request: a call needs a tid', 'SB_EXTDIRECT_NO_TID'],
      [{ action: 1, method: 'get', type: 'rpc', tid: 1 }, 'Invalid request: a call needs an action and a method', 'SB_EXTDIRECT_NO_ACTION'],
      [{ method: 'get', type: 'rpc', tid: 1 }, 'Invalid request: a call needs an action and a method', 'SB_EXTDIRECT_NO_ACTION'],
      [42, 'Invalid request: a call must be an object', 'SB_EXTDIRECT_CALL_NOT_OBJECT'],
    ];
    for (const [body, message, code] of cases) {
      const a = await s.post(body);
      assert.equal(a.status, 200, message);
      assert.equal((a.json as { type: string }).type, 'exception');
      assert.equal((a.json as { message: string }).message, message);
      assert.equal((a.json as { code: string }).code, code, message);
    }
  });

  it('hostile JSON: 10,000-deep nesting and __proto__ keys are plain client errors', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const a = await s.post(`[${deep}]`);
    assert.equal(a.status, 200);
    assert.deepEqual(
      (a.json as { type: string; message: string }[]).map((x) => [x.type, x.message]),
      [['exception', 'Invalid request: a call must be an object']],
    );
    const b = await s.post(`{"action":"person","method":"get","data":{"__proto__":{"id":1}},"type":"rpc","tid":1}`);
    assert.equal((b.json as { message: string }).message, 'Unknown argument: "__proto__"');
    const c = await s.post(`{"action":"person","method":"update","data":{"p":${deep}},"type":"rpc","tid":2}`);
    assert.match((c.json as { message: string }).message, /^Invalid input for field\/attribute p\./);
    assert.equal(((await s.post(rpc('root', 'version', null, 3))).json as { result: string }).result, '1.0');
  });

  it('requests that are not Ext Direct get an HTTP client error with an exception body', async () => {
    const cases: [unknown, string, number, RegExp][] = [
      ['{"action": garbage', 'application/json', 400, /not in valid JSON/],
      ['', 'application/json', 400, /not in valid JSON/],
      ['[]', 'application/json', 400, /empty batch/],
      [
        Array.from({ length: 101 }, (_, i) => rpc('math', 'slow', { ms: 1, tag: 'unrun' }, i)),
        'application/json',
        400,
        /a batch of 101 calls is over the limit of 100/,
      ],
      ['<x/>', 'text/xml', 415, /Cannot read a body of type text\/xml/],
      ['a=1&b=2', 'application/x-www-form-urlencoded', 400, /needs extAction/],
      ['--x\r\nbad', 'multipart/form-data; boundary=x', 400, /malformed multipart/],
      ['--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', 'multipart/form-data; boundary=x', 400, /needs extAction/],
      ['x', 'multipart/form-data', 400, /boundary/],
      [`"${'x'.repeat(70 * 1024)}"`, 'application/json', 413, /larger than the limit/],
    ];
    finished.length = 0;
    for (const [body, type, status, message] of cases) {
      const a = await s.post(body, type);
      assert.equal(a.status, status, String(message));
      const e = a.json as Record<string, unknown>;
      assert.equal(e.type, 'exception');
      assert.equal(e.tid, null);
      assert.match(String(e.message), message);
      assert.match(String(e.code), /^SB_[A-Z_]+$/, String(message));
    }
    const codeOf = async (body: unknown, type?: string) => ((await s.post(body, type)).json as { code: string }).code;
    assert.equal(await codeOf('[]'), 'SB_EMPTY_BATCH');
    assert.equal(await codeOf(Array.from({ length: 101 }, (_, i) => rpc('root', 'version', null, i))), 'SB_BATCH_TOO_LARGE');
    assert.equal(await codeOf('a=1&b=2', 'application/x-www-form-urlencoded'), 'SB_EXTDIRECT_NOT_A_FORM');
    assert.deepEqual(finished, [], 'an oversized batch runs none of its calls');
    // …and the server still answers.
    assert.equal(((await s.post(rpc('root', 'version', null, 1))).json as { result: string }).result, '1.0');
  });

  it('a server error hides its internals, is reported, and has no `where` outside debug mode', async () => {
    serverErrors.length = 0;
    const a = await s.post(rpc('math', 'boom', null, 4));
    assert.equal(a.status, 200);
    assert.deepEqual(a.json, {
      type: 'exception',
      tid: 4,
      action: 'math',
      method: 'boom',
      message: 'Internal server error',
      faultcode: 'Server',
      code: 'SB_SERVER_ERROR',
    });
    assert.equal(serverErrors.length, 1);
  });

  it('keeps int64 values exact', async () => {
    const a = await s.post('{"action":"math","method":"big","data":{"n":9007199254740993},"type":"rpc","tid":1}');
    assert.equal(a.text, '{"type":"rpc","tid":1,"action":"math","method":"big","result":9007199254740994}');
  });

  it('a sub-namespace router path prefixes the actions', async () => {
    const a = await s.post(rpc('inner', 'ping', null, 1), 'application/json', `${s.router}/nested`);
    assert.deepEqual(a.json, { type: 'rpc', tid: 1, action: 'inner', method: 'ping', result: 'pong' });
    const b = await s.post(rpc('ping', 'x', null, 2), 'application/json', `${s.router}/nested/inner`);
    assert.equal((b.json as { message: string }).message, 'No function at nested.inner.ping.x');
  });

  it('reads calls posted urlencoded as one `data` field (enableUrlEncode)', async () => {
    const body = `data=${encodeURIComponent(JSON.stringify([rpc('math', 'add', [2, 3], 1)]))}`;
    const a = await s.post(body, 'application/x-www-form-urlencoded');
    assert.deepEqual(a.json, [{ type: 'rpc', tid: 1, action: 'math', method: 'add', result: 5 }]);
  });
});

describe('Ext Direct form posts', () => {
  let s: Awaited<ReturnType<typeof start>>;
  before(async () => {
    s = await start();
  });
  after(() => s.running.close());

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const ext = (action: string, method: string, tid: string, upload = 'false') => ({
    extAction: action,
    extMethod: method,
    extTID: tid,
    extType: 'rpc',
    extUpload: upload,
  });

  it('an urlencoded form post is one call answered as JSON', async () => {
    const a = await s.post(form({ ...ext('files', 'profile', '12'), name: 'Chandler', age: '29' }), 'application/x-www-form-urlencoded');
    assert.equal(a.status, 200);
    assert.match(a.type, /^application\/json/);
    assert.deepEqual(a.json, { type: 'rpc', tid: 12, action: 'files', method: 'profile', result: { success: true, name: 'Chandler', age: 29 } });
  });

  it('form fields are text: WSME complex notation reaches complex arguments', async () => {
    const body =
      'extAction=person&extMethod=create&extTID=3&extType=rpc&extUpload=false&p.firstname=Joey&p.lastname=Tribbiani&p.age=30&p.hobbies=food&p.hobbies=acting';
    const a = await s.post(body, 'application/x-www-form-urlencoded');
    assert.deepEqual((a.json as { result: unknown }).result, { id: 3, firstname: 'Joey', lastname: 'Tribbiani', age: 30, hobbies: ['food', 'acting'] });
  });

  it('bad form posts are exceptions of that call', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ ...ext('files', 'profile', '1'), name: 'x', age: 'old' }, "Invalid input for field/attribute age. Value: 'old'.", 'SB_INVALID_INPUT'],
      [{ ...ext('files', 'profile', '1'), name: 'x', age: '1', extra: 'y' }, 'Unknown argument: "extra"', 'SB_UNKNOWN_ARGUMENT'],
      [{ ...ext('files', 'nope', '1') }, 'No function at files.nope', 'SB_NOT_FOUND'],
      [{ extAction: 'files', extMethod: 'profile', name: 'x', age: '1' }, 'Invalid request: a form post needs extTID', 'SB_EXTDIRECT_FORM_NO_TID'],
      [{ ...ext('files', 'profile', '1'), extType: 'event', name: 'x', age: '1' }, 'Invalid request: extType must be "rpc"', 'SB_EXTDIRECT_FORM_TYPE'],
    ];
    for (const [fields, message, code] of cases) {
      const a = await s.post(form(fields), 'application/x-www-form-urlencoded');
      assert.equal(a.status, 200);
      assert.ok((a.json as { message: string }).message.startsWith(message), message);
      assert.equal((a.json as { code: string }).code, code, message);
    }
  });

  it('a multipart upload reaches a binary argument and is answered in the textarea wrapper', async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(ext('files', 'upload', '5', 'true'))) fd.append(k, v);
    fd.append('title', 'a </textarea> & <b>bold</b> title');
    fd.append('file', new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], { type: 'image/png' }), 'x.png');
    const a = await send(s.router, { method: 'POST', body: fd });
    assert.equal(a.status, 200);
    assert.match(a.type, /^text\/html/);
    assert.ok(!a.text.includes('</textarea> &'), 'the value cannot close the textarea');
    assert.deepEqual(textarea(a.text), {
      type: 'rpc',
      tid: 5,
      action: 'files',
      method: 'upload',
      result: { title: 'a </textarea> & <b>bold</b> title', size: 8, head: [137, 80, 78, 71] },
    });
  });

  it('upload failures are exceptions inside the wrapper', async () => {
    const upload = async (fill: (fd: FormData) => void) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(ext('files', 'upload', '6', 'true'))) fd.append(k, v);
      fill(fd);
      const a = await send(s.router, { method: 'POST', body: fd });
      assert.equal(a.status, 200);
      return textarea(a.text) as { type: string; tid: number; message: string };
    };
    // A file input left empty, as a browser sends it (undici's FormData would drop the filename).
    const raw = [
      ...Object.entries({ ...ext('files', 'upload', '6', 'true'), title: 't' }).map(
        ([k, v]) => `--B\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      ),
      '--B\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--B--\r\n',
    ].join('');
    const emptyAnswer = await s.post(raw, 'multipart/form-data; boundary=B');
    const empty = textarea(emptyAnswer.text) as { type: string; tid: number; message: string };
    assert.deepEqual([empty.type, empty.tid, empty.message], ['exception', 6, 'Missing argument: "file"']);
    const wrongField = await upload((fd) => {
      fd.append('title', new Blob(['x']), 'title.txt');
    });
    assert.equal(wrongField.message, "Invalid input for field/attribute title. Value: 'title.txt'. This argument does not take a file");
    const unknown = await upload((fd) => {
      fd.append('other', new Blob(['x']), 'o.txt');
    });
    assert.equal(unknown.message, 'Unknown argument: "other"');
  });
});

describe('Ext Direct debug mode', () => {
  it('adds `where` (the stack) to exceptions', async () => {
    const s = await start({ debug: true });
    try {
      const a = (await s.post(rpc('math', 'boom', null, 1))).json as Record<string, string>;
      assert.equal(a.message, 'Internal server error');
      assert.match(a.where, /Error: secret internals\n\s+at /);
      const b = (await s.post(rpc('person', 'get', { id: 99 }, 2))).json as Record<string, string>;
      assert.equal(b.message, 'Unknown ID');
      assert.equal(typeof b.where, 'string');
    } finally {
      await s.running.close();
    }
  });
});
