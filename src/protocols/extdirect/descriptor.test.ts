import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { type Descriptor, checkJsPath, descriptorScript, namespaceOf } from './descriptor.ts';

const descriptor: Descriptor = { url: '/ws/extdirect/router', type: 'remoting', namespace: 'Demo', actions: { person: [{ name: 'get', len: 1 }] } };

describe('Ext Direct descriptor', () => {
  it('makes a namespace of any API name', () => {
    assert.equal(namespaceOf('persons'), 'persons');
    assert.equal(namespaceOf('my-api/v1'), 'my_api_v1');
    assert.equal(namespaceOf('2fa'), '_2fa');
    assert.equal(namespaceOf('///'), 'Api');
  });

  it('accepts only dotted JavaScript names where they are written into code', () => {
    assert.equal(checkJsPath('namespace', 'Ext.app'), 'Ext.app');
    for (const bad of ['', 'a-b', 'a..b', '1a', 'a;alert(1)', 'a.']) assert.throws(() => checkJsPath('namespace', bad), /dotted JavaScript name/);
  });

  it('the script creates the namespace and assigns the descriptor', () => {
    const made: string[] = [];
    const ctx: Record<string, Record<string, unknown>> = {};
    const sandbox = { Ext: { ns: (n: string) => made.push(n) }, Demo: ctx };
    vm.runInNewContext(descriptorScript(descriptor, 'Demo.REMOTING_API'), sandbox);
    assert.deepEqual(made, ['Demo']);
    assert.deepEqual(JSON.parse(JSON.stringify(ctx.REMOTING_API)), descriptor);
    const bare: Record<string, unknown> = {};
    vm.runInNewContext(descriptorScript(descriptor, 'API'), bare);
    assert.deepEqual(JSON.parse(JSON.stringify(bare.API)), descriptor);
  });
});
