import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { type ParamsBuilder, paramsBuilder } from './params.ts';

describe('rest/params', () => {
  it('builds the params object in path order, one builder per list of names', () => {
    const cache = new Map<string, ParamsBuilder>();
    const two = paramsBuilder(['id', 'itemId'], cache);
    assert.deepEqual(two(['7', 'x']), { id: '7', itemId: 'x' });
    assert.deepEqual(Object.keys(two(['7', 'x'])), ['id', 'itemId']);
    assert.equal(paramsBuilder(['id', 'itemId'], cache), two);
    assert.notEqual(paramsBuilder(['id'], cache), two);
    // Every call is a fresh object: callers may keep or change theirs.
    assert.notEqual(two(['a', 'b']), two(['a', 'b']));
    assert.deepEqual(paramsBuilder(['constructor', 'toString'], cache)(['a', 'b']), { constructor: 'a', toString: 'b' });
  });

  it('with code generation refused, a loop gives the same objects', () => {
    const script = `
      import { paramsBuilder } from './src/protocols/rest/params.ts';
      let gen = 'allowed';
      try { new Function('return 1'); } catch { gen = 'refused'; }
      console.log(JSON.stringify({ gen, p: paramsBuilder(['id', 'itemId'], new Map())(['7', 'x']) }));`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../../..', import.meta.url),
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out), { gen: 'refused', p: { id: '7', itemId: 'x' } });
  });
});
