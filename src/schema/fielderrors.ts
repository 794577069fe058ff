/**
 * Every field error of a bad value, not only the first: when a compiled decoder fails, a second,
 * collecting walk over the same input (per codec: `jsoncollect.ts`, `textcollect.ts`,
 * `xmlcollect.ts`) records each error it meets and goes on, and the thrown error carries the
 * list as `fields`. The success path runs the decoder alone; the walk costs only on failure.
 */
import { type FieldError, SwitchboardError } from '../errors/index.ts';

/** At most this many field errors are listed on one error. */
export const MAX_FIELD_ERRORS = 20;

/** What a collecting walk found so far; it stops adding (and walking) when full. */
export class FieldErrors {
  readonly list: FieldError[] = [];

  get full(): boolean {
    return this.list.length >= MAX_FIELD_ERRORS;
  }

  /** Records a Client error met at `path`; anything else is no field error and is thrown on. */
  add(e: unknown, path: string): void {
    if (!(e instanceof SwitchboardError) || !e.isClient) throw e;
    if (this.full) return;
    const name = e.params.name;
    this.list.push({ path: typeof name === 'string' ? name : path, message: e.message });
  }

  /** Runs a decoder (or a check) on one value, recording its error if it throws. */
  check<V>(decode: (v: V, path: string) => unknown, v: V, path: string): void {
    try {
      decode(v, path);
    } catch (e) {
      this.add(e, path);
    }
  }
}

/** A collecting walk: records the field errors of `v` (named `path`) in `out`. */
export type Collect<V> = (v: V, path: string, out: FieldErrors) => void;

/**
 * The decoder to hand out: `decode` itself on success; on failure its error, named as before,
 * with `fields` listing every field error `collect` finds (the first being the one thrown).
 */
export function reporting<V, R>(decode: (v: V, path: string) => R, collect: () => Collect<V>): (v: V, path: string) => R {
  return (v, path) => {
    try {
      return decode(v, path);
    } catch (e) {
      throw withFields(e, v, path, collect);
    }
  };
}

function withFields<V>(e: unknown, v: V, path: string, collect: () => Collect<V>): unknown {
  if (!(e instanceof SwitchboardError) || !e.isClient || e.fields !== undefined) return e;
  const out = new FieldErrors();
  try {
    collect()(v, path, out);
  } catch {
    // The walk is an addition: whatever it trips on, the decoder's own error stands.
  }
  const name = e.params.name;
  const first: FieldError = { path: typeof name === 'string' ? name : path, message: e.message };
  const rest = out.list.filter((f) => f.message !== e.message);
  e.fields = Object.freeze([first, ...rest].slice(0, MAX_FIELD_ERRORS));
  return e;
}
