/**
 * The checker's first half: the symbol tables (entities, enums, typedefs, units, domains,
 * views) of a set of files, the object type of each entity and view, and name checks. The
 * operations are resolved by `operations.ts` on top of it.
 */
import type { Attribute, Description, DomainDecl, EdlFile, EntityDecl, EnumDecl, Ident, Str, TypeRef, TypedefDecl, ViewDecl } from './ast.ts';
import { type DiagnosticCode, Diagnostics } from './diagnostics.ts';
import { type NamingMethod, capitalize, isNamingMethod } from './naming.ts';
import { type FieldInfo, type ObjectType, type TypeInfo, isPrimitive } from './program.ts';
import { Templates } from './template.ts';

/** Text of descriptions: several join with a space, an empty one is a paragraph break; `summary`/`detail` only kinds are left out. */
export function docText(docs: readonly Description[]): string | undefined {
  let out = '';
  for (const d of docs) {
    if (d.kinds.length > 0 && !d.kinds.some((k) => k.text === 'main')) continue;
    if (d.text.value === '') out += '\n\n';
    else out += out === '' || out.endsWith('\n') ? d.text.value : ` ${d.text.value}`;
  }
  return out === '' ? undefined : out;
}

/** A domain: every `domain` block of that name (in one file or several), merged. */
export interface DomainInfo {
  readonly decls: { decl: DomainDecl; file: EdlFile }[];
  entityNaming: NamingMethod;
  /** Views of one entity in this domain (`domain D { entity E { view … } }`), by entity. */
  readonly entityViews: Map<string, Map<string, ViewDecl>>;
  /** Domain-wide views, for any entity. */
  readonly views: Map<string, ViewDecl>;
}

export class Checker {
  readonly diags = new Map<string, Diagnostics>();
  readonly entities = new Map<string, { decl: EntityDecl; file: EdlFile }>();
  readonly enums = new Map<string, EnumDecl>();
  readonly typedefs = new Map<string, TypedefDecl>();
  readonly units = new Set<string>();
  readonly domains = new Map<string, DomainInfo>();
  readonly types = new Map<string, ObjectType>();
  private readonly typeKeys = new Map<string, string>();
  private readonly reported = new Set<string>();
  /** Parsed parameterised strings, by value. */
  readonly templates = new Templates();
  /** The file being checked (diagnostics go to it). */
  file: EdlFile;

  constructor(readonly files: readonly EdlFile[]) {
    this.file = files[0];
    for (const f of files) this.diags.set(f.path, new Diagnostics(f.path));
  }

  error(code: DiagnosticCode, span: { pos: number; end: number }, args: Readonly<Record<string, string | number>> = {}, file = this.file): void {
    // Inherited parts are checked once per extension: report each problem once.
    const key = `${file.path}:${span.pos}:${code}:${JSON.stringify(args)}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diags.get(file.path)?.error(code, span, args);
  }

  /** Fills the symbol tables; duplicates are reported. */
  declare(): void {
    const seen = new Map<string, string>();
    const unique = (what: string, name: Ident): boolean => {
      if (name.missing) return false;
      const key = `${what === 'domain' ? 'd' : 't'}:${name.text}`;
      if (seen.has(key)) {
        this.error('EDL010', name, { what, name: name.text });
        return false;
      }
      seen.set(key, what);
      return true;
    };
    for (const f of this.files) {
      this.file = f;
      for (const u of f.units) this.units.add(u.name.text);
      for (const e of f.entities) {
        if (unique('entity', e.name)) this.entities.set(e.name.text, { decl: e, file: f });
        for (const en of e.enums) if (unique('enum', en.name)) this.enums.set(en.name.text, en);
      }
      for (const e of f.enums) if (unique('enum', e.name)) this.enums.set(e.name.text, e);
      for (const t of f.typedefs) if (unique('typedef', t.name)) this.typedefs.set(t.name.text, t);
      for (const d of f.domains) {
        if (d.name.missing) continue;
        const info = this.domains.get(d.name.text) ?? { decls: [], entityNaming: 'standard', entityViews: new Map(), views: new Map() };
        this.domains.set(d.name.text, info);
        this.domainInfo(info, d, f);
      }
    }
  }

  private domainInfo(info: DomainInfo, d: DomainDecl, file: EdlFile): void {
    info.decls.push({ decl: d, file });
    for (const n of d.naming) {
      if (!n.method || n.method.missing) continue;
      if (!isNamingMethod(n.method.text)) {
        this.error('EDL027', n.method, { name: n.method.text });
        continue;
      }
      if (n.classes.length === 0 || n.classes.some((c) => c.text === 'entity')) info.entityNaming = n.method.text;
    }
    for (const v of d.views) this.addView(info.views, v, `domain ${d.name.text}`);
    for (const e of d.entities) {
      const m = info.entityViews.get(e.name.text) ?? new Map<string, ViewDecl>();
      for (const v of e.views) this.addView(m, v, `entity ${e.name.text} of domain ${d.name.text}`);
      info.entityViews.set(e.name.text, m);
    }
  }

  private addView(into: Map<string, ViewDecl>, v: ViewDecl, where: string): void {
    if (v.name.missing) return;
    if (into.has(v.name.text)) this.error('EDL010', v.name, { what: 'view', name: `${v.name.text} in ${where}` });
    else into.set(v.name.text, v);
  }

  /** Checks every entity (its attributes, types, units, relationships, own views) and builds its object type. */
  checkEntities(): void {
    for (const [name, { decl, file }] of this.entities) {
      this.file = file;
      const seen = new Set<string>();
      const fieldName = (n: Ident) => {
        if (n.missing) return;
        if (seen.has(n.text)) this.error('EDL010', n, { what: 'attribute or relationship', name: `${n.text} of entity ${name}` });
        seen.add(n.text);
      };
      if (decl.primaryKey) {
        fieldName(decl.primaryKey.name);
        this.typeOf(decl.primaryKey.type);
      }
      for (const a of decl.attributes) {
        fieldName(a.name);
        this.typeOf(a.type);
        if (a.unit && !a.unit.missing && !this.units.has(a.unit.text)) this.error('EDL024', a.unit, { name: a.unit.text });
      }
      for (const r of decl.relationships) {
        fieldName(r.name);
        if (!r.target.missing && !this.entities.has(r.target.text)) this.error('EDL020', r.target, { name: r.target.text });
      }
      const own = new Map<string, ViewDecl>();
      for (const v of decl.views) this.addView(own, v, `entity ${name}`);
      for (const v of decl.views) this.viewType(name, v, undefined);
      this.entityType(name);
    }
    for (const e of this.enums.values()) {
      const values = new Map<string, string>();
      const names = new Set<string>();
      for (const it of e.items) {
        if (names.has(it.name.text)) this.error('EDL010', it.name, { what: 'enum item', name: `${it.name.text} of enum ${e.name.text}` });
        names.add(it.name.text);
        if (!it.value) continue;
        const first = values.get(it.value.text);
        if (first !== undefined) this.error('EDL057', it.value, { name: e.name.text, value: it.value.text, first, second: it.name.text });
        else values.set(it.value.text, it.name.text);
      }
    }
    for (const d of this.domains.values()) {
      for (const { decl, file } of d.decls) {
        this.file = file;
        for (const e of decl.entities) {
          if (!e.name.missing && !this.entities.has(e.name.text)) this.error('EDL020', e.name, { name: e.name.text });
          else for (const v of e.views) this.viewType(e.name.text, v, decl.name.text);
        }
      }
    }
  }

  /** The type a type reference names; unknown ones are reported and read as `any`. */
  typeOf(t: TypeRef, many = false): TypeInfo {
    const inner = this.baseType(t);
    return many ? { kind: 'array', items: inner } : inner;
  }

  private baseType(t: TypeRef): TypeInfo {
    const n = t.name.text;
    if (t.name.missing) return { kind: 'any' };
    if (t.array) {
      if (n !== 'byte') this.error('EDL023', t, { name: `${n}[]` });
      return { kind: 'primitive', name: 'binary' };
    }
    if (n === 'byte') return { kind: 'primitive', name: 'binary' };
    if (isPrimitive(n)) return { kind: 'primitive', name: n };
    const en = this.enums.get(n);
    if (en) return { kind: 'enum', name: n, values: en.items.map((i) => i.name.text) };
    const td = this.typedefs.get(n);
    if (td) return { kind: 'primitive', name: td.base.text === 'int64' ? 'int64' : 'int32' };
    if (this.entities.has(n)) return { kind: 'object', name: this.entityType(n).name };
    this.error('EDL023', t.name, { name: n });
    return { kind: 'any' };
  }

  /** An attribute's field name: a unit is part of it (`distance in kilometers` → `distanceInKilometers`). */
  attributeField(a: Attribute): string {
    return a.unit && !a.unit.missing ? `${a.name.text}In${capitalize(a.unit.text)}` : a.name.text;
  }

  private attributeInfo(a: Attribute): FieldInfo {
    const many = a.qualifiers.some((q) => q.text === 'many');
    const stamp = a.qualifiers.find((q) => q.text === 'creation' || q.text === 'modification')?.text as FieldInfo['stamp'];
    return {
      name: this.attributeField(a),
      type: this.typeOf(a.type, many),
      optional: a.qualifiers.some((q) => q.text === 'optional'),
      doc: docText(a.docs),
      ...(stamp ? { stamp } : {}),
    };
  }

  private keyType(entity: string): TypeInfo {
    const e = this.entities.get(entity)?.decl;
    if (!e?.primaryKey) return e ? { kind: 'object', name: this.entityType(entity).name } : { kind: 'any' };
    return this.typeOf(e.primaryKey.type);
  }

  private register(key: string, make: (name: string) => ObjectType, base: string, alt: string): ObjectType {
    const known = this.typeKeys.get(key);
    if (known) return this.types.get(known)!;
    const name = this.types.has(base) ? alt : base;
    this.typeKeys.set(key, name);
    // Registered before its fields are built, so a type that refers to itself terminates.
    this.types.set(name, { name, entity: '', view: undefined, fields: [], doc: undefined });
    const t = make(name);
    this.types.set(name, t);
    return t;
  }

  /** The object type of an entity: its primary key, attributes and relationships (as the related primary key). */
  entityType(entity: string): ObjectType {
    const { decl } = this.entities.get(entity)!;
    return this.register(
      `entity:${entity}`,
      (name) => {
        const fields: FieldInfo[] = [];
        if (decl.primaryKey)
          fields.push({ name: decl.primaryKey.name.text, type: this.typeOf(decl.primaryKey.type), optional: false, doc: docText(decl.primaryKey.docs) });
        for (const a of decl.attributes) fields.push(this.attributeInfo(a));
        for (const r of decl.relationships) {
          const key = this.keyType(r.target.text);
          fields.push({ name: r.name.text, type: r.plurality.text === 'many' ? { kind: 'array', items: key } : key, optional: true, doc: docText(r.docs) });
        }
        return { name, entity, view: undefined, fields, doc: docText(decl.docs), ...(decl.primaryKey ? { key: decl.primaryKey.name.text } : {}) };
      },
      entity,
      `${entity}Entity`,
    );
  }

  /**
   * Finds a view of an entity: the domain's view for that entity, the entity's own, the
   * domain's views for every entity — or, with no domain, the entity's own and any domain's.
   */
  findView(entity: string, view: string, domain: string | undefined): { decl: ViewDecl; domain: string | undefined } | undefined {
    const own = this.entities.get(entity)?.decl.views.find((v) => v.name.text === view);
    const look = (d: DomainInfo) => d.entityViews.get(entity)?.get(view);
    if (domain !== undefined) {
      const d = this.domains.get(domain);
      const inDomain = d && look(d);
      if (inDomain) return { decl: inDomain, domain };
      if (own) return { decl: own, domain: undefined };
      const wide = d?.views.get(view);
      return wide ? { decl: wide, domain } : undefined;
    }
    if (own) return { decl: own, domain: undefined };
    for (const [name, d] of this.domains) {
      const v = look(d);
      if (v) return { decl: v, domain: name };
    }
    for (const [name, d] of this.domains) {
      const v = d.views.get(view);
      if (v) return { decl: v, domain: name };
    }
    return undefined;
  }

  /** The object type of a view of an entity (include/exclude rules applied in order). */
  viewType(entity: string, v: ViewDecl, domain: string | undefined): ObjectType {
    const base = `${entity}${capitalize(v.name.text)}`;
    return this.register(
      `view:${entity}:${v.name.text}:${domain ?? ''}`,
      (name) => {
        const { decl } = this.entities.get(entity)!;
        const fields: FieldInfo[] = [];
        if (decl.primaryKey && v.primaryKey !== 'exclude')
          fields.push({ name: decl.primaryKey.name.text, type: this.typeOf(decl.primaryKey.type), optional: false, doc: docText(decl.primaryKey.docs) });
        const attrs = select(
          decl.attributes,
          v.attributes,
          (a, rule) => {
            if (rule.selector) return a.qualifiers.some((q) => q.text === rule.selector?.text || (rule.selector?.text === 'array' && q.text === 'many'));
            if (rule.tagged.length > 0) return a.tags.some((t) => rule.tagged.some((x) => x.value === t.value));
            return true;
          },
          (a) => a.name.text,
          (n) => this.error('EDL025', n, { name: n.text, entity }),
        );
        for (const a of attrs) fields.push(this.attributeInfo(a));
        const rels = select(
          decl.relationships,
          v.relationships,
          (r, rule) => {
            const s = rule.selector?.text;
            if (s === 'to-one' && r.plurality.text !== 'one') return false;
            if (s === 'to-many' && r.plurality.text !== 'many') return false;
            if (s === 'parent' && !r.qualifiers.some((q) => q.text === 'parent')) return false;
            return !rule.target || rule.target.text === r.target.text;
          },
          (r) => r.name.text,
          (n) => this.error('EDL026', n, { name: n.text, entity }),
        );
        for (const { item: r, rule } of rels.withRules) {
          let item: TypeInfo = this.keyType(r.target.text);
          if (rule?.withView && !rule.withView.missing) {
            const found = this.findView(r.target.text, rule.withView.text, domain);
            if (found) item = { kind: 'object', name: this.viewType(r.target.text, found.decl, found.domain).name };
            else this.error('EDL021', rule.withView, { name: rule.withView.text, where: ` of entity ${r.target.text}` });
          }
          fields.push({
            name: rule?.as?.text ?? r.name.text,
            type: r.plurality.text === 'many' ? { kind: 'array', items: item } : item,
            optional: true,
            doc: docText(r.docs),
          });
        }
        return { name, entity, view: v.name.text, fields, doc: docText(v.docs) };
      },
      base,
      `${base}${domain ?? 'View'}`,
    );
  }
}

type Rule = ViewDecl['attributes'][number];

/**
 * Applies include/exclude rules in order. No rules: everything; a first `include`: start
 * from nothing; a first `exclude`: start from everything.
 */
function select<T>(
  items: readonly T[],
  rules: readonly Rule[],
  matches: (item: T, rule: Rule) => boolean,
  nameOf: (item: T) => string,
  unknown: (n: Ident) => void,
): T[] & { withRules: { item: T; rule: Rule | undefined }[] } {
  const chosen = new Map<T, Rule | undefined>();
  if (rules.length === 0 || rules[0].mode === 'exclude') for (const it of items) chosen.set(it, undefined);
  for (const rule of rules) {
    let targets: T[];
    if (rule.names) {
      targets = [];
      for (const n of rule.names) {
        const it = items.find((x) => nameOf(x) === n.text);
        if (it) targets.push(it);
        else if (!n.missing) unknown(n);
      }
    } else targets = items.filter((it) => matches(it, rule));
    for (const it of targets) {
      if (rule.mode === 'include') chosen.set(it, rule);
      else chosen.delete(it);
    }
  }
  const list = items.filter((it) => chosen.has(it));
  return Object.assign(list, { withRules: list.map((item) => ({ item, rule: chosen.get(item) })) });
}

export type { Str };
