/**
 * The protocol conformance cases: what every protocol must mean, stated once. Each case calls
 * the kitchen through a driver and checks the neutral answer; the driver has already checked
 * the wire shape. A case that does not apply to a protocol (positional calls where it has none)
 * says why, and the matrix shows it skipped.
 */
import assert from 'node:assert/strict';
import { SCOPE, type TokenKind, jwksProvider, kitchenToken } from './auth.ts';
import { SECRET, TOKENS } from './kitchen.ts';
import type { Answer, Driver, Fault, Value } from './model.ts';

export interface Case {
  readonly name: string;
  /** Why the case does not apply to this protocol, or undefined when it does. */
  skip?(d: Driver): string | undefined;
  run(d: Driver): Promise<void>;
}

/** Integers as the cases compare them: a bigint within JSON's safe range reads the same as its number. */
export function normalise(v: Value | undefined): Value | undefined {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map((x) => normalise(x) as Value);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x) as Value]));
  return v;
}

const show = (a: Answer) => JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

function resultOf(a: Answer, d: Driver, fn: string): Value | undefined {
  assert.equal(a.kind, 'value', `${d.name} ${fn}: expected a value, got ${show(a)}`);
  return a.kind === 'value' ? a.value : undefined;
}

interface Expected {
  readonly side: 'client' | 'server';
  readonly status: number;
  readonly message: string | RegExp;
  readonly code: string;
}

function faultOf(a: Answer, d: Driver, fn: string, e: Expected): Fault {
  assert.equal(a.kind, 'fault', `${d.name} ${fn}: expected a fault, got ${show(a)}`);
  const f = (a as { fault: Fault }).fault;
  const where = `${d.name} ${fn}: ${f.wire}`;
  assert.equal(f.side, e.side, `${where}: whose fault`);
  if (d.carries.statuses) assert.equal(f.status, e.status, `${where}: status`);
  if (typeof e.message === 'string') assert.equal(f.message, e.message, `${where}: message`);
  else assert.match(f.message, e.message, `${where}: message`);
  // Read when the fault has one; required where the driver declares its protocol carries codes.
  if (d.carries.codes || f.code !== undefined) assert.equal(f.code, e.code, `${where}: code`);
  return f;
}

/** Every type at once; `big` within 2^53 here (the next case takes it beyond). */
export const ALL = {
  s: 'a <string> & "quotes" é😀',
  i: -5,
  f: 3.25,
  b: true,
  dec: '12345678901234567890.125',
  d: '2010-04-27',
  tm: '12:54:18',
  dt: '2010-04-27T12:54:18Z',
  bin: 'AAEC+v8=',
  big: 4503599627370496n,
  color: 'green',
  tags: ['x', 'y'],
  counts: { a: 1, 'b c': 2 },
  maybe: null,
  inner: { aint: 54, astr: 'été' },
} as const satisfies Record<string, Value>;

const faultCase = (name: string, fn: string, e: Expected): Case => ({
  name,
  async run(d) {
    const f = faultOf(await d.call(fn, {}), d, fn, e);
    assert.ok(!f.wire.includes(SECRET) && !/secret/i.test(f.wire), `${d.name} ${fn}: internals leaked: ${f.wire}`);
  },
});

/** A call of `secured.whoami` refused by the real bearer step, checked in the caller's protocol. */
const refused = (name: string, kind: TokenKind | undefined, e: Expected & { readonly challenge: RegExp | undefined }): Case => ({
  name: `a bearer token is refused: ${name}`,
  async run(d) {
    const token = kind === undefined ? undefined : await kitchenToken(kind);
    const f = faultOf(await d.call('secured.whoami', {}, token === undefined ? {} : { token }), d, 'secured.whoami', e);
    if (d.carries.challenges) {
      const where = `${d.name} secured.whoami: ${f.wire}`;
      if (e.challenge) assert.match(f.challenge ?? '', e.challenge, `${where}: WWW-Authenticate ${f.challenge}`);
      else assert.equal(f.challenge, undefined, `${where}: WWW-Authenticate`);
    }
  },
});

/** RFC 6750 §3.1's challenge for an invalid token. */
const INVALID = /^Bearer realm="pc", error="invalid_token", error_description=".+"$/;
const invalidToken = (name: string, kind: TokenKind, message: RegExp) =>
  refused(name, kind, { side: 'client', status: 401, message, code: 'SB_INVALID_TOKEN', challenge: INVALID });

const noPositional = (d: Driver) => (d.carries.positional ? undefined : `${d.name} has no positional calls`);

export const cases: readonly Case[] = [
  {
    name: 'every type round-trips; an unset attribute stays out',
    async run(d) {
      const v = resultOf(await d.call('k.all', { x: ALL }), d, 'k.all');
      assert.deepEqual(normalise(v), normalise(ALL));
      assert.ok(typeof v === 'object' && v !== null && !('note' in v), 'the unset `note` came back');
    },
  },
  {
    name: 'int64 beyond 2^53 stays exact',
    skip: (d) => (d.carries.int64 ? undefined : `${d.name} does not carry int64 exactly`),
    async run(d) {
      for (const big of [9007199254740993n, -9223372036854775807n]) {
        const v = resultOf(await d.call('k.all', { x: { big } }), d, 'k.all');
        assert.deepEqual(normalise(v), { big }, `int64 ${big}`);
      }
    },
  },
  {
    name: 'unset vs null: left out stays out, null comes back null (attributes and arguments)',
    async run(d) {
      assert.deepEqual(resultOf(await d.call('k.thing', { x: { a: null, b: 's' } }), d, 'k.thing'), { a: null, b: 's' });
      assert.deepEqual(resultOf(await d.call('k.thing', { x: { n: null } }), d, 'k.thing'), { n: null });
      assert.deepEqual(resultOf(await d.call('k.thing', { x: {} }), d, 'k.thing'), {});
      // The same for an argument.
      assert.equal(resultOf(await d.call('k.maybe', {}), d, 'k.maybe'), 'unset');
      assert.equal(resultOf(await d.call('k.maybe', { v: null }), d, 'k.maybe'), 'null');
      assert.equal(resultOf(await d.call('k.maybe', { v: 'x' }), d, 'k.maybe'), '"x"');
    },
  },
  faultCase('client error (ClientError): 400', 'e.client', { side: 'client', status: 400, message: 'That will not do', code: 'SB_CLIENT_ERROR' }),
  faultCase('not found (NotFoundError): 404', 'e.notFound', { side: 'client', status: 404, message: 'No such thing', code: 'SB_CLIENT_ERROR' }),
  faultCase('forbidden: 403 with its own code', 'e.forbidden', { side: 'client', status: 403, message: 'Not yours', code: 'APP_NOT_YOURS' }),
  faultCase('conflict: 409', 'e.conflict', { side: 'client', status: 409, message: 'Edited meanwhile', code: 'APP_EDIT_CONFLICT' }),
  faultCase('precondition failed: 412', 'e.precondition', { side: 'client', status: 412, message: 'Stale version', code: 'APP_STALE' }),
  faultCase('too many requests: 429', 'e.tooMany', { side: 'client', status: 429, message: 'Slow down', code: 'APP_SLOW_DOWN' }),
  faultCase('server error (a thrown Error): 500, no internals', 'e.server', {
    side: 'server',
    status: 500,
    message: 'Internal server error',
    code: 'SB_SERVER_ERROR',
  }),
  {
    name: 'positional call; too many positional arguments',
    skip: noPositional,
    async run(d) {
      assert.equal(resultOf(await d.callPositional('k.pos', [7, 'x']), d, 'k.pos'), 'x:7');
      faultOf(await d.callPositional('k.pos', [7, 'x', 3]), d, 'k.pos', {
        side: 'client',
        status: 400,
        message: /^Too many arguments: k\.pos takes at most 2, 3 given/,
        code: 'SB_TOO_MANY_ARGUMENTS',
      });
    },
  },
  {
    name: 'an unknown argument',
    async run(d) {
      faultOf(await d.call('k.pair', { a: 1, b: 'x', c: 3 }), d, 'k.pair', {
        side: 'client',
        status: 400,
        message: 'Unknown argument: "c"',
        code: 'SB_UNKNOWN_ARGUMENT',
      });
    },
  },
  {
    name: 'a missing argument',
    async run(d) {
      assert.equal(resultOf(await d.call('k.pair', { a: 1, b: 'x' }), d, 'k.pair'), 'x:1');
      faultOf(await d.call('k.pair', { a: 1 }), d, 'k.pair', { side: 'client', status: 400, message: 'Missing argument: "b"', code: 'SB_MISSING_ARGUMENT' });
    },
  },
  {
    name: 'an argument of the wrong type names the field',
    async run(d) {
      faultOf(await d.call('k.pair', { a: 'one', b: 'x' }), d, 'k.pair', {
        side: 'client',
        status: 400,
        message: /^Invalid input for field\/attribute a\. Value: 'one'\. /,
        code: 'SB_INVALID_INPUT',
      });
    },
  },
  {
    name: 'every argument fault answers in one form (JSON-RPC: -32602 Invalid params)',
    async run(d) {
      const answers: [string, Answer][] = [
        ['unknown', await d.call('k.pair', { a: 1, b: 'x', c: 3 })],
        ['missing', await d.call('k.pair', { a: 1 })],
        ['wrong type', await d.call('k.pair', { a: 'one', b: 'x' })],
      ];
      if (d.carries.positional) answers.push(['too many', await d.callPositional('k.pos', [7, 'x', 3])]);
      const forms = answers.map(([what, a]) => `${what}: ${a.kind === 'fault' ? a.fault.form : show(a)}`);
      assert.equal(new Set(answers.map(([, a]) => (a.kind === 'fault' ? a.fault.form : a.kind))).size, 1, `${d.name}: ${forms.join('; ')}`);
    },
  },
  {
    name: 'a stream: carried in order to its end, or refused',
    async run(d) {
      const a = await d.call('k.count', { n: 3 });
      if (d.carries.streams) {
        assert.deepEqual(a, { kind: 'stream', items: [1, 2, 3], ended: true }, show(a));
        return;
      }
      faultOf(a, d, 'k.count', {
        side: 'client',
        status: 400,
        message: /^k\.count streams its results, which .+ cannot carry$/,
        code: 'SB_STREAM_NOT_CARRIED',
      });
    },
  },
  {
    name: 'an unknown function',
    async run(d) {
      faultOf(await d.call('k.nope', {}), d, 'k.nope', { side: 'client', status: 404, message: /nope/i, code: d.carries.notFoundCode });
    },
  },
  {
    name: 'declared success statuses: 201, and 204 without a result',
    async run(d) {
      const created = await d.call('k.create', { name: 'x' });
      assert.equal(resultOf(created, d, 'k.create'), 'created x');
      const removed = await d.call('k.remove', { name: 'x' });
      const nothing = resultOf(removed, d, 'k.remove');
      if (d.carries.successStatus) {
        assert.equal(created.kind === 'value' && created.status, 201, 'k.create status');
        assert.deepEqual(removed, { kind: 'value', value: undefined, status: 204 });
      } else assert.ok(nothing === undefined || nothing === null, `k.remove answered ${show(removed)}`);
    },
  },
  {
    name: 'a call step refuses: 401',
    async run(d) {
      faultOf(await d.call('guarded.whoami', {}), d, 'guarded.whoami', { side: 'client', status: 401, message: 'Who are you?', code: 'SB_CLIENT_ERROR' });
    },
  },
  {
    name: 'a call step refuses: 403',
    async run(d) {
      faultOf(await d.call('guarded.whoami', { token: TOKENS.mallory }), d, 'guarded.whoami', {
        side: 'client',
        status: 403,
        message: 'Mallory may not call this',
        code: 'SB_CLIENT_ERROR',
      });
    },
  },
  {
    name: "a call step's principal reaches the handler",
    async run(d) {
      assert.equal(resultOf(await d.call('guarded.whoami', { token: TOKENS.alice }), d, 'guarded.whoami'), 'alice');
    },
  },
  refused('none sent', undefined, {
    side: 'client',
    status: 401,
    message: 'Authentication required',
    code: 'SB_UNAUTHENTICATED',
    challenge: /^Bearer realm="pc"$/,
  }),
  invalidToken('expired', 'expired', /^Invalid token: .*exp/i),
  invalidToken('not valid yet (nbf)', 'notYetValid', /^Invalid token: The token is not valid yet$/),
  invalidToken('of another issuer', 'wrongIssuer', /^Invalid token: .*iss/i),
  invalidToken('for another audience', 'wrongAudience', /^Invalid token: The token is for another audience$/),
  invalidToken('an unknown kid', 'unknownKid', /^Invalid token: No key of the issuer matches the token$/),
  invalidToken('alg: none', 'algNone', /^Invalid token: /),
  invalidToken('a bad signature', 'badSignature', /^Invalid token: .*signature/i),
  refused('a missing scope (403)', 'noScope', {
    side: 'client',
    status: 403,
    message: `The token has none of the scopes this call needs: ${SCOPE}`,
    code: 'SB_INSUFFICIENT_SCOPE',
    challenge: new RegExp(`^Bearer realm="pc", error="insufficient_scope", scope="${SCOPE}"$`),
  }),
  refused('a client not allowed (403)', 'otherClient', {
    side: 'client',
    status: 403,
    message: 'The client mallory-client is not allowed to call this endpoint',
    code: 'SB_CLIENT_NOT_ALLOWED',
    challenge: undefined,
  }),
  {
    name: "a good bearer token: its subject reaches the handler, again on the token's second call",
    async run(d) {
      const token = await kitchenToken('good', 'carol');
      for (let i = 0; i < 2; i++) assert.equal(resultOf(await d.call('secured.whoami', {}, { token }), d, 'secured.whoami'), 'carol', `call ${i + 1}`);
    },
  },
  {
    name: 'a key rotation at the issuer (a real JWKS over HTTP): the new kid fetches the keys again, a token verified before stays trusted',
    async run(d) {
      const idp = await jwksProvider();
      const whoami = async (token: string) => d.call('rotating.whoami', {}, { token });
      const before = await idp.sign({ claims: { sub: `before ${d.name}` } });
      assert.equal(resultOf(await whoami(before), d, 'rotating.whoami'), `before ${d.name}`);
      const fetched = idp.fetches;
      await idp.rotate(`rotated-${d.name.replace(/\W+/g, '-')}`);
      const after = await idp.sign({ claims: { sub: `after ${d.name}` } });
      assert.equal(resultOf(await whoami(after), d, 'rotating.whoami'), `after ${d.name}`);
      assert.equal(idp.fetches, fetched + 1, `${d.name}: one fetch of the JWKS for the new kid`);
      // Its key is no longer published, but the token was verified: trusted from the cache until it expires.
      assert.equal(resultOf(await whoami(before), d, 'rotating.whoami'), `before ${d.name}`);
      assert.equal(idp.fetches, fetched + 1, `${d.name}: no fetch for a token verified before`);
      // A kid the issuer never published: fetched once more, then refused.
      const stray = await idp.sign({ key: await idp.stranger('never-published') });
      faultOf(await whoami(stray), d, 'rotating.whoami', {
        side: 'client',
        status: 401,
        message: 'Invalid token: No key of the issuer matches the token',
        code: 'SB_INVALID_TOKEN',
      });
      assert.equal(idp.fetches, fetched + 2, `${d.name}: the unknown kid fetched the JWKS again`);
    },
  },
];
