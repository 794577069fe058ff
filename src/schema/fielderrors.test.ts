import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type FieldError, SwitchboardError } from '../errors/index.ts';
import { parsePairs, pairsToTree } from './form.ts';
import { MAX_FIELD_ERRORS } from './fielderrors.ts';
import { jsonDecoder } from './json.ts';
import { textDecoder } from './text.ts';
import { t } from './types.ts';
import { xmlDecoder } from './xml.ts';
import { parseXml } from './xmltext.ts';

const Pet = t.complex('Pet', { name: t.string(), legs: t.integer() }, { mandatory: ['name'] });
const Person = t.complex(
  'Person',
  { firstname: t.string(), lastname: t.string(), age: t.integer({ minimum: 0 }), hobbies: t.array(t.integer()), pets: t.array(Pet), tags: t.dict(t.integer()) },
  { mandatory: ['firstname', 'lastname'] },
);

/** The error a decoder throws, which must be a Client one. */
function failure(f: () => unknown): SwitchboardError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof SwitchboardError, String(e));
    assert.equal(e.kind, 'client');
    return e;
  }
  assert.fail('did not throw');
}

const paths = (fields: readonly FieldError[] | undefined) => fields?.map((f) => f.path);

describe('field errors: every bad field listed, the first named by the message', () => {
  test('JSON', () => {
    const e = failure(() =>
      jsonDecoder(Person)(
        { firstname: 'Ada', age: -1, hobbies: [1, 2, 'three', 'four'], pets: [{ legs: 4 }, { name: 'Rex', legs: 'x' }], tags: { a: 1, b: 'z' } },
        'p',
      ),
    );
    assert.equal(e.code, 'SB_MISSING_ATTRIBUTE');
    assert.equal(e.message, 'Mandatory attribute missing: p.lastname');
    assert.deepEqual(paths(e.fields), ['p.lastname', 'p.age', 'p.hobbies[2]', 'p.hobbies[3]', 'p.pets[0].name', 'p.pets[1].legs', 'p.tags[b]']);
    assert.deepEqual(e.fields?.[0], { path: 'p.lastname', message: 'Mandatory attribute missing: p.lastname' });
    assert.deepEqual(e.fields?.[2], {
      path: 'p.hobbies[2]',
      message: "Invalid input for field/attribute p.hobbies[2]. Value: 'three'. unable to convert to int",
    });
    assert.equal(e.fields?.[1].message, "Invalid input for field/attribute p.age. Value: '-1'. Value should be greater or equal to 0");
  });

  test('JSON: the message is the first error, as before; unknown attributes and structure errors are listed too', () => {
    const e = failure(() => jsonDecoder(Person)({ firstname: 1, lastname: 'L', x: 1, hobbies: 'no' }, 'p'));
    assert.equal(e.message, 'Unknown attribute for argument p: x');
    assert.deepEqual(paths(e.fields), ['p', 'p.firstname', 'p.hobbies']);
    const n = failure(() => jsonDecoder(Person)(null, 'p'));
    assert.deepEqual(n.fields, [{ path: 'p', message: n.message }]);
  });

  test('text / form (WSME complex notation)', () => {
    const tree = pairsToTree(parsePairs('p.firstname=Ada&p.age=x&p.hobbies=1&p.hobbies=two&p.hobbies=3&p.hobbies=four&p.pets[0].legs=4'));
    const e = failure(() => textDecoder(Person)(tree.p, 'p'));
    assert.equal(e.message, 'Mandatory attribute missing: p.lastname');
    assert.deepEqual(paths(e.fields), ['p.lastname', 'p.age', 'p.hobbies[1]', 'p.hobbies[3]', 'p.pets[0].name']);
  });

  test('XML', () => {
    const el = parseXml(
      '<p><firstname>Ada</firstname><age>x</age><hobbies><item>1</item><item>two</item><item>3</item></hobbies><pets><item><legs>4</legs></item></pets><tags><item><key>a</key><value>b</value></item></tags><zzz/></p>',
    );
    const e = failure(() => xmlDecoder(Person)(el, 'p'));
    // The XML decoder reads children in document order, unknown and missing ones after.
    assert.equal(e.message, "Invalid input for field/attribute p.age. Value: 'x'. unable to convert to int");
    assert.deepEqual(paths(e.fields), ['p.age', 'p.hobbies[1]', 'p.pets[0].name', 'p.tags[a]', 'p', 'p.lastname']);
    const missing = failure(() => xmlDecoder(Person)(parseXml('<p><lastname>L</lastname></p>'), 'p'));
    assert.equal(missing.message, 'Mandatory attribute missing: p.firstname');
    assert.equal(missing.code, 'SB_MISSING_ATTRIBUTE');
  });

  test('at most 20 are listed', () => {
    const e = failure(() =>
      jsonDecoder(t.array(t.integer()))(
        Array.from({ length: 50 }, (_, i) => `x${i}`),
        'v',
      ),
    );
    assert.equal(e.fields?.length, MAX_FIELD_ERRORS);
    assert.equal(e.fields?.[0].path, 'v[0]');
    assert.equal(e.fields?.[19].path, 'v[19]');
  });

  test('a good value decodes as before; any Client error lists at least itself', () => {
    assert.deepEqual(jsonDecoder(Person)({ firstname: 'A', lastname: 'L', hobbies: [1] }, 'p'), { firstname: 'A', lastname: 'L', hobbies: [1] });
    const dup = failure(() => textDecoder(t.integer())(['1', '2'], 'n'));
    assert.equal(dup.code, 'SB_DUPLICATE_ARGUMENT');
    assert.deepEqual(dup.fields, [{ path: 'n', message: dup.message }]);
  });

  test('recursive types are walked too', () => {
    const Node = t.recursive('Node', (self) => t.complex('Node', { name: t.string(), children: t.array(self) }, { mandatory: ['name'] }));
    const e = failure(() => jsonDecoder(Node)({ name: 'root', children: [{ name: 'a' }, { children: [{ name: 1 }] }] }, 'n'));
    assert.deepEqual(paths(e.fields), ['n.children[1].name', 'n.children[1].children[0].name']);
  });
});
