/**
 * The text codec: values that arrive as strings — query strings, form posts, WSME's complex
 * notation (`p.hobbies[0]=x`), and any wire whose leaves are text. A `TextTree` is what such a
 * source yields; the compiled decoder converts it to the handler's value per schema.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { shapeOf } from './describe.ts';
import {
  invalid,
  numberBounds,
  parseBase64,
  parseBool,
  parseDate,
  parseDatetime,
  parseDecimal,
  parseInt64Text,
  parseIntegerText,
  parseTime,
  stringBounds,
} from './scalars.ts';

/** A string leaf, a repeated key's values, a nested map (null-prototype), or an explicit nil. */
export type TextTree = string | null | TextTree[] | { [key: string]: TextTree };

export type TextDecoder = (tree: TextTree, path: string) => unknown;

const cache = new WeakMap<TSchema, TextDecoder>();

const isMap = (t: TextTree): t is { [key: string]: TextTree } => typeof t === 'object' && t !== null && !Array.isArray(t);

/** The compiled text decoder of a schema (cached per schema object). */
export function textDecoder(s: TSchema): TextDecoder {
  let d = cache.get(s);
  if (!d) {
    let real: TextDecoder | undefined;
    cache.set(s, (t, p) => real!(t, p));
    real = build(s);
    cache.set(s, real);
    d = real;
  }
  return d;
}

/** A decoder for one string; repeated values are the "given several times" client error. */
function scalar(convert: (text: string, path: string) => unknown): TextDecoder {
  return (t, p) => {
    if (typeof t === 'string') return convert(t, p);
    if (Array.isArray(t)) throw sbError('SB_DUPLICATE_ARGUMENT', { name: p });
    if (t === null) throw invalid(p, 'nil', 'Value should not be null');
    throw invalid(p, t, 'Value should be a single value');
  };
}

function parsed<T>(parse: (text: string) => T | undefined, reason: string): TextDecoder {
  return scalar((text, p) => {
    const v = parse(text);
    if (v === undefined) throw invalid(p, text, reason);
    return v;
  });
}

function build(s: TSchema): TextDecoder {
  const shape = shapeOf(s);
  switch (shape.k) {
    case 'string':
      return scalar((text, p) => {
        const bad = stringBounds(shape, text);
        if (bad) throw invalid(p, text, bad);
        return text;
      });
    case 'integer':
      return scalar((text, p) => {
        const n = parseIntegerText(text.trim());
        if (n === undefined) throw invalid(p, text, 'unable to convert to integer');
        const bad = numberBounds(s, n);
        if (bad) throw invalid(p, text, bad);
        return n;
      });
    case 'int64':
      return scalar((text, p) => {
        const n = parseInt64Text(text.trim());
        if (n === undefined) throw invalid(p, text, 'unable to convert to a 64-bit integer');
        const bad = numberBounds(s, n);
        if (bad) throw invalid(p, text, bad);
        return n;
      });
    case 'number':
      return scalar((text, p) => {
        const n = text.trim() === '' ? Number.NaN : Number(text);
        if (!Number.isFinite(n)) throw invalid(p, text, 'unable to convert to float');
        const bad = numberBounds(s, n);
        if (bad) throw invalid(p, text, bad);
        return n;
      });
    case 'boolean':
      return parsed(parseBool, 'unable to convert to boolean');
    case 'decimal':
      return parsed((t) => parseDecimal(t.trim()), 'unable to convert to decimal');
    case 'date':
      return parsed(parseDate, 'Value should be a date (YYYY-MM-DD)');
    case 'time':
      return parsed(parseTime, 'Value should be a time (hh:mm:ss)');
    case 'datetime':
      return parsed(parseDatetime, 'Value should be an ISO 8601 datetime');
    case 'binary':
      return parsed(parseBase64, 'Value should be base64');
    case 'enum': {
      const byText = new Map(shape.values.map((v) => [String(v), v]));
      const list = shape.values.join(', ');
      return scalar((text, p) => {
        const v = byText.get(text);
        if (v === undefined) throw invalid(p, text, `Value should be one of: ${list}`);
        return v;
      });
    }
    case 'array': {
      const item = textDecoder(shape.items);
      return (t, p) => {
        const items = arrayItems(t, p);
        return items.map((x, i) => item(x, `${p}[${i}]`));
      };
    }
    case 'dict': {
      const value = textDecoder(shape.values);
      return (t, p) => {
        if (!isMap(t)) throw invalid(p, t, 'Value should be a dict');
        const out: Record<string, unknown> = Object.create(null);
        for (const key of Object.keys(t)) out[key] = value(t[key], `${p}[${key}]`);
        return out;
      };
    }
    case 'nullable': {
      const inner = textDecoder(shape.inner);
      return (t, p) => (t === null ? null : inner(t, p));
    }
    case 'null':
      return (t, p) => {
        if (t !== null && t !== '') throw invalid(p, t, 'Value should be null');
        return null;
      };
    case 'any':
      return (t) => t;
    case 'complex': {
      const fields = shape.fields.map((f) => ({ name: f.name, required: f.required, decode: textDecoder(f.schema) }));
      const known = new Set(fields.map((f) => f.name));
      return (t, p) => {
        if (t === '' || t === undefined) t = Object.create(null) as { [key: string]: TextTree };
        if (!isMap(t)) throw invalid(p, t, `Value should be a ${shape.name}`);
        const out: Record<string, unknown> = {};
        for (const f of fields) {
          const x = t[f.name];
          if (x === undefined) {
            if (f.required) throw invalid(`${p}.${f.name}`, '', 'Mandatory attribute is missing');
          } else out[f.name] = f.decode(x, `${p}.${f.name}`);
        }
        const unknown = Object.keys(t).filter((k) => !known.has(k));
        if (unknown.length > 0) throw sbError('SB_UNKNOWN_ATTRIBUTE', { name: p, attributes: unknown.join(', ') });
        return out;
      };
    }
  }
}

/** The items of an array argument: repeated keys, `v[0]`-indexed maps, or one value. */
function arrayItems(t: TextTree, p: string): TextTree[] {
  if (Array.isArray(t)) return t;
  if (typeof t === 'string') return t === '' ? [] : [t];
  if (t === null) throw invalid(p, 'nil', 'Value should not be null');
  const keys = Object.keys(t);
  const indexed: [number, TextTree][] = [];
  for (const key of keys) {
    if (!/^\d+$/.test(key)) throw invalid(p, key, 'Value should be an array (indexes are numbers)');
    indexed.push([Number(key), t[key]]);
  }
  indexed.sort((a, b) => a[0] - b[0]);
  return indexed.map((e) => e[1]);
}
