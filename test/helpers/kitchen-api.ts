/**
 * An API that uses every part of the model documents describe: each scalar type, named and
 * nested types, path, query, header, member and whole-body arguments, a 201 and a 204, a
 * declared 404, documentation strings, and an auth policy (required, optional, with scopes)
 * enforced by a bearer-token step.
 */
import { ClientError, type StepContext, api, controller, expose, t } from '../../src/index.ts';

export const Colour = t.enum(['red', 'green'], { name: 'Colour' });
export const Everything = t.complex(
  'Everything',
  {
    s: t.string({ description: 'A string.' }),
    i: t.integer(),
    n: t.number(),
    big: t.int64(),
    yes: t.boolean(),
    price: t.decimal(),
    day: t.date(),
    at: t.time(),
    when: t.datetime(),
    bytes: t.binary(),
    colour: Colour,
    list: t.array(t.integer()),
    map: t.dict(t.string()),
    maybe: t.nullable(t.string()),
  },
  { mandatory: ['s'] },
);
export const Book = t.complex('Book', { id: t.integer(), title: t.string(), tags: t.array(t.string()) }, { mandatory: ['id', 'title'] });

/** The token the step accepts, and the scopes it grants. */
export const TOKEN = 'let-me-in';

/** Checks `Authorization: Bearer …` against the function's policy (`auth_level`, `scopes`). */
function bearer(ctx: StepContext, _args: unknown, target: { policy: Record<string, unknown> }): void {
  const level = target.policy.auth_level;
  if (level === undefined || level === 'none') return;
  const header = ctx.request.header('authorization');
  if (header === undefined) {
    if (level === 'optional') return;
    throw new ClientError('A bearer token is needed', { status: 401 });
  }
  if (header !== `Bearer ${TOKEN}`) throw new ClientError('The token is not valid', { status: 401 });
  ctx.principal = { subject: 'reader', scopes: ['books.read'] };
}

export function kitchenApi(basePath = '/kitchen/v1') {
  const books = new Map<number, { id: number; title: string; tags?: string[] }>([[1, { id: 1, title: 'Dune', tags: ['sf'] }]]);
  return api({
    name: 'kitchen',
    version: 'v1',
    basePath,
    doc: 'Every kind of thing a document describes.',
    verbs: 'strict',
    steps: [bearer],
    controllers: {
      types: controller({
        echo: expose({ args: { e: Everything }, returns: Everything, doc: 'Returns what it is given.' }, ({ e }) => e),
        scalars: expose(
          { args: { big: t.int64(), price: t.decimal(), day: t.date(), at: t.optional(t.time()), colour: Colour }, returns: t.string(), safe: true },
          (a) => `${a.big} ${a.price} ${a.day} ${a.at ?? '-'} ${a.colour}`,
        ),
      }),
      books: controller(
        {
          get: expose({ args: { id: t.integer() }, returns: Book, method: 'GET', path: '{id}', errors: [404], doc: 'One book.' }, ({ id }) => {
            const b = books.get(id);
            if (!b) throw new ClientError('No such book', { status: 404 });
            return b;
          }),
          create: expose(
            {
              args: { book: Book },
              returns: Book,
              method: 'POST',
              path: '',
              in: { book: 'body' },
              status: 201,
              policy: { auth_level: 'required', scopes: ['books.write'] },
            },
            ({ book }) => {
              books.set(book.id, book);
              return book;
            },
          ),
          rename: expose(
            {
              args: { id: t.integer(), title: t.string(), by: t.string() },
              returns: Book,
              method: 'PUT',
              path: '{id}',
              in: { title: { member: 'name' }, by: { header: 'X-User' } },
            },
            ({ id, title, by }) => {
              const b = { id, title: `${title} (by ${by})`, tags: [] };
              books.set(id, b);
              return b;
            },
          ),
          remove: expose({ args: { id: t.integer() }, method: 'DELETE', path: '{id}', status: 204, policy: { auth_level: 'required' } }, ({ id }) => {
            books.delete(id);
          }),
          search: expose(
            {
              args: { q: t.string(), tags: t.optional(t.array(t.string())) },
              returns: t.array(Book),
              safe: true,
              in: { q: { query: 'query' } },
              policy: { auth_level: 'optional' },
            },
            ({ q }) => [...books.values()].filter((b) => b.title.includes(q)),
          ),
        },
        { doc: 'Books, by id.' },
      ),
    },
  });
}
