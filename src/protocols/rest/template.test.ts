import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTemplate, trimSlashes } from './template.ts';

describe('rest/template', () => {
  it('parts keep static text with its slashes; the key forgets parameter names', () => {
    const cases: readonly (readonly [path: string, parts: string, key: string, names: string])[] = [
      ['/', "''", '', ''],
      ['/a/b/', "'a/b'", 'a/b', ''],
      ['/book/{id}', "'book/' {id}", 'book/{}', 'id'],
      ['/{id}', '{id}', '{}', 'id'],
      ['{a}/{b}', "{a} '/' {b}", '{}/{}', 'a,b'],
      ['/api/v1/res5/{id}/items/{itemId}', "'api/v1/res5/' {id} '/items/' {itemId}", 'api/v1/res5/{}/items/{}', 'id,itemId'],
      ['/files/{path*}', "'files/' {path*}", 'files/{*}', 'path'],
    ];
    for (const [path, parts, key, names] of cases) {
      const t = parseTemplate(path, 'r');
      const shown = t.parts.map((p) => (p.kind === 'static' ? `'${p.text}'` : p.kind === 'param' ? `{${p.name}}` : `{${p.name}*}`)).join(' ');
      assert.equal(shown, parts, path);
      assert.equal(t.key, key, path);
      assert.equal(t.names.join(','), names, path);
      assert.equal(t.forms.length, 1, path);
    }
  });

  it('non-ASCII static text has a percent-encoded canonical form and its literal one', () => {
    const t = parseTemplate('/café/{x}', 'r');
    assert.equal(t.key, 'caf%C3%A9/{}');
    assert.deepEqual(
      t.forms.map((f) => f[0]),
      [
        { kind: 'static', text: 'caf%C3%A9/' },
        { kind: 'static', text: 'café/' },
      ],
    );
    assert.equal(parseTemplate('/caf%C3%A9', 'r').key, parseTemplate('/café', 'r').key);
  });

  it('trimSlashes removes leading and trailing slashes only', () => {
    assert.equal(trimSlashes('//a//b//'), 'a//b');
    assert.equal(trimSlashes('///'), '');
    assert.equal(trimSlashes('a'), 'a');
  });
});
