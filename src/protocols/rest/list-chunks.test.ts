import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BodyChunk } from '../../runtime/http.ts';
import { jsonList } from './list-chunks.ts';

async function chunks(body: string | AsyncIterable<BodyChunk>): Promise<string[]> {
  assert.notEqual(typeof body, 'string');
  const out: string[] = [];
  for await (const c of body as AsyncIterable<BodyChunk>) out.push(String(c));
  return out;
}

describe('list results in chunks', () => {
  it('a list whose text fits one chunk is answered whole', () => {
    assert.equal(jsonList([1, 2, 3], String, 100), '[1,2,3]');
    assert.equal(jsonList([], String, 100), '[]');
  });

  it('a longer one is chunks of about the chunk size that join to the same JSON', async () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({ i, s: 'x'.repeat(i % 7) }));
    const parts = await chunks(jsonList(list, (v) => JSON.stringify(v), 500));
    assert.ok(parts.length > 10);
    assert.ok(parts.every((p) => p.length < 600));
    assert.deepEqual(JSON.parse(parts.join('')), list);
  });

  it('encodes lazily: nothing past the first chunk until it is pulled, nothing after return()', async () => {
    let encoded = 0;
    const body = jsonList(
      Array.from({ length: 100 }, (_, i) => i),
      (v) => {
        encoded++;
        return String(v).padStart(10, '0');
      },
      50,
    ) as AsyncIterable<BodyChunk>;
    const before = encoded;
    assert.ok(before < 10);
    const it = body[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    await it.return?.();
    const after = encoded;
    assert.ok(after < 20);
    assert.equal((await it.next()).done, true);
    assert.equal(encoded, after);
  });
});
