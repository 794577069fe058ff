import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SwitchboardError } from '../../errors/index.ts';
import { parseFields, select, shapeJson, shapingOf } from './partial.ts';

const BOTH = { fields: true, prettyPrint: true };
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof SwitchboardError ? `${e.code}: ${e.message}` : String(e);
  }
  return 'no error';
};

describe('rest/partial: Google partial responses', () => {
  it('keeps the named members, inside objects and lists', () => {
    const v = {
      kind: 'k',
      items: [
        { id: '1', title: 't', author: { name: 'a', email: 'e' } },
        { id: '2', title: 'u' },
      ],
      nextPageToken: 'n',
    };
    assert.deepEqual(select(v, parseFields('items(id,author/name),nextPageToken')), {
      items: [{ id: '1', author: { name: 'a' } }, { id: '2' }],
      nextPageToken: 'n',
    });
    assert.deepEqual(select(v, parseFields('items/title')), { items: [{ title: 't' }, { title: 'u' }] });
    assert.deepEqual(select(v, parseFields('items/author/*')), { items: [{ author: { name: 'a', email: 'e' } }, {}] });
    assert.deepEqual(select(v, parseFields('*')), v);
    // A list answer: the selection applies to each item.
    assert.deepEqual(select([{ a: 1, b: 2 }], parseFields('a')), [{ a: 1 }]);
  });

  it('merges paths into one member (a/b,a/c is a(b,c)); keeping all of a member wins', () => {
    const v = { a: { b: 1, c: 2, d: 3 } };
    assert.deepEqual(select(v, parseFields('a/b,a/c')), { a: { b: 1, c: 2 } });
    assert.deepEqual(select(v, parseFields('a/b,a')), v);
    assert.deepEqual(select(v, parseFields('a,a/b')), v);
    assert.deepEqual(select(v, parseFields('a(b),a(c)')), { a: { b: 1, c: 2 } });
  });

  it('refuses a selector that does not parse, naming the problem', () => {
    const cases: [string, string | RegExp][] = [
      ['items(id', 'a "(" is not closed'],
      ['a,,b', 'unexpected "," at 3'],
      ['a/', 'it ends where a field name should be'],
      ['a)', 'unexpected ")" at 2'],
      ['ab*', '"ab*": * stands alone'],
      [`${'a('.repeat(40)}b${')'.repeat(40)}`, /nests deeper than 32 levels/],
      ['a,'.repeat(2000), /longer than 2048 characters/],
    ];
    for (const [fields, reason] of cases) {
      const said = code(() => parseFields(fields));
      if (typeof reason === 'string') assert.equal(said, `SB_BAD_FIELD_SELECTION: Invalid field selection: ${reason}`);
      else assert.match(said, reason);
    }
    assert.match(
      code(() => shapingOf('prettyPrint=yes', BOTH)),
      /prettyPrint is true or false, not "yes"/,
    );
  });

  it('reads only the parameters that are no argument of the function', () => {
    assert.equal(shapingOf('id=1', BOTH), undefined);
    assert.equal(shapingOf('prettyPrint=false', BOTH), undefined);
    assert.deepEqual(shapingOf('prettyPrint=true', BOTH), { fields: undefined, pretty: true });
    assert.equal(shapingOf('fields=a&prettyPrint=true', { fields: false, prettyPrint: false }), undefined);
    assert.equal(shapeJson('{"a":1,"b":"9007199254740993"}', shapingOf('fields=b&prettyPrint=1', BOTH)!), '{\n  "b": "9007199254740993"\n}');
  });
});
