/** The one binder: the same rules for every protocol's raw arguments. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { controller } from '../api/controller.ts';
import { expose } from '../api/expose.ts';
import { root } from '../api/root.ts';
import { SwitchboardError } from '../errors/index.ts';
import { t } from '../schema/types.ts';
import { parseXml } from '../schema/xmltext.ts';
import { compileApi } from './compile.ts';
import { rejects } from '../errors/rejects.testing.ts';

const Inner = t.complex('Inner', { aint: t.integer(), astr: t.string() }, { mandatory: ['aint'] });
const api = compileApi(
  root({
    controllers: {
      f: expose({ args: { id: t.integer(), p: t.optional(Inner) } }, () => undefined),
      g: expose({ args: { a: t.integer(), n: t.nullable(t.string()), tags: t.optional(t.array(t.string())) } }, () => undefined),
      c: controller({}),
    },
  }),
);
const f = api.byName.get('f')!.binder;
const g = api.byName.get('g')!.binder;

describe('xml arguments (SOAP operations, REST+XML bodies)', () => {
  const read = (text: string) => f.elements({}, parseXml(text));
  test('children of any root are arguments', () => {
    assert.deepEqual(read('<parameters><id>1</id></parameters>'), { id: 1 });
    assert.deepEqual(read('<anything><p><aint>2</aint></p><id>3</id></anything>'), { id: 3, p: { aint: 2 } });
    assert.deepEqual(read('<parameters/>'), {});
  });
  test('unknown and repeated arguments', () => {
    rejects(() => read('<parameters><nope>1</nope></parameters>'), 'Unknown argument: "nope"', 'SB_UNKNOWN_ARGUMENT');
    rejects(() => read('<parameters><__proto__>1</__proto__></parameters>'), /Unknown argument: "__proto__"/, 'SB_UNKNOWN_ARGUMENT');
    rejects(() => read('<parameters><id>1</id><id>2</id></parameters>'), /id was given several times/, 'SB_DUPLICATE_ARGUMENT');
    rejects(() => read('<parameters><id>x</id></parameters>'), /field\/attribute id\. Value: 'x'/);
  });
});

describe('positional and named arguments (JSON-RPC, the WebSocket, Ext Direct)', () => {
  test('positional: in declaration order; too many refused; not a list refused', () => {
    assert.deepEqual(g.positional({}, [1, null], 'json'), { a: 1, n: null });
    rejects(() => g.positional({}, [1, null, [], 4], 'json'), 'Too many arguments: g takes at most 3, 4 given', 'SB_TOO_MANY_ARGUMENTS');
    rejects(() => g.positional({}, { a: 1 }, 'json'), 'g takes its arguments as a list, in declaration order', 'SB_ARGUMENTS_NOT_LIST');
  });
  test('positional with nullLeavesOut: null leaves out what cannot hold null', () => {
    assert.deepEqual(g.positional({}, [null, null], 'json', true), { n: null });
  });
  test('named: unknown names refused, inherited names unknown, undefined members left out', () => {
    assert.deepEqual(g.named({}, { a: 2, n: undefined }, 'json'), { a: 2 });
    rejects(() => g.named({}, { a: 2, b: 3 }, 'json'), 'Unknown argument: "b"', 'SB_UNKNOWN_ARGUMENT');
    rejects(() => g.named({}, { constructor: 1 }, 'json'), 'Unknown argument: "constructor"', 'SB_UNKNOWN_ARGUMENT');
    rejects(() => g.named({}, [1], 'json'), 'g takes its arguments as one object naming them', 'SB_ARGUMENTS_NOT_OBJECT');
  });
  test('two sources giving one argument: given several times', () => {
    const into = g.named({}, { a: 1 }, 'json');
    rejects(() => g.put(into, 'a', '2', 'text'), 'Parameter a was given several times', 'SB_DUPLICATE_ARGUMENT');
    rejects(() => g.place(into, 'a', 2), 'Parameter a was given several times', 'SB_DUPLICATE_ARGUMENT');
  });
  test('the same value through each codec', () => {
    assert.deepEqual(g.put({}, 'a', '7', 'text') ?? g.named({}, { a: 7 }, 'json'), g.named({}, { a: 7 }, 'json'));
    const viaText: Record<string, unknown> = {};
    g.put(viaText, 'a', '7', 'text');
    const viaXml: Record<string, unknown> = {};
    g.put(viaXml, 'a', parseXml('<a>7</a>'), 'xml');
    assert.deepEqual(viaText, { a: 7 });
    assert.deepEqual(viaXml, { a: 7 });
  });
  test('complete: defaults (a fresh copy each time), then the first missing argument', () => {
    const h = compileApi(root({ controllers: { h: expose({ args: { tags: { ...t.array(t.string()), default: ['x'] } } }, () => undefined) } })).byName.get(
      'h',
    )!.binder;
    const one = h.complete({});
    const two = h.complete({});
    assert.deepEqual(one, { tags: ['x'] });
    assert.notEqual(one.tags, two.tags);
    rejects(() => g.complete({ n: null }), 'Missing argument: "a"', 'SB_MISSING_ARGUMENT');
    rejects(() => f.complete({}), 'Missing argument: "id"', 'SB_MISSING_ARGUMENT');
  });
});

describe('field errors of every argument', () => {
  const Person = t.complex('Person', { firstname: t.string(), lastname: t.string(), age: t.integer() }, { mandatory: ['firstname', 'lastname'] });
  const b = compileApi(root({ controllers: { u: expose({ args: { id: t.integer(), p: Person }, returns: t.integer() }, () => 1) } })).byName.get('u')!.binder;
  const paths = (e: SwitchboardError) => e.fields?.map((f) => f.path);
  const failure = (f: () => unknown): SwitchboardError => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof SwitchboardError);
      return e;
    }
    assert.fail('no error');
  };

  test('XML: the first bad value is named; the field errors of every argument are listed', () => {
    const e = failure(() => b.elements({}, parseXml('<parameters><id>x</id><p><age>y</age></p><other/></parameters>')));
    assert.equal(e.message, "Invalid input for field/attribute id. Value: 'x'. unable to convert to int");
    assert.deepEqual(paths(e), ['id', 'p.age', 'p.firstname', 'p.lastname', 'other']);
  });

  test('JSON, named and positional alike', () => {
    const named = failure(() => b.named({}, { id: 'x', p: { age: 'y', firstname: 'a', lastname: 'b' } }, 'json'));
    assert.deepEqual(paths(named), ['id', 'p.age']);
    const positional = failure(() => b.positional({}, ['x', { firstname: 'a' }], 'json'));
    assert.deepEqual(paths(positional), ['id', 'p.lastname']);
  });

  test('before a bad value, an unknown argument is refused at once', () => {
    const e = failure(() => b.named({}, { nope: 1, id: 'x' }, 'json'));
    assert.equal(e.code, 'SB_UNKNOWN_ARGUMENT');
  });
});
