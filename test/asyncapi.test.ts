// The WebSocket's AsyncAPI 3.0 document: valid for @asyncapi/parser (no error diagnostics),
// served at <base>/asyncapi.json and .yaml, and describing the frames the socket really sends —
// call, result, error, stream event and done frames of the persons demo, over the JSON and the
// MessagePack payloads, validate against the payload schemas of their messages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import { Packr } from 'msgpackr';
import { parse as parseYaml } from 'yaml';
import { personsRoot } from '../examples/persons/app.ts';
import { asyncApiDocument, createApp } from '../src/index.ts';
import { call, postJson } from './helpers/http.ts';
import { Client, type Json, type WsServer, startWs } from './ws-fixture.ts';

type Doc = {
  servers: Record<string, { host: string; protocol: string; pathname: string }>;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { messages: { $ref: string }[]; reply?: { messages: { $ref: string }[] } }>;
  components: { schemas: Record<string, object>; messages: Record<string, { contentType: string; payload: { $ref: string } }> };
};

const msgpack = new Packr({ useRecords: false, mapsAsObjects: true });

/** A validator of a frame schema of the document, its `$ref`s resolved against the document's components. */
function frameChecker(doc: Doc) {
  const ajv = new Ajv({ strict: false, validateFormats: false });
  return (schema: string, frame: unknown) => {
    const v = ajv.compile({ $ref: `#/components/schemas/${schema}`, components: doc.components });
    assert.ok(v(frame), `${schema}: ${JSON.stringify(v.errors)} for ${JSON.stringify(frame)}`);
  };
}

describe('AsyncAPI 3.0 of the WebSocket', () => {
  const doc = asyncApiDocument(createApp(personsRoot()).api, { url: 'ws://127.0.0.1:8080/ws' }) as unknown as Doc;

  it('is valid for @asyncapi/parser', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc));
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 0),
      [],
    );
    assert.ok(document);
    // RPC frames: 6 functions and cancel, per payload; JSON-RPC: 6 and $/cancelRequest; Channels: 6 × (DCRF, seed) and the multiplexed form.
    assert.equal(document.operations().all().length, 2 * 7 + 7 + 13);
    assert.deepEqual(
      document
        .channels()
        .all()
        .map((c) => c.address()),
      ['/ws', '/ws', '/ws', '/ws/channels'],
    );
  });

  it('has a channel per payload, and per function a call answered by a result (or events) or an error', () => {
    assert.deepEqual(doc.servers.socket, { host: '127.0.0.1:8080', protocol: 'ws', pathname: '/ws', description: 'The API’s WebSocket, at its base path.' });
    assert.deepEqual(Object.keys(doc.channels), ['json', 'msgpack', 'jsonrpc', 'channels']);
    assert.equal(doc.components.messages['PersonGetCall.msgpack']!.contentType, 'application/vnd.msgpack');
    assert.deepEqual(doc.operations['person.get.json']!.messages, [{ $ref: '#/channels/json/messages/PersonGetCall.json' }]);
    assert.deepEqual(
      doc.operations['person.get.json']!.reply!.messages.map((m) => m.$ref),
      ['#/channels/json/messages/PersonGetResult.json', '#/channels/json/messages/ErrorFrame.json'],
    );
    assert.deepEqual(
      doc.operations['person.watch.msgpack']!.reply!.messages.map((m) => m.$ref),
      [
        '#/channels/msgpack/messages/PersonWatchEvent.msgpack',
        '#/channels/msgpack/messages/DoneFrame.msgpack',
        '#/channels/msgpack/messages/ErrorFrame.msgpack',
      ],
    );
  });
});

describe('AsyncAPI served, and the frames the socket sends', () => {
  let s: WsServer;
  let doc: Doc;
  before(async () => {
    s = await startWs({}, personsRoot());
    doc = (await call(`${s.running.url}/ws/asyncapi.json`)).json as Doc;
  });
  after(() => s.close());

  it('serves JSON and YAML, its server the socket the client would reach', async () => {
    const host = new URL(s.running.url).host;
    assert.deepEqual(doc.servers.socket!.host, host);
    const y = await call(`${s.running.url}/ws/asyncapi.yaml`);
    assert.match(y.headers.get('content-type')!, /^application\/yaml/);
    assert.deepEqual(parseYaml(y.text), doc);
  });

  for (const payload of ['json', 'msgpack'] as const) {
    it(`describes every frame of a call and a stream over ${payload}`, async () => {
      const check = frameChecker(doc);
      const c = payload === 'json' ? await Client.open(s.url) : await Client.open(s.url, 'msgpack', {}, (d) => msgpack.unpack(d as Buffer) as unknown);
      const send = (frame: Json, schema: string | undefined) => {
        if (schema) check(schema, frame);
        c.ws.send(payload === 'json' ? JSON.stringify(frame) : msgpack.pack(frame));
      };
      try {
        send({ id: 1, method: 'person.get', params: { id: 1 } }, 'PersonGetCall');
        check('PersonGetResult', await c.next((f) => f.id === 1));
        send({ id: 2, method: 'person.get', params: [99] }, 'PersonGetCall');
        check('ErrorFrame', await c.next((f) => f.id === 2));
        // A call the document does not allow (an id that is no integer) is answered by an error frame.
        send({ id: 3, method: 'person.destroy', params: { id: 'x' } }, undefined);
        check('ErrorFrame', await c.next((f) => f.id === 3));

        send({ id: 'w', method: 'person.watch' }, 'PersonWatchCall');
        // The stream is open once a change made over REST reaches it.
        let event: Json | undefined;
        for (let i = 0; i < 20 && event === undefined; i++) {
          await postJson(`${s.running.url}/ws/person/create`, { p: { lastname: 'Green', firstname: 'Rachel', age: 29, hobbies: [] } });
          event = await c.next((f) => f.id === 'w' && 'event' in f, 250).catch(() => undefined);
        }
        assert.ok(event, 'an event arrived');
        check('PersonWatchEvent', event);
        send({ id: 'w', cancel: true }, 'CancelFrame');
        check('DoneFrame', await c.next((f) => f.id === 'w' && 'done' in f));
      } finally {
        c.close();
      }
    });
  }

  it('describes the JSON-RPC 2.0 dialect (the jsonrpc subprotocol): requests, responses, errors, stream events, cancel', async () => {
    const check = frameChecker(doc);
    assert.equal(
      (doc.channels.jsonrpc as unknown as { bindings: { ws: { headers: { properties: Record<string, { const: string }> } } } }).bindings.ws.headers.properties[
        'Sec-WebSocket-Protocol'
      ]!.const,
      'jsonrpc',
    );
    const c = await Client.open(s.url, 'jsonrpc');
    const send = (frame: Json, schema: string) => {
      check(schema, frame);
      c.send(frame);
    };
    try {
      send({ jsonrpc: '2.0', id: 1, method: 'person.get', params: { id: 1 } }, 'PersonGetRpcRequest');
      check('PersonGetRpcResponse', await c.next((f) => f.id === 1));
      send({ jsonrpc: '2.0', id: 2, method: 'person.get', params: [99] }, 'PersonGetRpcRequest');
      check('RpcError', await c.next((f) => f.id === 2));
      send({ jsonrpc: '2.0', id: 'w', method: 'person.watch' }, 'PersonWatchRpcRequest');
      let event: Json | undefined;
      for (let i = 0; i < 20 && event === undefined; i++) {
        await postJson(`${s.running.url}/ws/person/create`, { p: { lastname: 'Buffay', firstname: 'Phoebe', age: 30, hobbies: [] } });
        event = await c.next((f) => f.method === '$/event', 250).catch(() => undefined);
      }
      assert.ok(event, 'an event arrived');
      check('PersonWatchRpcEvent', event);
      send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 'w' } }, 'RpcCancel');
      check('RpcDone', await c.next((f) => f.id === 'w' && 'result' in f));
    } finally {
      c.close();
    }
  });

  it('describes the Channels socket at <base>/channels: the seed’s, DCRF’s and the multiplexed forms', async () => {
    const check = frameChecker(doc);
    assert.equal(doc.channels.channels!.address, '/ws/channels');
    const c = await Client.open(`${s.url}/channels`);
    const send = (frame: Json, schema: string) => {
      check(schema, frame);
      c.send(frame);
    };
    try {
      send({ action: 'person.get', request_id: 7, id: 1 }, 'PersonGetAction');
      check('PersonGetActionReply', await c.next((f) => f.request_id === 7));
      send({ action: 'person.get', request_id: 8, id: 99 }, 'PersonGetAction');
      const fault = await c.next((f) => f.request_id === 8);
      check('ChannelsEnvelope', fault);
      assert.notEqual(fault.response_status, 200);
      send({ method: 'person.get', id: 2 }, 'PersonGetSeed');
      check('PersonGetSeedReply', await c.next((f) => f.firstname === 'Monica'));
      send({ stream: 'person', payload: { action: 'get', request_id: 9, data: { id: 1 } } }, 'ChannelsMultiplexed');
      check('ChannelsMultiplexedReply', await c.next((f) => f.stream === 'person'));
    } finally {
      c.close();
    }
  });
});
