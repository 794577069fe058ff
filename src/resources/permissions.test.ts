import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallContext } from '../api/context.ts';
import { allOf, allowAny, anyOf, isAuthenticated, isOwner, not } from './permissions.ts';

const ctx = {} as CallContext;
const ann = { subject: 'ann' };

describe('permissions compose with allOf, anyOf and not', () => {
  it('actions', async () => {
    assert.equal(await isAuthenticated.allows!(undefined, 'list', ctx), false);
    assert.equal(await isAuthenticated.allows!(ann, 'list', ctx), true);
    assert.equal(await allOf(allowAny, isAuthenticated).allows!(undefined, 'list', ctx), false);
    assert.equal(await anyOf(isAuthenticated, allowAny).allows!(undefined, 'list', ctx), true);
    assert.equal(await not(isAuthenticated).allows!(undefined, 'list', ctx), true);
  });

  it('objects', async () => {
    const mine = { owner: 'ann' };
    const theirs = { owner: 'bob' };
    const owner = isOwner('owner');
    assert.equal(await owner.allowsObject!(ann, mine, 'patch', ctx), true);
    assert.equal(await owner.allowsObject!(ann, theirs, 'patch', ctx), false);
    assert.equal(await allOf(allowAny, owner).allowsObject!(ann, theirs, 'patch', ctx), false);
    assert.equal(await anyOf(owner, allowAny).allowsObject!(ann, theirs, 'patch', ctx), true);
    // anyOf: a member that refuses the action does not allow the record.
    assert.equal(await anyOf(owner, not(allowAny)).allowsObject!(ann, theirs, 'patch', ctx), false);
    assert.equal(await not(owner).allowsObject!(ann, theirs, 'patch', ctx), true);
  });
});
