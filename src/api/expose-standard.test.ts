// Handler types inferred from Standard Schemas: checked by `tsc --noEmit` (the `@ts-expect-error`
// lines must be errors), and run to see the declarations convert.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { z } from 'zod';
import { shapeOf } from '../schema/describe.ts';
import { t } from '../schema/types.ts';
import { expose } from './expose.ts';

const Person = z.object({ name: z.string(), age: z.int().optional(), tags: z.array(z.string()).default([]) }).meta({ id: 'Person' });
const VPerson = v.object({ name: v.string(), born: v.optional(v.pipe(v.string(), v.isoDate())) });

describe('expose with Standard Schemas', () => {
  it('infers arguments and results from zod', () => {
    const def = expose({ args: { p: Person, note: z.string().optional(), n: z.number() }, returns: Person }, ({ p, note, n }) => {
      const name: string = p.name;
      const age: number | undefined = p.age;
      // A default makes the output always hold it.
      const tags: string[] = p.tags;
      const maybe: string | undefined = note;
      const count: number = n;
      // @ts-expect-error: age may be undefined
      const sure: number = p.age;
      // @ts-expect-error: note is a string, not a number
      const wrong: number | undefined = note;
      void [name, age, tags, maybe, count, sure, wrong];
      return { name, tags };
    });
    assert.equal(shapeOf(def.args.p!).k, 'complex');
  });

  it('refuses a result that does not fit the zod schema', () => {
    // @ts-expect-error: the result lacks name
    expose({ args: { p: Person }, returns: Person }, () => ({ tags: [] }));
    // @ts-expect-error: an argument that is not declared
    expose({ args: { p: Person } }, ({ q }) => q);
    // @ts-expect-error: the optional argument must be named optional in the handler's object too
    expose({ args: { note: z.string().optional() } }, (a: { note: string }) => a.note);
  });

  it('infers arguments and results from valibot, beside t schemas', () => {
    const def = expose({ args: { p: VPerson, id: t.integer() }, returns: v.array(VPerson) }, ({ p, id }) => {
      const born: string | undefined = p.born;
      const n: number = id;
      // @ts-expect-error: name is a string
      const bad: number = p.name;
      void [born, n, bad];
      return [p];
    });
    assert.equal(shapeOf(def.returns!).k, 'array');
    // @ts-expect-error: a valibot result of the wrong type
    expose({ returns: v.string() }, () => 1);
  });

  it('accepts Standard Schemas in the decorator form', () => {
    class Svc {
      @expose(z.string(), { args: { p: VPerson } })
      hello({ p }: { p: { name: string; born?: string | undefined } }) {
        return `hello ${p.name}`;
      }
    }
    assert.equal(typeof new Svc().hello, 'function');
  });
});
