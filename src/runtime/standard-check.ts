/**
 * Arguments declared with a Standard Schema (Zod, Valibot…) are checked twice: by the model's
 * compiled decoders (what JSON Schema says: types, bounds, patterns — errors in every
 * protocol's usual form), then by the library's own `validate`, for what JSON Schema lost
 * (refinements, cross-field checks) and to hand the handler the library's output (defaults,
 * transforms applied) — the type `expose` inferred. Only such arguments pay for it.
 */
import type { FieldError, SwitchboardError } from '../errors/index.ts';
import { MAX_FIELD_ERRORS } from '../schema/fielderrors.ts';
import { invalid } from '../schema/scalars.ts';
import type { StandardSchemaV1 } from '../schema/standard.ts';

/** Checks and replaces the named arguments; throws a Client error, or returns a promise of the check when the library's is async. */
export type StandardCheck = (args: Record<string, unknown>) => Promise<void> | undefined;

/** Arguments already checked: the binder completes some twice (JSON-RPC reads its params ahead). */
const checked = new WeakSet<object>();

export function compileStandardCheck(list: readonly { readonly name: string; readonly standard?: StandardSchemaV1 }[]): StandardCheck | undefined {
  const checks = list.filter((a): a is { name: string; standard: StandardSchemaV1 } => a.standard !== undefined);
  if (checks.length === 0) return undefined;
  return (args) => {
    if (checked.has(args)) return undefined;
    checked.add(args);
    const issues: FieldError[] = [];
    let first: SwitchboardError | undefined;
    const pending: Promise<void>[] = [];
    const settle = (name: string, value: unknown, r: StandardSchemaV1.Result<unknown>) => {
      if (r.issues === undefined) {
        args[name] = r.value;
        return;
      }
      for (const issue of r.issues) {
        const path = name + pathText(issue.path);
        const e = invalid(path, valueAt(value, issue.path), issue.message);
        first ??= e;
        if (issues.length < MAX_FIELD_ERRORS) issues.push({ path, message: e.message });
      }
    };
    for (const { name, standard } of checks) {
      const value = args[name];
      if (value === undefined) continue;
      const r = standard['~standard'].validate(value);
      if (r instanceof Promise) pending.push(r.then((x) => settle(name, value, x)));
      else settle(name, value, r);
    }
    const done = () => {
      if (first) {
        first.fields = Object.freeze(issues);
        throw first;
      }
    };
    if (pending.length > 0) return Promise.all(pending).then(done);
    done();
    return undefined;
  };
}

type Path = StandardSchemaV1.Issue['path'];
const keyOf = (p: PropertyKey | { readonly key: PropertyKey }): PropertyKey => (typeof p === 'object' && p !== null ? p.key : p);

/** `['address', 'tags', 0]` → `.address.tags[0]`, as the model's decoders name fields. */
function pathText(path: Path): string {
  let out = '';
  for (const p of path ?? []) {
    const k = keyOf(p);
    out += typeof k === 'number' ? `[${k}]` : typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${String(k)}]`;
  }
  return out;
}

function valueAt(v: unknown, path: Path): unknown {
  let x = v;
  for (const p of path ?? []) {
    if (typeof x !== 'object' || x === null) return undefined;
    x = (x as Record<PropertyKey, unknown>)[keyOf(p)];
  }
  return x;
}
