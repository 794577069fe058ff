/**
 * A test root beside the demo: one function per argument shape and type the REST protocols
 * must carry (scalar arrays, arrays of complex types, dicts, the `body` option, int64, unset
 * vs null, dates and bytes), plus handlers that fail, inspect their context or run slowly.
 */
import { ClientError, controller, expose, root, t } from '../../src/index.ts';

export const Inner = t.complex('Inner', { aint: t.integer(), astr: t.string() });
export const Outer = t.complex('Outer', { inner: Inner, name: t.string() });
export const Thing = t.complex('Thing', { a: t.nullable(t.string()), b: t.string(), n: t.nullable(t.integer()) });
export const AllTypes = t.complex('AllTypes', {
  s: t.string(),
  i: t.integer(),
  f: t.number(),
  b: t.boolean(),
  dec: t.decimal(),
  d: t.date(),
  tm: t.time(),
  dt: t.datetime(),
  bin: t.binary(),
  big: t.int64(),
  color: t.enum(['red', 'green', 'blue'] as const),
  tags: t.array(t.string()),
  counts: t.dict(t.integer()),
});

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

export interface KitchenProbe {
  /** Settles with how the slow handler ended: 'aborted' when its signal fired. */
  slowEnded: Promise<'aborted' | 'finished'>;
  slowStarted: Promise<void>;
}

export function kitchenRoot(probe: Partial<{ onSlow: (how: 'aborted' | 'finished') => void; onSlowStart: () => void }> = {}) {
  return root({
    webpath: 'k',
    name: 'kitchen',
    controllers: {
      args: controller({
        ints: expose({ args: { v: t.array(t.integer()) }, returns: t.array(t.integer()) }, ({ v }) => v),
        outers: expose({ args: { v: t.array(Outer) }, returns: t.array(Outer) }, ({ v }) => v),
        dict: expose({ args: { d: t.dict(t.integer()) }, returns: t.dict(t.integer()) }, ({ d }) => d),
        pair: expose({ args: { a: t.integer(), b: t.string() }, returns: t.string() }, ({ a, b }) => `${b}:${a}`),
        defaults: expose(
          { args: { a: t.integer({ default: 7 }), b: t.optional(t.string()) }, returns: t.string() },
          ({ a, b }) => `${a}/${b === undefined ? 'unset' : b}`,
        ),
        flag: expose({ args: { b: t.boolean() }, returns: t.boolean() }, ({ b }) => b),
        big: expose({ args: { n: t.int64() }, returns: t.int64() }, ({ n }) => n + 1n),
        thing: expose({ args: { x: Thing }, returns: Thing }, ({ x }) => x),
        all: expose({ args: { x: AllTypes }, returns: AllTypes }, ({ x }) => x),
        bounded: expose(
          { args: { n: t.integer({ minimum: 1, maximum: 10 }), code: t.string({ pattern: '^[A-Z]{3}$' }) }, returns: t.string() },
          ({ n, code }) => code.repeat(n),
        ),
        body: expose({ args: { id: t.optional(t.integer()), x: Thing }, returns: Thing, body: 'x', method: 'PUT' }, ({ x, id }) => ({ ...x, n: id ?? null })),
      }),
      nest: controller({ deeper: controller({ hello: expose({ args: { who: t.string() }, returns: t.string() }, ({ who }) => `hello ${who}`) }) }),
      misc: controller({
        nothing: expose({}, () => undefined),
        boom: expose({ returns: t.string() }, () => {
          throw new Error('secret internals');
        }),
        asyncBoom: expose({ returns: t.string() }, async () => {
          throw new TypeError('async secret');
        }),
        teapot: expose({}, () => {
          throw new ClientError('I am a teapot', { status: 418 });
        }),
        badResult: expose({ returns: t.integer() }, () => 'not a number' as unknown as number),
        context: expose({ returns: t.dict(t.string()) }, (_args, ctx) => ({
          name: ctx.name,
          method: ctx.request.method,
          path: ctx.request.path,
          query: ctx.request.query,
          header: ctx.request.header('x-test') ?? '',
          remote: ctx.request.remoteAddress ?? '',
          aborted: String(ctx.signal.aborted),
        })),
        slow: expose({ args: { ms: t.integer() }, returns: t.string() }, async ({ ms }, ctx) => {
          probe.onSlowStart?.();
          try {
            await sleep(ms, ctx.signal);
          } catch {
            probe.onSlow?.('aborted');
            throw new ClientError('aborted');
          }
          probe.onSlow?.('finished');
          return 'done';
        }),
      }),
    },
  });
}
