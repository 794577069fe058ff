import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { t } from './types.ts';
import { JsonSchemaWriter } from './jsonschema.ts';

describe('JsonSchemaWriter', () => {
  it('writes scalars with their bounds and annotations, no TypeBox internals', () => {
    const w = new JsonSchemaWriter();
    assert.deepEqual(w.write(t.string({ minLength: 1, maxLength: 5, pattern: '[a-z]+', description: 'd' })), {
      type: 'string',
      minLength: 1,
      maxLength: 5,
      pattern: '[a-z]+',
      description: 'd',
    });
    assert.deepEqual(w.write(t.integer({ minimum: 0, default: 3 })), { type: 'integer', minimum: 0, default: 3 });
    assert.deepEqual(w.write(t.int64()), { type: 'integer', format: 'int64' });
    assert.deepEqual(w.write(t.binary()), { type: 'string', contentEncoding: 'base64' });
    assert.deepEqual(w.write(t.date()), { type: 'string', format: 'date' });
    assert.deepEqual(w.write(t.time()), { type: 'string', format: 'time' });
    assert.deepEqual(w.write(t.array(t.boolean(), { maxItems: 2 })), { type: 'array', items: { type: 'boolean' }, maxItems: 2 });
    assert.deepEqual(w.write(t.enum([1, 2])), { type: 'integer', enum: [1, 2] });
    assert.deepEqual(w.write(Type.Null()), { type: 'null' });
    assert.deepEqual(w.components, {});
  });

  it('puts a named type in components once and refers to it', () => {
    const w = new JsonSchemaWriter();
    const A = t.complex('A', { x: t.integer() }, { mandatory: ['x'], description: 'An A.' });
    assert.deepEqual(w.write(A), { $ref: '#/components/schemas/A' });
    assert.deepEqual(w.write(t.array(A)), { type: 'array', items: { $ref: '#/components/schemas/A' } });
    assert.deepEqual(w.components.A, {
      title: 'A',
      type: 'object',
      properties: { x: { type: 'integer' } },
      required: ['x'],
      additionalProperties: false,
      description: 'An A.',
    });
  });

  it('gives two different types of one name two keys', () => {
    const w = new JsonSchemaWriter();
    w.write(t.complex('P', { a: t.integer() }));
    w.write(t.complex('P', { b: t.integer() }));
    w.write(t.complex('a b', {}));
    assert.deepEqual(Object.keys(w.components), ['P', 'P_2', 'a_b']);
  });
});
