/**
 * A service with one echo function per type, for checking that what the SOAP protocol sends
 * is what its WSDL's schema declares (xmllint) and what real clients read back.
 */
import { type FunctionDef, type RootDef, type TSchema, controller, expose, root, t } from '../../src/index.ts';

export const Color = t.enum(['red', 'green', 'blue'], { name: 'Color', description: 'A primary colour of light.' });

export const Address = t.complex('Address', { street: t.string(), zip: t.string({ maxLength: 10 }) }, { mandatory: ['street'] });

export const Kitchen = t.complex(
  'Kitchen',
  {
    name: t.string({ description: 'What it is called.' }),
    count: t.integer({ minimum: 0 }),
    big: t.int64(),
    ratio: t.number(),
    ok: t.boolean(),
    price: t.decimal(),
    day: t.date(),
    at: t.time(),
    when: t.datetime(),
    blob: t.binary(),
    color: Color,
    level: t.enum([1, 2, 3]),
    tags: t.array(t.string()),
    scores: t.dict(t.integer()),
    maybe: t.nullable(t.string()),
    home: Address,
    others: t.array(Address),
    grid: t.array(t.array(t.integer())),
  },
  { mandatory: ['name'], description: 'Every type at once.' },
);

/** One echo function per schema: `echo/<name>` takes `v` and returns it. */
export const echoed: Record<string, TSchema> = {
  string: t.string(),
  int: t.integer(),
  long: t.int64(),
  double: t.number(),
  bool: t.boolean(),
  decimal: t.decimal(),
  date: t.date(),
  time: t.time(),
  datetime: t.datetime(),
  binary: t.binary(),
  color: Color,
  level: t.enum([1, 2, 3]),
  strings: t.array(t.string()),
  ints: t.array(t.integer()),
  dict: t.dict(t.integer()),
  nullable: t.nullable(t.string()),
  bounded: t.integer({ minimum: 0, maximum: 10 }),
  short: t.string({ minLength: 1, maxLength: 5 }),
  kitchen: Kitchen,
  kitchens: t.array(Kitchen),
};

export function kitchenRoot(): RootDef {
  const echo: Record<string, FunctionDef> = {};
  for (const [name, schema] of Object.entries(echoed)) {
    echo[name] = expose({ args: { v: schema }, returns: schema, doc: `Returns its ${name} argument.` }, ({ v }) => v);
  }
  return root({
    webpath: 'ws',
    name: 'kitchen',
    doc: 'Echo functions for every type.',
    controllers: {
      echo: controller(echo),
      misc: controller({
        optional: expose(
          { args: { a: t.integer(), b: t.optional(t.string()), c: t.integer({ default: 7 }) }, returns: t.string() },
          ({ a, b, c }) => `${a}|${b ?? 'unset'}|${c}`,
        ),
        nothing: expose({ returns: t.nullable(t.string()) }, () => null),
        fail: expose({ returns: t.string() }, () => {
          throw new Error('boom: a secret detail');
        }),
        noResult: expose({}, () => undefined),
      }),
    },
  });
}
