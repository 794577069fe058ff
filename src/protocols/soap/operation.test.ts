import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionMatches } from './operation.ts';

describe('SOAP actions', () => {
  it('match the operation exactly or as the last segment of a URI', () => {
    for (const a of ['personGet', 'urn:x:personGet', 'http://h/ws/personGet', 'urn:x#personGet']) assert.ok(actionMatches(a, 'personGet'), a);
  });
  it('do not match another operation, or a longer name', () => {
    for (const a of ['personList', 'http://h/ws/xpersonGet', 'personGetAll', 'Get']) assert.ok(!actionMatches(a, 'personGet'), a);
  });
});
