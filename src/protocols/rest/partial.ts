/**
 * Google's partial responses and pretty printing, for the APIs served on Google's wire (below
 * `/_ah/api/`): `?fields=items(id,title),nextPageToken` keeps only the named members of the
 * answer (`a/b` and `a(b,c)` reach inside, `*` keeps every member of its level, a list's
 * selection applies to each item), and `?prettyPrint=true` indents it. Both work on the JSON the
 * codec wrote, so every type's wire form (int64 as a string, dates) stays what it was; the cost
 * is paid only by the calls that ask.
 */
import { sbError } from '../../errors/index.ts';

/** A selection: member name → what to keep of it (`true`: all of it). `*` selects every member. */
export type Selection = ReadonlyMap<string, Selection | true>;

/** What a call asked of its answer's shape. */
export interface Shaping {
  readonly fields: Selection | undefined;
  readonly pretty: boolean;
}

/** Longest `fields` read; Google's own limit is about this (its URLs stay under 8 KB). */
const MAX_FIELDS = 2048;
const MAX_DEPTH = 32;

/** Which of the two parameters shape a function's answers: not one the function takes as an argument. */
export interface ShapingKeys {
  readonly fields: boolean;
  readonly prettyPrint: boolean;
}

/** The shaping a query asks for; undefined when it asks for none. Throws `SB_BAD_FIELD_SELECTION`. */
export function shapingOf(query: string, keys: ShapingKeys): Shaping | undefined {
  if (!query.includes('fields=') && !query.includes('prettyPrint=')) return undefined;
  const q = new URLSearchParams(query);
  const fields = keys.fields ? q.get('fields') : null;
  const pretty = keys.prettyPrint ? q.get('prettyPrint') : null;
  if (pretty !== null && pretty !== 'true' && pretty !== 'false' && pretty !== '1' && pretty !== '0') {
    throw sbError('SB_BAD_FIELD_SELECTION', { reason: `prettyPrint is true or false, not "${pretty}"` });
  }
  const selection = fields === null || fields === '' ? undefined : parseFields(fields);
  const asPretty = pretty === 'true' || pretty === '1';
  return selection === undefined && !asPretty ? undefined : { fields: selection, pretty: asPretty };
}

/** Parses a `fields` selector (`a,b/c,d(e,f/g)`). */
export function parseFields(text: string): Selection {
  if (text.length > MAX_FIELDS) throw bad(`it is longer than ${MAX_FIELDS} characters`);
  let i = 0;
  const name = (): string => {
    const start = i;
    while (i < text.length && /[A-Za-z0-9_$*.-]/.test(text[i]!)) i++;
    if (i === start) throw bad(i < text.length ? `unexpected "${text[i]}" at ${i + 1}` : 'it ends where a field name should be');
    const n = text.slice(start, i);
    if (n.includes('*') && n !== '*') throw bad(`"${n}": * stands alone`);
    return n;
  };
  const list = (depth: number): Map<string, Selection | true> => {
    if (depth > MAX_DEPTH) throw bad(`it nests deeper than ${MAX_DEPTH} levels`);
    const out = new Map<string, Selection | true>();
    for (;;) {
      // `a/b/c(d)`: a path, then what to keep at its end.
      const path = [name()];
      while (text[i] === '/') {
        i++;
        path.push(name());
      }
      let leaf: Selection | true = true;
      if (text[i] === '(') {
        i++;
        leaf = list(depth + 1);
        if (text[i] !== ')') throw bad(`a "(" is not closed`);
        i++;
      }
      add(out, path, leaf);
      if (text[i] !== ',') return out;
      i++;
    }
  };
  const top = list(0);
  if (i < text.length) throw bad(`unexpected "${text[i]}" at ${i + 1}`);
  return top;
}

/** Merges `path → leaf` into a selection: `a/b,a/c` is `a(b,c)`; keeping all of a member wins. */
function add(into: Map<string, Selection | true>, path: readonly string[], leaf: Selection | true): void {
  const [head, ...rest] = path as [string, ...string[]];
  const inner: Selection | true = rest.length === 0 ? leaf : new Map([[rest[0]!, true]]);
  const had = into.get(head);
  if (had === true) return;
  if (rest.length === 0) {
    if (leaf === true || had === undefined) into.set(head, leaf);
    else for (const [k, v] of leaf) add(had as Map<string, Selection | true>, [k], v);
    return;
  }
  const sub = had === undefined ? new Map<string, Selection | true>() : (had as Map<string, Selection | true>);
  into.set(head, sub);
  if (inner !== true) add(sub, rest, leaf);
}

/** The value with only the selected members. */
export function select(value: unknown, sel: Selection): unknown {
  if (Array.isArray(value)) return value.map((v) => select(v, sel));
  if (value === null || typeof value !== 'object') return value;
  const all = sel.get('*');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const s = sel.get(k) ?? all;
    if (s === undefined) continue;
    out[k] = s === true ? v : select(v, s);
  }
  return out;
}

/** The JSON text of an answer, shaped as asked. */
export function shapeJson(text: string, shaping: Shaping): string {
  const value: unknown = JSON.parse(text);
  const kept = shaping.fields === undefined ? value : select(value, shaping.fields);
  return JSON.stringify(kept, null, shaping.pretty ? 2 : undefined);
}

function bad(reason: string) {
  return sbError('SB_BAD_FIELD_SELECTION', { reason });
}
