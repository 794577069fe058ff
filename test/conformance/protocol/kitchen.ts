/**
 * The service every protocol driver serves: one function per thing a protocol must carry —
 * every type round-tripped, unset vs null, each error kind, argument faults, a stream, the
 * 201/204 success statuses, call steps that refuse or name the caller (a token as an argument,
 * and real bearer tokens: `auth.ts`). The cases call it
 * by dotted name; XML drivers read its schemas to type what they read back (XML is untyped).
 */
import type { TSchema } from '@sinclair/typebox';
import { AllTypes, Inner, Thing } from '../../helpers/kitchen.ts';
import { SECURED_POLICY, kitchenBearer, rotatingBearer } from './auth.ts';
import { AUDIENCE as ROTATING_AUDIENCE, ISSUER as ROTATING_ISSUER } from '../../helpers/idp.ts';
import { type CallStep, ClientError, type ControllerDef, type FunctionDef, NotFoundError, controller, expose, root, t } from '../../../src/index.ts';

export { Inner, Thing };

/** Every type of the REST tests' kitchen, plus what unset vs null needs. */
export const All = t.complex('All', {
  ...AllTypes.properties,
  maybe: t.nullable(t.string()),
  inner: Inner,
  // Left unset by the cases: it must stay out of every answer.
  note: t.string(),
});

/** The token the auth step takes for each outcome (an argument, so every protocol can send it). */
export const TOKENS = { alice: 'token-alice', mallory: 'token-mallory' } as const;

/** The API's own step, which runs first for every function: every caller starts anonymous. */
const anonymous: CallStep = (ctx) => {
  ctx.principal = { subject: 'anonymous' };
};

/**
 * The `guarded` controller's step: refuses calls without a known token (401) and Mallory's
 * (403); names Alice as the principal. It checks that the API's step ran before it.
 */
const auth: CallStep = (ctx, args) => {
  if (ctx.principal?.subject !== 'anonymous') throw new Error('the API step did not run before the controller step');
  const token = args.token;
  if (token === TOKENS.mallory) throw new ClientError('Mallory may not call this', { status: 403 });
  if (token !== TOKENS.alice) throw new ClientError('Who are you?', { status: 401 });
  ctx.principal = { subject: 'alice', scopes: ['read'] };
};

async function* count(n: number): AsyncGenerator<number> {
  for (let i = 1; i <= n; i++) yield i;
}

/** Thrown by `e.server`: none of it may reach a client. */
export const SECRET = 'secret internals at /srv/db.sqlite';

/**
 * The kitchen. `jwksUrl`: the JWKS of the `rotating` controller's provider (`jwksProvider()`);
 * without one (a tree only read, never served) it points nowhere.
 */
export function kitchenApi(jwksUrl = 'http://127.0.0.1:1/jwks') {
  return root({
    webpath: 'pc',
    name: 'pc',
    steps: [anonymous],
    controllers: {
      k: controller({
        all: expose({ args: { x: All }, returns: All }, ({ x }) => x),
        thing: expose({ args: { x: Thing }, returns: Thing }, ({ x }) => x),
        // An argument left out is not one given as null.
        maybe: expose({ args: { v: t.optional(t.nullable(t.string())) }, returns: t.string() }, ({ v }) =>
          v === undefined ? 'unset' : v === null ? 'null' : `"${v}"`,
        ),
        pair: expose({ args: { a: t.integer(), b: t.string() }, returns: t.string() }, ({ a, b }) => `${b}:${a}`),
        // The same, positional in Ext Direct (its other callers pass either form).
        pos: expose(
          { args: { a: t.integer(), b: t.string() }, returns: t.string(), extra: { extdirect_params_notation: 'positional' } },
          ({ a, b }) => `${b}:${a}`,
        ),
        count: expose({ args: { n: t.integer() }, returns: t.integer(), stream: true }, ({ n }) => count(n)),
        // REST: POST /pc/k/things → 201, DELETE /pc/k/things/{name} → 204; the others call them by name.
        create: expose({ args: { name: t.string() }, returns: t.string(), method: 'POST', path: 'things', status: 201 }, ({ name }) => `created ${name}`),
        remove: expose({ args: { name: t.string() }, method: 'DELETE', path: 'things/{name}', status: 204 }, () => undefined),
      }),
      e: controller({
        client: expose({ returns: t.string() }, () => {
          throw new ClientError('That will not do');
        }),
        notFound: expose({ returns: t.string() }, () => {
          throw new NotFoundError('No such thing');
        }),
        forbidden: expose({ returns: t.string() }, () => {
          throw new ClientError('Not yours', { status: 403, code: 'APP_NOT_YOURS' });
        }),
        conflict: expose({ returns: t.string() }, () => {
          throw new ClientError('Edited meanwhile', { status: 409, code: 'APP_EDIT_CONFLICT' });
        }),
        precondition: expose({ returns: t.string() }, () => {
          throw new ClientError('Stale version', { status: 412, code: 'APP_STALE' });
        }),
        tooMany: expose({ returns: t.string() }, () => {
          throw new ClientError('Slow down', { status: 429, code: 'APP_SLOW_DOWN' });
        }),
        server: expose({ returns: t.string() }, () => {
          throw new Error(SECRET);
        }),
      }),
      guarded: controller(
        {
          // REST reads the token from a header; the other protocols take it as an argument.
          whoami: expose(
            { args: { token: t.optional(t.string()) }, returns: t.string(), in: { token: { header: 'x-token' } } },
            (_args, ctx) => ctx.principal?.subject ?? 'nobody',
          ),
        },
        { steps: [auth] },
      ),
      // The real bearer step: a token of the kitchen's issuer, with its scope, for its one client.
      secured: controller(
        {
          whoami: expose({ returns: t.string() }, (_args, ctx) => ctx.principal?.subject ?? 'nobody'),
        },
        { steps: [kitchenBearer], policy: SECURED_POLICY },
      ),
      // The real bearer step against a JWKS served over HTTP, whose keys the cases rotate.
      rotating: controller(
        {
          whoami: expose({ returns: t.string() }, (_args, ctx) => ctx.principal?.subject ?? 'nobody'),
        },
        { steps: [rotatingBearer(jwksUrl, ROTATING_ISSUER, ROTATING_AUDIENCE)], policy: { authLevel: 'required' } },
      ),
    },
  });
}

const tree = kitchenApi().tree;

/** A function's declaration by dotted name (`k.all`), or undefined for one that does not exist. */
export function functionDef(name: string, from: ControllerDef = tree): FunctionDef | undefined {
  let node: ControllerDef | FunctionDef = from;
  for (const part of name.split('.')) {
    if (node.kind !== 'controller' || !Object.hasOwn(node.members, part)) return undefined;
    node = node.members[part]!;
  }
  return node.kind === 'function' ? node : undefined;
}

/** The schemas of a function's arguments and result, for the XML drivers (empty for an unknown one). */
export function schemasOf(name: string): { args: Readonly<Record<string, TSchema>>; returns: TSchema | undefined } {
  const def = functionDef(name);
  return { args: def?.args ?? {}, returns: def?.returns };
}
