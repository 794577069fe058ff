import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controller, expose, root } from '../api/index.ts';
import { t } from '../schema/types.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import { createApp } from './app.ts';
import type { Protocol } from './protocol.ts';
import { soap } from './soap/index.ts';

/** A protocol whose every answer throws: what the app's last net is for. */
const boom: Protocol = {
  name: 'boom',
  consumes: [],
  produces: [],
  endpoints: ['boom'],
  bind: (api) => ({
    protocol: boom,
    handle: () => {
      throw new Error(`boom in ${api.def.name}`);
    },
    fault: (err) => ({ status: err.status, headers: { 'x-fault': err.code }, body: err.message }),
  }),
};

function req(method: string, path: string): SbRequest {
  return {
    method,
    path,
    query: '',
    remoteAddress: undefined,
    signal: new AbortController().signal,
    header: () => undefined,
    hasBody: false,
    body: async () => new Uint8Array(),
  };
}

describe('protocols/app: the last net', () => {
  const api = root({ webpath: '/ws', controllers: { x: controller({ ping: expose({ returns: t.string() }, () => 'pong') }) } });
  const app = createApp(api, { protocols: [soap(), boom] });

  it('a protocol that throws answers its fault', async () => {
    const out: SbResponse = await app.handle(req('GET', '/ws/boom'));
    assert.equal(out.status, 500);
    assert.equal(out.headers['x-fault'], 'SB_SERVER_ERROR');
  });

  it('so does an OPTIONS request, where other protocols add their verbs (SOAP here)', async () => {
    const out: SbResponse = await app.handle(req('OPTIONS', '/ws/boom'));
    assert.equal(out.status, 500);
    assert.equal(out.headers['x-fault'], 'SB_SERVER_ERROR');
  });
});
