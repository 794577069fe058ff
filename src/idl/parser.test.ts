// The parser: both spellings where the pages and entity-compiler's grammar differ, spans on
// nodes, and no input that makes it throw or loop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileEdl } from './compile.ts';
import { parse } from './parser.ts';

const codes = (text: string) => parse(text, 'x.edl').diagnostics.list.map((d) => d.code);

describe('EDL parser', () => {
  const SPELLINGS: [string, string][] = [
    ['path (pages)', 'interface I { operation O { request { method GET path "/a/{id}" { param int64 id } } } }'],
    ['endpoint (grammar)', 'interface I { operation O { request { method GET endpoint "/a/{id}" { param int64 id } } } }'],
    ['dotted view (pages)', 'interface I { operation O { response { body { view Book.Simple } } } }'],
    ['one-word view (grammar)', 'interface I { operation O { response { body { view Simple } } } }'],
    ['typed argument (pages)', 'interface I { abstract operation O { config { argument int32 defaultLimit } } }'],
    ['kind argument with default (grammar)', 'interface I { abstract operation O { config { argument view v = Full { D "x" } } } }'],
    ['include attributes { } (pages)', 'entity E { view V { include attributes { a, b } } }'],
    [
      'attributes { include (…) } (grammar)',
      'entity E { view V { attributes { include (a, b) exclude creation } relationships { include to-one with view R } } }',
    ],
    ['D kinds and T tags', 'entity E { D summary, detail "s" T "tag", "k" = "v" }'],
    ['status if condition', 'interface I { operation O { response { status 404 if x > 3 { D "x" } } } }'],
    ['extending config with a label', 'domain D { entity E { interface I { operation O extends A { config c { x = 1 y = "s" z = 2.5 } } } } }'],
    [
      'modules, enums, typedefs, units',
      'module M { entity E { } enum C { A = 1 B = 2 } typedef int32 Flags { (1) a (3) unused } } units { m { abbr "m" } km extends m { multiplier 1000.0 } }',
    ],
    ['skipped top-level constructs', 'configuration C { output x { path "p" } } language L { types { } } space S { namespace a.b }'],
    ['comments and quoted identifiers', "// line\n/* block */ entity 'Odd Name' { }"],
  ];
  for (const [name, text] of SPELLINGS) it(`accepts ${name}`, () => assert.deepEqual(codes(text), []));

  it('keeps spans: an operation name points at its text', () => {
    const text = 'interface I {\n  operation GetThing { }\n}';
    const op = parse(text).file.interfaces[0].operations[0];
    assert.equal(text.slice(op.name.pos, op.name.end), 'GetThing');
    assert.equal(text.slice(op.pos, op.end), 'operation GetThing { }');
  });

  it('reports every error of a file, not only the first', () => {
    assert.deepEqual(codes('entity A { attributes { int32 = } }\nentity B { weird }\nentity C { D nope }'), ['EDL004', 'EDL004', 'EDL004', 'EDL006', 'EDL004']);
  });

  it('gives a missing name as a missing node and goes on', () => {
    const { file, diagnostics } = parse('entity { primarykey int64 id }');
    assert.equal(file.entities[0].name.missing, true);
    assert.equal(file.entities[0].primaryKey?.name.text, 'id');
    assert.deepEqual(
      diagnostics.list.map((d) => d.message),
      ["unexpected '{': expected an entity name"],
    );
  });

  it('never throws nor loops, whatever the input', () => {
    const pieces = fc.constantFrom(
      'entity',
      'interface',
      'operation',
      'abstract',
      'request',
      'path',
      'inherited',
      '{',
      '}',
      '(',
      ')',
      '"s',
      '"/x/{id}"',
      '=',
      'view',
      'D',
      '$(',
      ']=]',
      'param',
      'int64',
      'x',
      '\n',
      '/*',
      '//',
      '.',
      ',',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join(' ');
        compileEdl({ path: 'fuzz.edl', text });
      }),
      { numRuns: 300 },
    );
  });
});
