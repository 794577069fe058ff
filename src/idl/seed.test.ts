// The seed's examples (src/idl/seed/NN.edl, verbatim, numbered in the seed's order), compiled
// with prelude.edl — what they lean on but do not declare. Fragments (a `method`, a `config`)
// are compiled in the block the seed shows them in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileEdl } from './compile.ts';
import { diagnosticLine } from './format.ts';
import { lineMap } from './position.ts';

const DIR = join(import.meta.dirname, 'seed');
const read = (n: string) => readFileSync(join(DIR, `${n}.edl`), 'utf8');
const prelude = { path: 'prelude.edl', text: read('prelude') };

const WRAP = {
  file: (s: string) => s,
  request: (s: string) => `interface RestAPI { abstract operation Op { request {\n${s}\n} } }\n`,
  response: (s: string) => `interface RestAPI { abstract operation Op { response {\n${s}\n} } }\n`,
  operation: (s: string) => `interface RestAPI { abstract operation Op {\n${s}\n} }\n`,
  extended: (s: string) => `domain RestDomain { entity Book { interface RestAPI {\n${s}\n} } }\n`,
};

function compile(n: string, wrap: keyof typeof WRAP) {
  const text = WRAP[wrap](read(n));
  const c = compileEdl([prelude, { path: `${n}.edl`, text }]);
  const map = lineMap(text);
  assert.deepEqual(
    c.diagnostics.filter((d) => d.file === 'prelude.edl'),
    [],
  );
  return { ...c, lines: c.diagnostics.map((d) => diagnosticLine(d, map)) };
}

const CLEAN: [string, keyof typeof WRAP][] = [
  ['01', 'file'],
  ['03', 'request'],
  ['04', 'request'],
  ['05', 'request'],
  ['06', 'request'],
  ['09', 'response'],
  ['10', 'file'],
  ['11', 'operation'],
  ['12', 'file'],
  ['13', 'operation'],
  ['14', 'extended'],
  ['16', 'request'],
  ['19', 'operation'],
  ['20', 'extended'],
  ['21', 'extended'],
];

describe('the seed examples', () => {
  for (const [n, wrap] of CLEAN) {
    it(`example ${n} compiles without a diagnostic`, () => assert.deepEqual(compile(n, wrap).lines, []));
  }

  it('example 02 (GetBookById): the ]=] typo and the /book/(id) path, and nothing else', () => {
    assert.deepEqual(compile('02', 'file').lines, [
      '02.edl:5:25 - error EDL032: (id) is not a path parameter: path parameters are written {id}',
      '02.edl:6:29 - error EDL030: path parameter id is declared but absent from the path "/book/(id)"',
      `02.edl:6:34 - error EDL004: unexpected ']=]': expected a description (D "…") or '}'`,
    ]);
  });

  it('example 02 corrected (D for ]=], {id} for (id)) compiles clean, its binding as written', () => {
    const text = read('02').replace(']=]', 'D').replace('(id)', '{id}');
    const c = compileEdl([prelude, { path: '02.edl', text }]);
    assert.deepEqual(c.diagnostics, []);
    const op = c.program.operations.find((o) => o.name === 'GetBookById')!;
    assert.equal(op.method, 'GET');
    assert.equal(op.path, '/book/{id}');
    assert.deepEqual(
      op.params.map((p) => [p.name, p.in, p.type]),
      [
        ['id', 'path', { kind: 'primitive', name: 'int64' }],
        ['includeDescription', 'query', { kind: 'primitive', name: 'boolean' }],
      ],
    );
    assert.deepEqual(op.params[0].doc, 'The ID of the book object.');
    assert.deepEqual(op.responseBody, {
      type: { kind: 'object', name: 'BookSimple' },
      contentType: 'application/json',
      doc: 'The book object is returned here.',
    });
    assert.deepEqual(op.statuses, [{ code: 200, doc: 'The user successfully got the book object by its ID.' }]);
  });

  it('examples 15 and 17: an unterminated path string is reported at its start and recovered at the line end', () => {
    assert.deepEqual(compile('15', 'request').lines, ['15.edl:2:7 - error EDL001: unterminated string']);
    assert.deepEqual(compile('17', 'request').lines, ['17.edl:2:7 - error EDL001: unterminated string']);
  });

  it('examples 07 and 08 (CreateBook, GetBook) are partial: they declare no path (08 no method either)', () => {
    assert.deepEqual(compile('07', 'file').lines, ['07.edl:4:24 - error EDL037: operation CreateBook declares no request path']);
    assert.deepEqual(compile('08', 'file').lines, [
      '08.edl:4:24 - error EDL036: operation GetBook declares no request method',
      '08.edl:4:24 - error EDL037: operation GetBook declares no request path',
    ]);
  });

  it('example 18 alone (GetObjects outside any interface) has no request', () => {
    assert.deepEqual(compile('18', 'file').lines, [
      '18.edl:1:12 - error EDL036: operation GetObjects declares no request method',
      '18.edl:1:12 - error EDL037: operation GetObjects declares no request path',
    ]);
  });

  it('parameterised strings render as the seed shows: /api/book/{id}, /api/training-plan/{id}, "Gets a list of Book objects."', () => {
    const text = `domain RestDomain {
  entity Book { interface RestAPI { operation GetBook extends GetById { } operation GetBooks extends GetObjects { } } }
  entity TrainingPlan { interface RestAPI { operation GetTrainingPlan extends GetById { } } }
}\n`;
    const c = compileEdl([prelude, { path: 'x.edl', text }]);
    assert.deepEqual(c.diagnostics, []);
    const by = new Map(c.program.operations.map((o) => [o.name, o]));
    assert.equal(
      by.get('GetBook')?.path,
      read('16')
        .trim()
        .replace(/^path "|"$/g, ''),
    );
    assert.equal(by.get('GetTrainingPlan')?.path, '/api/training-plan/{id}');
    assert.equal(
      by.get('GetBooks')?.doc,
      read('19')
        .trim()
        .replace(/^D "|"$/g, ''),
    );
  });

  it('example 14: the config sets the domain and view by kind, and the limit default', () => {
    const c = compileEdl([prelude, { path: '14.edl', text: WRAP.extended(read('14')) }]);
    const op = c.program.operations.find((o) => o.name === 'GetBooks')!;
    assert.deepEqual(op.params, [{ name: 'limit', in: 'query', type: { kind: 'primitive', name: 'int32' }, hasDefault: true, default: 20, doc: undefined }]);
    assert.deepEqual(op.responseBody?.type, { kind: 'array', items: { kind: 'object', name: 'BookFeedCell' } });
  });

  it('example 21: path inherited adds the sortByName query parameter', () => {
    const c = compileEdl([prelude, { path: '21.edl', text: WRAP.extended(read('21')) }]);
    const op = c.program.operations.find((o) => o.name === 'GetBooks')!;
    assert.equal(op.path, '/api/book');
    assert.deepEqual(
      op.params.map((p) => [p.name, p.in, p.default]),
      [
        ['limit', 'query', 10],
        ['sortByName', 'query', undefined],
      ],
    );
    assert.equal(op.params[1].doc, 'When set to true, the returned list of books are sorted by their name.');
  });
});
