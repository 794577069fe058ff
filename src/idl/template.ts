/**
 * Parameterised strings: `$(entity.name|domain)` (the pages) and `${entity.name|domain}`
 * (ETL, what entity-compiler runs). A tag is a name, `.property` steps and `|filter[:arg]`
 * filters. Parsing reports offsets into the string's value so diagnostics point at the tag.
 */

export interface TagPart {
  readonly kind: 'tag';
  /** Offsets of the whole tag in the string value. */
  readonly start: number;
  readonly end: number;
  readonly source: string;
  readonly root: string;
  readonly props: readonly string[];
  readonly filters: readonly { readonly name: string; readonly arg: string | undefined; readonly at: number }[];
}

export type TemplatePart = { readonly kind: 'text'; readonly text: string } | TagPart;

export interface TemplateError {
  readonly start: number;
  readonly end: number;
  readonly open: string;
  readonly close: string;
}

export interface Template {
  readonly parts: readonly TemplatePart[];
  readonly errors: readonly TemplateError[];
  readonly hasTags: boolean;
}

const TAG = /^\s*([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*)*)((?:\s*\|\s*[A-Za-z_]\w*(?:\s*:\s*[A-Za-z_]\w*)?)*)\s*$/;

/**
 * A cache of parsed templates, for one compilation: an abstract operation's strings are
 * expanded once per extension, and parsing them each time was most of the checker's work.
 */
export class Templates {
  private readonly parsed = new Map<string, Template & { readonly blanked: string }>();

  /** The parsed template, with `blanked`: the value with its tags blanked out (offsets kept). */
  get(value: string): Template & { readonly blanked: string } {
    let t = this.parsed.get(value);
    if (!t) {
      const p = parseTemplate(value);
      let blanked = '';
      for (const part of p.parts) blanked += part.kind === 'text' ? part.text : ' '.repeat(part.end - part.start);
      t = { ...p, blanked };
      this.parsed.set(value, t);
    }
    return t;
  }
}

export function parseTemplate(value: string): Template {
  const parts: TemplatePart[] = [];
  const errors: TemplateError[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    const open = value[i + 1];
    if (c === '$' && (open === '(' || open === '{')) {
      const close = open === '(' ? ')' : '}';
      const j = value.indexOf(close, i + 2);
      if (j < 0) {
        errors.push({ start: i, end: value.length, open: `$${open}`, close });
        text += value.slice(i);
        break;
      }
      const source = value.slice(i, j + 1);
      const m = TAG.exec(value.slice(i + 2, j));
      if (!m) {
        errors.push({ start: i, end: j + 1, open: `$${open}`, close });
        i = j + 1;
        continue;
      }
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      const props = (m[2].match(/[A-Za-z_]\w*/g) ?? []) as string[];
      const filters: { name: string; arg: string | undefined; at: number }[] = [];
      const fre = /\|\s*([A-Za-z_]\w*)(?:\s*:\s*([A-Za-z_]\w*))?/g;
      const base = i + 2 + m[0].indexOf(m[3] === '' ? '\u0000' : m[3]);
      for (const f of m[3].matchAll(fre)) filters.push({ name: f[1], arg: f[2], at: base + (f.index ?? 0) });
      parts.push({ kind: 'tag', start: i, end: j + 1, source, root: m[1], props, filters });
      i = j + 1;
      continue;
    }
    // Up to the next `$`, at once.
    const next = value.indexOf('$', i + 1);
    const stop = next < 0 ? value.length : next;
    text += value.slice(i, stop);
    i = stop;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { parts, errors, hasTags: parts.some((p) => p.kind === 'tag') };
}
