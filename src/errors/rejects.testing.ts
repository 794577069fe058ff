/** The assertion the codec and binder tests share (test code: the build leaves `*.testing.ts` out): `f` throws a Client error (400) with this message and code. */
import assert from 'node:assert/strict';
import { SwitchboardError } from './errors.ts';

export function rejects(f: () => unknown, message: string | RegExp, code = 'SB_INVALID_INPUT'): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof SwitchboardError, `not a SwitchboardError: ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.code, code);
    assert.equal(e.kind, 'client');
    assert.equal(e.status, 400);
    return true;
  });
}
