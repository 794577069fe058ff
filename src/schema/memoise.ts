/**
 * One compiled function per schema object, built once: what every codec keeps of a schema.
 * Recursive schemas work: while a schema's function is being built, asking for it again gives
 * a stand-in that forwards to the finished one.
 */
import type { TSchema } from '@sinclair/typebox';

/**
 * Memoises `build` per schema object (weakly: schemas that go away take their functions along).
 * The functions take at most three arguments (a value, a path or tag, a collector), which is
 * all a recursive stand-in forwards.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function of up to three arguments, whatever they are
export function memoise<F extends (a: any, b: any, c: any) => unknown>(build: (s: TSchema) => F): (s: TSchema) => F {
  const cache = new WeakMap<TSchema, F>();
  return (s) => {
    let f = cache.get(s);
    if (f === undefined) {
      let real: F | undefined;
      cache.set(s, ((a: unknown, b: unknown, c: unknown) => real!(a, b, c)) as F);
      real = build(s);
      cache.set(s, real);
      f = real;
    }
    return f;
  };
}
