// SOAP answers every call with a SOAP envelope, even when what throws is outside the handler
// (a call observer, at the call's start or at the end of an asynchronous call): the app puts no
// safety net around SOAP's promises (`BoundProtocol.settles`), so SOAP must catch it itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallObserver } from '../src/runtime/observe.ts';
import { controller, expose, root, serve, t, type Running } from '../src/index.ts';
import { envelope, faultOf, soapPost } from './interop/soap-http.ts';

describe('SOAP: every failure is a SOAP fault', () => {
  let running: Running;
  let mode: 'start' | 'end' | 'none' = 'none';
  const observer: CallObserver = () => {
    if (mode === 'start') throw new Error('observer failed at the start');
    return () => {
      if (mode === 'end') throw new Error('observer failed at the end');
    };
  };
  before(async () => {
    const api = root({
      name: 'settles',
      webpath: 'ws',
      controllers: {
        c: controller({
          slow: expose({ args: { x: t.integer() }, returns: t.integer() }, async ({ x }) => {
            await new Promise((r) => setTimeout(r, 1));
            return x + 1;
          }),
          fast: expose({ args: { x: t.integer() }, returns: t.integer() }, ({ x }) => x + 1),
        }),
      },
    });
    running = await serve(api, { port: 0, host: '127.0.0.1', observers: [observer] });
  });
  after(() => running.close());

  const call = (op: string) => soapPost(`${running.url}/ws`, '1.1', envelope('1.1', `<t:${op} xmlns:t="urn:settles:types"><t:x>1</t:x></t:${op}>`), op);

  for (const op of ['slow', 'fast']) {
    it(`${op}: an observer throwing at the start or at the end is a SOAP Server fault`, async () => {
      mode = 'none';
      const ok = await call(`c${op[0]!.toUpperCase()}${op.slice(1)}`);
      assert.equal(ok.status, 200, ok.text);
      assert.match(ok.text, /<result>2<\/result>/);
      for (const m of ['start', 'end'] as const) {
        mode = m;
        const r = await call(`c${op[0]!.toUpperCase()}${op.slice(1)}`);
        assert.equal(r.status, 500);
        assert.match(r.contentType, /^text\/xml/);
        assert.equal(faultOf(r.text)?.code, 'soap:Server', r.text);
      }
      mode = 'none';
    });
  }
});
