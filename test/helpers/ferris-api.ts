/**
 * A Ferris-style Cloud Endpoints API, declared as an endpoint is: `api({ name, version,
 * basePath: '/_ah/api/<name>/<version>', policy })`, with a call step that checks a bearer
 * token against each function's policy (`auth_level`, `scopes`).
 */
import { ClientError, type StepContext, type StepTarget, api, controller, expose, t } from '../../src/index.ts';

export const Post = t.complex('Post', { id: t.int64(), title: t.string(), content: t.string(), published: t.date() }, { mandatory: ['title'] });

/** The token the step knows, and the scopes it grants. */
export const FERRIS_TOKEN = 'ferris-token';
const GRANTED = ['https://www.googleapis.com/auth/userinfo.email'];

function checkToken(ctx: StepContext, _args: unknown, target: StepTarget): void {
  const level = target.policy.auth_level;
  if (level === undefined || level === 'none') return;
  const header = ctx.request.header('authorization');
  if (header === undefined) {
    if (level === 'optional') return;
    throw new ClientError('A bearer token is needed', { status: 401 });
  }
  if (header !== `Bearer ${FERRIS_TOKEN}`) throw new ClientError('The token is not valid', { status: 401 });
  const wanted = (target.policy.scopes as string[] | undefined) ?? [];
  if (!wanted.every((s) => GRANTED.includes(s))) throw new ClientError('The token lacks a scope', { status: 403 });
  ctx.principal = { subject: 'alice', email: 'alice@example.com', scopes: GRANTED };
}

export function ferrisApi() {
  const posts = new Map<bigint, { id: bigint; title: string; content?: string; published?: string }>([
    [1n, { id: 1n, title: 'Hello', content: 'First post', published: '2024-01-02' }],
  ]);
  let next = 2n;
  return api({
    name: 'ferris',
    version: 'v1',
    basePath: '/_ah/api/ferris/v1',
    doc: 'Posts, as a Ferris 3 endpoint serves them.',
    policy: { auth_level: 'required' },
    steps: [checkToken],
    controllers: {
      posts: controller({
        list: expose(
          { args: { limit: t.integer({ default: 10 }) }, returns: t.array(Post), method: 'GET', path: '', policy: { auth_level: 'none' }, doc: 'Every post.' },
          ({ limit }) => [...posts.values()].slice(0, limit),
        ),
        get: expose({ args: { id: t.int64() }, returns: Post, method: 'GET', path: '{id}', errors: [404], policy: { auth_level: 'optional' } }, ({ id }) => {
          const p = posts.get(id);
          if (!p) throw new ClientError('No such post', { status: 404 });
          return p;
        }),
        insert: expose({ args: { post: Post }, returns: Post, method: 'POST', path: '', in: { post: 'body' } }, (args, ctx) => {
          const p = { ...args.post, id: next++, content: `${args.post.content ?? ''} (by ${ctx.principal?.email})` };
          posts.set(p.id, p);
          return p;
        }),
        delete: expose(
          { args: { id: t.int64() }, method: 'DELETE', path: '{id}', status: 204, policy: { scopes: ['https://www.googleapis.com/auth/userinfo.email'] } },
          ({ id }) => {
            posts.delete(id);
          },
        ),
      }),
    },
  });
}
