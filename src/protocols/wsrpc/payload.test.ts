import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { msgpackPayload } from './msgpack.ts';
import { FrameEncodingError, JsonText, frameJson, frameValue, jsonPayload } from './payload.ts';

describe('payloads', () => {
  it('JSON: JsonText is spliced in as it is, anywhere in plain objects and lists', () => {
    assert.equal(frameJson({ id: 1, result: new JsonText('{"a":1}'), skip: undefined }), '{"id":1,"result":{"a":1}}');
    assert.equal(frameJson([{ x: new JsonText('2') }, new JsonText('[3]')]), '[{"x":2},[3]]');
    assert.equal(frameJson({ params: { data: new JsonText('"s"') } }), '{"params":{"data":"s"}}');
  });

  it('frameValue parses JsonText back, for other payloads', () => {
    assert.deepEqual(frameValue({ id: 'a', data: new JsonText('{"b":[1]}') }), { id: 'a', data: { b: [1] } });
    assert.deepEqual(frameValue(new JsonText('{"id":1}')), { id: 1 });
  });

  it('JSON loads text and UTF-8 binary; bad UTF-8 is a FrameEncodingError, bad JSON a SyntaxError', () => {
    assert.deepEqual(jsonPayload.loads(Buffer.from('{"id":1}'), false), { id: 1 });
    assert.deepEqual(jsonPayload.loads(Buffer.from('{"é":1}'), true), { é: 1 });
    assert.throws(() => jsonPayload.loads(Buffer.from([0x22, 0xff, 0x22]), true), FrameEncodingError);
    assert.throws(() => jsonPayload.loads(Buffer.from('{'), false), SyntaxError);
  });

  it('MessagePack round-trips frames as plain maps', () => {
    const bytes = msgpackPayload.dumps({ id: 1, status: 200, result: new JsonText('{"n":[1,2]}') });
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual(msgpackPayload.loads(bytes, true), { id: 1, status: 200, result: { n: [1, 2] } });
  });
});
