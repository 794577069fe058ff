/**
 * The XML encoder of a complex type, generated as straight-line code once per type and writing
 * options, as `jsongen.ts` does for JSON: one named property read per field, each field's tags
 * written as constants, the commonest leaves inline. Measured on the demo's `Person` over SOAP:
 * about half the closure loop's time, which stays the fallback where code generation is
 * disabled (`--disallow-code-generation-from-strings`).
 */
import { fieldValue } from './describe.ts';
import { jsLiteral as literal } from './jsliteral.ts';

/** Writes a value as one element named `tag`. */
type Encoder = (value: unknown, tag: string) => string;

export interface XmlEncodedField {
  readonly name: string;
  /** Read only as an own property (see `Field.ownOnly`). */
  readonly ownOnly: boolean;
  /**
   * Written inline when `when` holds on `x`: `text` is the element's escaped text (it may call
   * `esc`), `empty` whether it can be `''` (then the element is written empty, `<name/>`, as the
   * leaf encoders write it). Otherwise `encode` runs.
   */
  readonly inline: { readonly when: string; readonly text: string; readonly empty: boolean } | undefined;
  readonly encode: Encoder;
}

/** How the generated code writes: the prefix of every element, the nil element, a bad value. */
export interface XmlWriting {
  readonly prefix: string;
  readonly nil: (tag: string) => string;
  readonly escape: (s: string) => string;
  readonly fail: (tag: string, typeName: string) => never;
}

/** Builds the encoder of a complex type's element. */
export function complexXmlEncoder(typeName: string, fields: readonly XmlEncodedField[], w: XmlWriting): Encoder {
  try {
    return generated(typeName, fields, w);
  } catch {
    return looped(typeName, fields, w);
  }
}

function generated(typeName: string, fields: readonly XmlEncodedField[], w: XmlWriting): Encoder {
  const pre = w.prefix;
  const lines = fields.map((f, i) => {
    const key = literal(f.name);
    const read = f.ownOnly ? `Object.hasOwn(v, ${key}) ? v[${key}] : undefined` : `v[${key}]`;
    const other = `out += e[${i}](x, ${key});`;
    let write = other;
    if (f.inline) {
      const open = literal(`<${pre}${f.name}>`);
      const close = literal(`</${pre}${f.name}>`);
      const text = f.inline.empty
        ? `t = ${f.inline.text}; out += t === '' ? ${literal(`<${pre}${f.name}/>`)} : ${open} + t + ${close};`
        : `out += ${open} + ${f.inline.text} + ${close};`;
      write = `if (${f.inline.when}) { ${text} } else ${other}`;
    }
    return `x = ${read}; if (x !== undefined) { ${write} }`;
  });
  const body = `"use strict";
return function encode(v, tag) {
  if (v == null) return nil(tag);
  if (typeof v !== 'object') return fail(tag, ${literal(typeName)});
  let out = '';
  let x;
  let t;
  ${lines.join('\n  ')}
  const name = ${literal(pre)} + tag;
  return out === '' ? '<' + name + '/>' : '<' + name + '>' + out + '</' + name + '>';
};`;
  const make = new Function('e', 'esc', 'nil', 'fail', body) as (
    e: readonly Encoder[],
    esc: XmlWriting['escape'],
    nil: XmlWriting['nil'],
    fail: XmlWriting['fail'],
  ) => Encoder;
  return make(
    fields.map((f) => f.encode),
    w.escape,
    w.nil,
    w.fail,
  );
}

function looped(typeName: string, fields: readonly XmlEncodedField[], w: XmlWriting): Encoder {
  const pre = w.prefix;
  return (v, tag) => {
    if (v == null) return w.nil(tag);
    if (typeof v !== 'object') return w.fail(tag, typeName);
    const o = v as Record<string, unknown>;
    let out = '';
    for (const f of fields) {
      const x = fieldValue(o, f);
      if (x !== undefined) out += f.encode(x, f.name);
    }
    return out === '' ? `<${pre}${tag}/>` : `<${pre}${tag}>${out}</${pre}${tag}>`;
  };
}

/** For tests: the fallback encoder, as used where code generation is refused. */
export const loopedComplexXmlEncoder = looped;
