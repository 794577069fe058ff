import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillLocation } from './binding.ts';

describe('fillLocation', () => {
  it('fills each field, URL-encoded, and keeps the text around them', () => {
    assert.equal(fillLocation('questions/{id}', { id: 7 }), 'questions/7');
    assert.equal(fillLocation('a/{x}/b/{y}.json', { x: 'a b/c', y: 2n }), 'a/a%20b%2Fc/b/2.json');
    assert.equal(fillLocation('static', { id: 1 }), 'static');
  });
  it('is undefined when a field is missing, null or not a scalar, or the result is not an object', () => {
    assert.equal(fillLocation('q/{id}', {}), undefined);
    assert.equal(fillLocation('q/{id}', { id: null }), undefined);
    assert.equal(fillLocation('q/{id}', { id: { n: 1 } }), undefined);
    assert.equal(fillLocation('q/{id}', 'text'), undefined);
    assert.equal(fillLocation('q/{id}', null), undefined);
  });
});
