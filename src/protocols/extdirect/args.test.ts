import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expose } from '../../api/expose.ts';
import { root } from '../../api/root.ts';
import { SwitchboardError } from '../../errors/index.ts';
import { compileApi } from '../../runtime/compile.ts';
import { t } from '../../schema/types.ts';
import { holdsInt64 } from '../../schema/int64.ts';
import { CallArgs } from './args.ts';

const api = compileApi(
  root({
    controllers: {
      f: expose({ args: { a: t.integer(), n: t.nullable(t.string()), opt: t.optional(t.string()) } }, () => undefined),
      up: expose({ args: { title: t.string(), file: t.binary(), maybe: t.nullable(t.binary()) } }, () => undefined),
    },
  }),
);
const f = api.byName.get('f')!;
const up = api.byName.get('up')!;

function fails(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof SwitchboardError && e.isClient && pattern.test(e.message));
}

describe('Ext Direct argument readers', () => {
  it('positional: values by position; null leaves out what cannot hold null', () => {
    const args = new CallArgs(f, 'positional');
    assert.deepEqual(args.fromData([1, null, null]), { a: 1, n: null });
    assert.deepEqual(args.fromData([1]), { a: 1 });
    assert.deepEqual(args.fromData(null), {});
    fails(() => args.fromData([1, null, 'x', 'y']), /Too many arguments: f takes at most 3, 4 given/);
    fails(() => args.fromData({ a: 1 }), /takes its arguments as a list/);
    fails(() => args.fromData(['one']), /field\/attribute a/);
  });

  it('named: one object (or Ext JS 4 `[object]`); unknown names refused', () => {
    const args = new CallArgs(f, 'named');
    assert.deepEqual(args.fromData({ a: 2, n: null }), { a: 2, n: null });
    assert.deepEqual(args.fromData([{ a: 2 }]), { a: 2 });
    fails(() => args.fromData({ a: 2, b: 3 }), /Unknown argument: "b"/);
    fails(() => args.fromData([1, 2]), /takes its arguments as one object/);
    fails(() => args.fromData({ __proto__: { a: 1 }, constructor: 1 }), /Unknown argument: "constructor"/);
  });

  it('forms: text fields through the text codec, files into binary arguments only', () => {
    const args = new CallArgs(up, 'named');
    const file = { name: 'file', filename: 'a.bin', contentType: 'application/octet-stream', data: new Uint8Array([1, 2]) };
    assert.deepEqual(args.fromForm([['title', 'T']], [file]), { title: 'T', file: new Uint8Array([1, 2]) });
    assert.deepEqual(args.fromForm([], [{ ...file, name: 'maybe' }]), { maybe: new Uint8Array([1, 2]) });
    assert.deepEqual(args.fromForm([], [{ ...file, filename: '', data: new Uint8Array() }]), {});
    fails(() => args.fromForm([], [{ ...file, name: 'title' }]), /does not take a file/);
    fails(() => args.fromForm([], [{ ...file, name: 'other' }]), /Unknown argument: "other"/);
    fails(() => args.fromForm([['file', 'AQI=']], [file]), /several times/);
    fails(() => args.fromForm([['nope', 'x']], []), /Unknown argument: "nope"/);
  });

  it('finds int64 anywhere in a schema', () => {
    assert.equal(holdsInt64(t.array(t.dict(t.nullable(t.int64())))), true);
    assert.equal(holdsInt64(t.complex('C', { a: t.string() })), false);
  });
});
