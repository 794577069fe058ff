import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { msgpackPayload } from './msgpack.ts';
import { Unpackr } from 'msgpackr';
import { jsonDecoder, jsonEncoder } from '../../schema/json.ts';
import { t } from '../../schema/types.ts';
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

describe('MessagePack: 64-bit integers', () => {
  // A 64-bit integer as a client's MessagePack library writes it (0xd3: int 64, 0xcf: uint 64).
  const int64 = (n: bigint): Buffer => {
    const b = Buffer.alloc(9);
    b[0] = 0xd3;
    b.writeBigInt64BE(n, 1);
    return b;
  };
  const frame = (n: bigint): Uint8Array => Buffer.concat([Buffer.from([0x81, 0xa1, 0x6e]), int64(n)]); // {n: <int64>}

  it('an int64 above 2^53 keeps every digit and passes through the schema decoder', () => {
    const n = 2n ** 53n + 1n;
    const v = msgpackPayload.loads(frame(n), true) as { n: unknown };
    assert.equal(v.n, n);
    assert.equal(jsonDecoder(t.int64())(v.n, 'n'), 9007199254740993n);
    assert.equal((msgpackPayload.loads(frame(-(2n ** 63n)), true) as { n: unknown }).n, -(2n ** 63n));
    const u = Buffer.from([0x81, 0xa1, 0x6e, 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    assert.equal((msgpackPayload.loads(u, true) as { n: unknown }).n, 2n ** 64n - 1n);
    // Beyond int64, the schema refuses it as every other wire does.
    assert.throws(() => jsonDecoder(t.int64())(2n ** 64n - 1n, 'n'), /Value should be between/);
  });

  it('64-bit integers that are exact as numbers stay numbers (integer arguments read them)', () => {
    const v = msgpackPayload.loads(frame(42n), true) as { n: unknown };
    assert.equal(v.n, 42);
    assert.equal(jsonDecoder(t.integer())(v.n, 'n'), 42);
    assert.equal(jsonDecoder(t.int64())(v.n, 'n'), 42n);
  });
});

describe('MessagePack: int64 results', () => {
  it('an int64 result beyond 2^53 goes out as a 64-bit integer with every digit', () => {
    const text = jsonEncoder(t.int64())(9007199254740993n);
    const bytes = msgpackPayload.dumps({ id: 1, result: new JsonText(`{"n":${text},"s":"9007199254740993","f":1.5e300,"k":1234567890123456}`) });
    assert.deepEqual(new Unpackr({ int64AsType: 'bigint', mapsAsObjects: true }).unpack(bytes as Buffer), {
      id: 1,
      result: { n: 9007199254740993n, s: '9007199254740993', f: 1.5e300, k: 1234567890123456 },
    });
    // A string that spells the internal marker stays a string.
    assert.deepEqual(frameValue(new JsonText('{"a":"\\u0000int64:12345678901234567","n":12345678901234567}')), {
      a: '\u0000int64:12345678901234567',
      n: 12345678901234568,
    });
  });
});
