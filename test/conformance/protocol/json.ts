/**
 * JSON text both ways without losing int64s: `JSON.parse` rounds integers beyond 2^53, and
 * `JSON.stringify` refuses bigints, so the JSON drivers read and write through these instead.
 * Integer literals outside the safe range read as bigint; bigints write as bare digits.
 */
import type { Value } from './model.ts';

/** Writes a value as JSON text; bigints as bare integer literals. */
export function writeJson(v: Value | undefined): string {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(writeJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v)) if (x !== undefined) parts.push(`${JSON.stringify(k)}:${writeJson(x)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;

/** Reads JSON text; integer literals beyond ±(2^53 − 1) become bigints. Throws on bad JSON. */
export function readJson(text: string): Value {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`readJson: ${what} at ${i} in ${text.slice(0, 200)}`);
  };
  const value = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, Value> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      // Bounded: each turn consumes a member or fails.
      for (;;) {
        ws();
        STRING.lastIndex = i;
        const m = STRING.exec(text) ?? fail('a key');
        i += m[0].length;
        ws();
        if (text[i++] !== ':') fail('":"');
        Object.defineProperty(out, JSON.parse(m[0]) as string, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') i++;
        else if (text[i++] === '}') return out;
        else fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const out: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i++] === ']') return out;
        else fail('"," or "]"');
      }
    }
    if (c === '"') {
      STRING.lastIndex = i;
      const m = STRING.exec(text) ?? fail('a string');
      i += m[0].length;
      return JSON.parse(m[0]) as string;
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text) ?? fail('a value');
    i += m[0].length;
    const n = Number(m[0]);
    return m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n) ? BigInt(m[0]) : n;
  };
  const v = value();
  ws();
  if (i !== text.length) fail('the end');
  return v;
}
