import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controller, expose, root } from '../../api/index.ts';
import { compileApi } from '../../runtime/compile.ts';
import { operationName, operationNames } from './names.ts';

describe('SOAP operation names', () => {
  it("WSME's rule: first segment, then the others capitalised", () => {
    assert.equal(operationName(['person', 'get']), 'personGet');
    assert.equal(operationName(['ping']), 'ping');
    assert.equal(operationName(['a', 'b', 'cde']), 'aBCde');
  });

  it('a clash numbers the later function instead of hiding it', () => {
    const f = expose({}, () => undefined);
    const api = compileApi(root({ controllers: { person: controller({ get: f }), personGet: f } }));
    assert.deepEqual([...operationNames(api.functions).values()], ['personGet', 'personGet_2']);
  });
});
