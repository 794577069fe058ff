import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expose } from '../../api/expose.ts';
import { root } from '../../api/root.ts';
import { SwitchboardError } from '../../errors/index.ts';
import { compileApi } from '../../runtime/compile.ts';
import { t } from '../../schema/types.ts';
import { paramsReader } from './params.ts';

const api = compileApi(
  root({
    controllers: {
      f: expose({ args: { a: t.integer(), b: t.string({ default: 'x' }), c: t.optional(t.boolean()) } }, () => undefined),
    },
  }),
);
const read = paramsReader(api.byName.get('f')!);
const fails = (params: unknown, code: string, message: RegExp) =>
  assert.throws(
    () => read(params),
    (e: unknown) => e instanceof SwitchboardError && e.code === code && message.test(e.message),
  );

describe('paramsReader', () => {
  it('reads by position, in argument order, filling defaults', () => {
    assert.deepEqual(read([1]), { a: 1, b: 'x' });
    assert.deepEqual(read([1, 'y', true]), { a: 1, b: 'y', c: true });
  });

  it('reads by name, filling defaults and leaving optional ones out', () => {
    assert.deepEqual(read({ a: 2 }), { a: 2, b: 'x' });
    assert.deepEqual(read({ c: false, a: 3 }), { a: 3, b: 'x', c: false });
  });

  it('names the argument at fault', () => {
    fails(undefined, 'SB_MISSING_ARGUMENT', /"a"/);
    fails([], 'SB_MISSING_ARGUMENT', /"a"/);
    fails({ b: 'y' }, 'SB_MISSING_ARGUMENT', /"a"/);
    fails({ a: 1, z: 1 }, 'SB_UNKNOWN_ARGUMENT', /"z"/);
    fails([1, 'y', 'maybe'], 'SB_INVALID_INPUT', /attribute c\b/);
    fails({ a: [] }, 'SB_INVALID_INPUT', /attribute a\b/);
    fails([1, 'y', true, 4], 'SB_TOO_MANY_ARGUMENTS', /f takes at most 3, 4 given/);
  });
});
