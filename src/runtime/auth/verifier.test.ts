import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devIssuer, devToken } from './dev.ts';
import { TokenRefused, Verifier } from './verifier.ts';

const settings = { algorithms: ['ES256'], clockTolerance: 30, cacheSize: 2, cooldownMs: 30_000, maxAgeMs: 600_000 };

describe('verified-token cache', () => {
  it('trusts a verified token from the cache, and never a different token that ends the same', async () => {
    const v = new Verifier([devIssuer()], settings);
    const token = await devToken({ sub: 'alice', scopes: ['email'] });
    assert.equal(v.cached(token), undefined);
    assert.equal((await v.verify(token)).subject, 'alice');
    assert.equal(v.cached(token)?.subject, 'alice');
    // The same signature's end under another payload: the cache key matches, the token does not.
    const [, payload] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ iss: 'x', sub: 'mallory' })).toString('base64url')}.${payload}.${token.split('.')[2]}`;
    assert.equal(forged.slice(-48), token.slice(-48));
    assert.equal(v.cached(forged), undefined);
    await assert.rejects(v.verify(forged), TokenRefused);
    assert.equal(v.cached(token)?.subject, 'alice');
  });

  it('is bounded: the oldest entry goes first', async () => {
    const v = new Verifier([devIssuer()], settings);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((sub) => devToken({ sub })));
    for (const t of [a, b, c]) await v.verify(t!);
    assert.equal(v.cached(a!), undefined);
    assert.equal(v.cached(b!)?.subject, 'b');
    assert.equal(v.cached(c!)?.subject, 'c');
  });
});
