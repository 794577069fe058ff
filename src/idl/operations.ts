/**
 * The checker's second half: operations. Each concrete operation is flattened through its
 * `extends` chain (abstract operations of its interface, or concrete ones of the same block;
 * cycles reported), its config values checked against the abstract operation's parameters,
 * its parameterised strings expanded in the entity and domain it is extended in, and its
 * HTTP binding checked: method, path parameters, bodies, statuses.
 */
import type { HttpMethod } from '../api/binding.ts';
import type { BodyDecl, ConfigParam, ConfigValue, Description, EdlFile, Ident, Literal, OperationDecl, ParamDecl, StatusDecl, Str } from './ast.ts';
import { type Checker, docText } from './checker.ts';
import { applyNaming, capitalize, dashes, uncapitalize } from './naming.ts';
import type { BodyInfo, Operation, ParamInfo, StatusInfo, TypeInfo } from './program.ts';
import { statusCode } from './statuses.ts';

/** The standard library's interface (standard.ts). */
export const STANDARD_INTERFACE = 'Standard';

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const FILTERS = new Set(['domain', 'lowercase', 'uppercase', 'capitalize', 'uncapitalize', 'dashes']);

/** Where an operation is written. */
interface Site {
  readonly op: OperationDecl;
  readonly iface: string;
  readonly file: EdlFile;
  readonly entity: string | undefined;
  readonly domain: string | undefined;
  /** The operations of the same interface block. */
  readonly block: readonly OperationDecl[];
}

interface From<T> {
  readonly decl: T;
  readonly site: Site;
}

/** An operation with its chain applied, before expansion. */
interface Flat {
  docs: From<readonly Description[]> | undefined;
  method: From<Ident> | undefined;
  path: From<Str> | undefined;
  params: Map<string, From<ParamDecl>>;
  requestBody: From<BodyDecl> | undefined;
  responseBody: From<BodyDecl> | undefined;
  statuses: Map<number, From<StatusDecl>>;
  /** The abstract operation at the chain's root, and its config parameters. */
  root: Site | undefined;
  /** The standard library's operation in the chain (`GetById`…), if one is. */
  standard: string | undefined;
  values: Map<string, From<ConfigValue>>;
  /** Its base could not be resolved (reported): nothing more is said of it. */
  broken: boolean;
}

type Value = { readonly kind: 'entity' | 'domain' | 'view' | 'attribute'; readonly name: string } | { readonly kind: 'literal'; readonly literal: Literal };

/** The values of a concrete operation's parameterised strings and arguments. */
interface Scope {
  readonly site: Site;
  readonly entity: string | undefined;
  readonly domain: string | undefined;
  readonly names: ReadonlyMap<string, Value>;
  /** The root's argument names (a default naming one whose value was refused says nothing more). */
  readonly args: ReadonlySet<string>;
}

export function checkOperations(c: Checker): Operation[] {
  const sites: Site[] = [];
  const abstracts = new Map<string, Map<string, Site>>();
  const concretes = new Map<string, Map<string, Site>>();
  const add = (site: Site) => {
    sites.push(site);
    const index = site.op.abstract ? abstracts : concretes;
    const m = index.get(site.iface) ?? new Map<string, Site>();
    if (!m.has(site.op.name.text)) m.set(site.op.name.text, site);
    index.set(site.iface, m);
  };
  for (const file of c.files) {
    for (const op of file.operations) add({ op, iface: '', file, entity: undefined, domain: undefined, block: file.operations });
    for (const i of file.interfaces)
      for (const op of i.operations) add({ op, iface: i.name.text, file, entity: undefined, domain: undefined, block: i.operations });
    for (const d of file.domains) {
      for (const i of d.interfaces)
        for (const op of i.operations) add({ op, iface: i.name.text, file, entity: undefined, domain: d.name.text, block: i.operations });
      for (const e of d.entities)
        for (const i of e.interfaces)
          for (const op of i.operations)
            add({ op, iface: i.name.text, file, entity: e.name.missing ? undefined : e.name.text, domain: d.name.text, block: i.operations });
    }
  }

  // Duplicate operations: one name per interface (handlers are bound by name).
  const names = new Map<string, Site>();
  for (const s of sites) {
    if (s.op.name.missing || s.op.abstract) continue;
    const key = `${s.iface}\u0000${s.op.name.text}`;
    if (names.has(key)) c.error('EDL011', s.op.name, { name: s.op.name.text, interface: s.iface || '(none)' }, s.file);
    else names.set(key, s);
  }
  for (const s of sites) {
    if (s.op.abstract && s.iface === '') c.error('EDL054', s.op.name, { name: s.op.name.text }, s.file);
    if (!s.op.abstract && s.op.params.length > 0) c.error('EDL049', s.op.params[0], { name: s.op.name.text }, s.file);
    checkOwnTemplates(c, s);
  }

  const memo = new Map<OperationDecl, Flat>();
  const siteOf = new Map<OperationDecl, Site>();
  for (const s of sites) if (!siteOf.has(s.op)) siteOf.set(s.op, s);
  const lookup = (site: Site): Site | undefined => {
    const base = site.op.base!;
    if (base.missing) return undefined;
    const sibling = site.block.find((o) => o !== site.op && o.name.text === base.text);
    if (sibling) return siteOf.get(sibling);
    // Its interface's abstract operation, else the standard library's (interface Standard);
    // an abstract operation extending its own name (`abstract operation GetById extends GetById`)
    // extends the standard library's.
    const own = site.iface === '' ? [...abstracts.values()].map((m) => m.get(base.text)).find((x) => x) : abstracts.get(site.iface)?.get(base.text);
    const abstract = (own && own.op !== site.op ? own : undefined) ?? abstracts.get(STANDARD_INTERFACE)?.get(base.text);
    if (abstract) return abstract;
    const concrete = concretes.get(site.iface)?.get(base.text);
    if (concrete && concrete.op !== site.op) {
      c.error('EDL041', base, { base: base.text, interface: site.iface }, site.file);
      return undefined;
    }
    if (base.text === site.op.name.text) c.error('EDL040', base, { cycle: `${base.text} → ${base.text}` }, site.file);
    else c.error('EDL042', base, { name: base.text, interface: site.iface || '(none)' }, site.file);
    return undefined;
  };
  const flatten = (site: Site, stack: readonly Site[]): Flat => {
    const known = memo.get(site.op);
    if (known) return known;
    let parent: Flat | undefined;
    let broken = false;
    if (site.op.base) {
      const base = lookup(site);
      broken = !base;
      if (base && stack.includes(base)) {
        const cycle = [...stack.slice(stack.indexOf(base)), site, base].map((s) => s.op.name.text).join(' → ');
        c.error('EDL040', site.op.base, { cycle }, site.file);
        broken = true;
      } else if (base) parent = flatten(base, [...stack, site]);
    }
    const flat = overlay(c, site, parent);
    flat.broken ||= broken;
    memo.set(site.op, flat);
    return flat;
  };

  const out: Operation[] = [];
  for (const s of sites) {
    if (s.op.abstract || s.op.name.missing) {
      if (s.op.abstract) flatten(s, []);
      continue;
    }
    const flat = flatten(s, []);
    if (flat.broken) continue;
    const op = build(c, s, flat);
    if (op) out.push(op);
  }
  return out;
}

function overlay(c: Checker, site: Site, parent: Flat | undefined): Flat {
  const op = site.op;
  const flat: Flat = parent
    ? { ...parent, params: new Map(parent.params), statuses: new Map(parent.statuses), values: new Map(parent.values) }
    : {
        docs: undefined,
        method: undefined,
        path: undefined,
        params: new Map(),
        requestBody: undefined,
        responseBody: undefined,
        statuses: new Map(),
        root: undefined,
        standard: undefined,
        values: new Map(),
        broken: false,
      };
  if (op.docs.length > 0) flat.docs = { decl: op.docs, site };
  if (op.abstract) flat.root = site;
  if (op.abstract && site.iface === STANDARD_INTERFACE) flat.standard = op.name.text;
  const rq = op.request;
  if (rq?.method) flat.method = { decl: rq.method, site };
  if (rq?.path) {
    const p = rq.path;
    if (p.inherited) {
      if (!parent) c.error('EDL047', p.keyword, { keyword: p.keyword.text }, site.file);
    } else {
      flat.path = p.template ? { decl: p.template, site } : undefined;
      flat.params = new Map();
    }
    const own = new Set<string>();
    for (const param of p.params) {
      if (param.name.missing) continue;
      if (own.has(param.name.text)) c.error('EDL010', param.name, { what: 'parameter', name: param.name.text }, site.file);
      own.add(param.name.text);
      flat.params.set(param.name.text, { decl: param, site });
    }
  }
  if (rq?.body) flat.requestBody = { decl: rq.body, site };
  const rs = op.response;
  if (rs?.body) flat.responseBody = { decl: rs.body, site };
  const ownCodes = new Set<number>();
  for (const st of rs?.statuses ?? []) {
    const code = statusCode(st.code.text);
    if (code === undefined) {
      if (st.code.text !== '') c.error('EDL035', st.code, { name: st.code.text }, site.file);
      continue;
    }
    if (ownCodes.has(code)) c.error('EDL038', st.code, { code, name: op.name.text }, site.file);
    ownCodes.add(code);
    flat.statuses.set(code, { decl: st, site });
  }
  if (op.values.length > 0 && !flat.root) c.error('EDL048', op.values[0].name, {}, site.file);
  for (const v of op.values) flat.values.set(v.name.text, { decl: v, site });
  return flat;
}

/** Names an operation's own strings may use: entity, domain, and its config parameters. */
function allowedNames(site: Site): Set<string> {
  const out = new Set(['entity', 'domain']);
  for (const p of site.op.params) out.add(p.name.text);
  return out;
}

function templatesOf(op: OperationDecl): Str[] {
  const out: Str[] = [];
  const docs = (d: readonly Description[]) => {
    for (const x of d) out.push(x.text);
  };
  docs(op.docs);
  if (op.request?.path?.template) out.push(op.request.path.template);
  for (const p of op.request?.path?.params ?? []) docs(p.docs);
  if (op.request?.body) docs(op.request.body.docs);
  if (op.response?.body) docs(op.response.body.docs);
  for (const s of op.response?.statuses ?? []) docs(s.docs);
  return out;
}

/** Checks the syntax and names of the tags in an operation's own strings. */
function checkOwnTemplates(c: Checker, site: Site): void {
  const allowed = allowedNames(site);
  for (const s of templatesOf(site.op)) {
    const t = c.templates.get(s.value);
    for (const e of t.errors) c.error('EDL052', { pos: s.inner + e.start, end: s.inner + e.end }, { open: e.open, close: `'${e.close}'` }, site.file);
    for (const p of t.parts) {
      if (p.kind !== 'tag') continue;
      const span = { pos: s.inner + p.start, end: s.inner + p.end };
      if (!allowed.has(p.root) && !(site.op.abstract === false && site.op.base)) {
        c.error('EDL050', span, { name: p.root, expected: [...allowed].join(', ') }, site.file);
      }
      for (const prop of p.props) if (prop !== 'name') c.error('EDL050', span, { name: `${p.root}.${prop}`, expected: `${p.root}.name` }, site.file);
      for (const f of p.filters)
        if (!FILTERS.has(f.name)) c.error('EDL051', { pos: s.inner + f.at, end: s.inner + f.at + f.name.length + 1 }, { name: f.name }, site.file);
    }
  }
}

function expand(c: Checker, s: Str, scope: Scope): string {
  const t = c.templates.get(s.value);
  if (!t.hasTags) return s.value;
  let out = '';
  for (const p of t.parts) {
    if (p.kind === 'text') {
      out += p.text;
      continue;
    }
    const v = scope.names.get(p.root);
    if (!v) {
      // An extending operation may use its base's parameter names.
      out += p.source;
      continue;
    }
    if (v.kind !== 'literal' && v.name === '') {
      c.error('EDL053', scope.site.op.name, { text: p.source }, scope.site.file);
      out += p.source;
      continue;
    }
    let text = v.kind === 'literal' ? v.literal.text : v.name;
    for (const f of p.filters) {
      if (f.name === 'domain') {
        const d = c.domains.get(f.arg ?? scope.domain ?? '');
        if (d && v.kind === 'entity') text = applyNaming(d.entityNaming, text);
      } else if (f.name === 'lowercase') text = text.toLowerCase();
      else if (f.name === 'uppercase') text = text.toUpperCase();
      else if (f.name === 'capitalize') text = capitalize(text);
      else if (f.name === 'uncapitalize') text = uncapitalize(text);
      else if (f.name === 'dashes') text = dashes(text);
    }
    out += text;
  }
  return out;
}

const ARGUMENT_KINDS: Record<string, string> = { domain: 'a domain', entity: 'an entity', view: 'a view', attribute: 'an attribute' };

function expectedOf(type: string): string {
  return ARGUMENT_KINDS[type] ?? (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
}

/** Whether a literal is a value of a primitive type. */
function literalFits(type: string, l: Literal): boolean {
  switch (type) {
    case 'int32':
      return l.kind === 'int' && Math.abs(Number(l.text)) <= 2 ** 31;
    case 'int64':
      return l.kind === 'int';
    case 'float':
    case 'double':
      return l.kind === 'int' || l.kind === 'float';
    case 'boolean':
      return l.kind === 'id' && (l.text === 'true' || l.text === 'false');
    default:
      return l.kind === 'string';
  }
}

function literalValue(type: TypeInfo, l: Literal): unknown {
  if (type.kind === 'primitive') {
    if (type.name === 'int64') return BigInt(l.text);
    if (type.name === 'int32' || type.name === 'float' || type.name === 'double') return Number(l.text);
    if (type.name === 'boolean') return l.text === 'true';
  }
  return l.text;
}

/** The scope of a concrete operation: context values from its place, config values checked. */
function scopeOf(c: Checker, site: Site, flat: Flat): Scope {
  const names = new Map<string, Value>();
  names.set('entity', { kind: 'entity', name: site.entity ?? '' });
  names.set('domain', { kind: 'domain', name: site.domain ?? '' });
  const root = flat.root;
  if (!root) return { site, entity: site.entity, domain: site.domain, names, args: new Set() };
  const where = (p: ConfigParam) => (p.type.text === 'entity' ? 'an entity block of a domain' : 'a domain');
  for (const p of root.op.params.filter((x) => x.context)) {
    const given = p.type.text === 'entity' ? site.entity : site.domain;
    const name = given ?? p.value?.text;
    if (name === undefined)
      c.error('EDL046', site.op.name, { name: site.op.name.text, base: root.op.name.text, kind: p.type.text, param: p.name.text, where: where(p) }, site.file);
    names.set(p.name.text, { kind: p.type.text === 'entity' ? 'entity' : 'domain', name: name ?? '' });
  }
  const args = root.op.params.filter((x) => !x.context);
  const set = new Set<ConfigParam>();
  for (const { decl: v, site: at } of flat.values.values()) {
    // A value names its argument, or the argument's kind when only one argument has it (`view = FeedCell`).
    const arg = args.find((a) => a.name.text === v.name.text) ?? singleOfKind(args, v.name.text);
    if (!arg) {
      c.error('EDL044', v.name, { base: root.op.name.text, name: v.name.text }, at.file);
      continue;
    }
    set.add(arg);
    const kind = arg.type.text;
    const val = v.value;
    if (kind in ARGUMENT_KINDS) {
      if (val.kind !== 'id') {
        c.error('EDL045', val, { name: arg.name.text, base: root.op.name.text, expected: expectedOf(kind), value: val.text }, at.file);
        continue;
      }
      if (kind === 'domain' && !c.domains.has(val.text)) c.error('EDL022', val, { name: val.text }, at.file);
      if (kind === 'entity' && !c.entities.has(val.text)) c.error('EDL020', val, { name: val.text }, at.file);
      names.set(arg.name.text, { kind: kind as 'view', name: val.text });
    } else {
      if (!literalFits(kind, val))
        c.error(
          'EDL045',
          val,
          { name: arg.name.text, base: root.op.name.text, expected: expectedOf(kind), value: val.kind === 'string' ? JSON.stringify(val.text) : val.text },
          at.file,
        );
      else names.set(arg.name.text, { kind: 'literal', literal: val });
    }
  }
  for (const a of args) {
    if (set.has(a)) continue;
    if (a.value)
      names.set(a.name.text, a.type.text in ARGUMENT_KINDS ? { kind: a.type.text as 'view', name: a.value.text } : { kind: 'literal', literal: a.value });
    else c.error('EDL043', site.op.name, { name: site.op.name.text, argument: a.name.text, base: root.op.name.text }, site.file);
  }
  return { site, entity: site.entity, domain: site.domain, names, args: new Set(args.map((a) => a.name.text)) };
}

function singleOfKind(args: readonly ConfigParam[], kind: string): ConfigParam | undefined {
  const of = args.filter((a) => a.type.text === kind);
  return of.length === 1 ? of[0] : undefined;
}

function docOf(c: Checker, docs: readonly Description[] | undefined, scope: Scope): string | undefined {
  if (!docs) return undefined;
  const text = docText(docs.map((d) => ({ ...d, text: { ...d.text, value: expand(c, d.text, scope) } })));
  return text;
}

function build(c: Checker, site: Site, flat: Flat): Operation | undefined {
  const scope = scopeOf(c, site, flat);
  const name = site.op.name.text;
  let method: HttpMethod = 'GET';
  if (!flat.method) c.error('EDL036', site.op.name, { name }, site.file);
  else if (!METHODS.has(flat.method.decl.text.toUpperCase())) {
    if (!flat.method.decl.missing) c.error('EDL033', flat.method.decl, { name: flat.method.decl.text }, flat.method.site.file);
  } else method = flat.method.decl.text.toUpperCase() as HttpMethod;
  if (!flat.path) {
    c.error('EDL037', site.op.name, { name }, site.file);
    return undefined;
  }
  const template = flat.path.decl;
  const path = expand(c, template, scope);
  const params = checkParams(c, flat, template, scope);
  const requestBody = flat.requestBody && bodyOf(c, flat.requestBody, scope);
  if (requestBody && method === 'GET') c.error('EDL034', flat.requestBody!.decl, { method }, flat.requestBody!.site.file);
  const responseBody = flat.responseBody && bodyOf(c, flat.responseBody, scope);
  const statuses: StatusInfo[] = [...flat.statuses.entries()].map(([code, s]) => ({ code, doc: docOf(c, s.decl.docs, scope) }));
  const success = statuses.find((s) => s.code >= 200 && s.code < 300)?.code ?? 200;
  return {
    name,
    interface: site.iface,
    doc: docOf(c, flat.docs?.decl, scope),
    method,
    path: path.startsWith('/') ? path : `/${path}`,
    params,
    requestBody,
    responseBody,
    statuses,
    success,
    entity: site.entity,
    domain: site.domain,
    standard: flat.standard,
    decl: site.op,
  };
}

function checkParams(c: Checker, flat: Flat, template: Str, scope: Scope): ParamInfo[] {
  // Tags are blanked out, so only the template's own `{name}` segments count.
  const raw = c.templates.get(template.value).blanked;
  const file = c.files.find((f) => f === fileOfSite(flat.path!.site)) ?? flat.path!.site.file;
  const inPath = new Map<string, number>();
  for (const m of raw.matchAll(/\{(\w+)\}/g)) inPath.set(m[1], m.index ?? 0);
  const out: ParamInfo[] = [];
  for (const [pname, { decl, site }] of flat.params) {
    const type = c.typeOf(decl.type);
    const isPath = !decl.query;
    if (isPath && !inPath.has(pname)) {
      const paren = raw.indexOf(`(${pname})`);
      if (paren >= 0)
        c.error('EDL032', { pos: template.inner + paren, end: template.inner + paren + pname.length + 2 }, { text: `(${pname})`, name: pname }, file);
      c.error('EDL030', decl.name, { name: pname, path: template.value }, site.file);
    }
    if (isPath && decl.value) c.error('EDL056', decl.value, { name: pname }, site.file);
    let hasDefault = false;
    let value: unknown;
    if (decl.value && !isPath) {
      const l = decl.value;
      const ref = l.kind === 'id' ? scope.names.get(l.text) : undefined;
      const lit = ref?.kind === 'literal' ? ref.literal : l;
      const typeName = type.kind === 'primitive' ? type.name : 'string';
      if (l.kind === 'id' && !ref && scope.args.has(l.text)) {
        // The argument's value was refused or is missing: reported already.
      } else if (!literalFits(typeName, lit)) {
        c.error('EDL055', l, { value: lit.text, name: pname, expected: expectedOf(typeName) }, site.file);
      } else {
        hasDefault = true;
        value = literalValue(type, lit);
      }
    }
    out.push({ name: pname, in: isPath ? 'path' : 'query', type, hasDefault, default: value, doc: docOf(c, decl.docs, scope) });
  }
  for (const [n, at] of inPath) {
    const p = flat.params.get(n);
    if (!p || p.decl.query) c.error('EDL031', { pos: template.inner + at, end: template.inner + at + n.length + 2 }, { path: template.value, name: n }, file);
  }
  return out;
}

function fileOfSite(site: Site): EdlFile {
  return site.file;
}

function bodyOf(c: Checker, from: From<BodyDecl>, scope: Scope): BodyInfo {
  const b = from.decl;
  const file = from.site.file;
  let domain = scope.domain;
  if (b.domain && !b.domain.missing) {
    const named = scope.names.get(b.domain.text);
    const d = named && named.kind === 'domain' ? named.name : b.domain.text;
    if (!c.domains.has(d)) c.error('EDL022', b.domain, { name: d }, file);
    else domain = d;
  }
  let type: TypeInfo = { kind: 'any' };
  if (b.view && !b.view.name.missing) {
    const arg = b.view.entity ? undefined : scope.names.get(b.view.name.text);
    const viewName = arg && arg.kind === 'view' ? arg.name : b.view.name.text;
    const entity = b.view.entity?.text ?? scope.entity;
    if (entity === undefined) c.error('EDL028', b.view, { hint: `view <Entity>.${viewName}` }, file);
    else if (!c.entities.has(entity)) c.error('EDL020', b.view.entity ?? b.view, { name: entity }, file);
    else {
      const found = c.findView(entity, viewName, domain);
      if (found) type = { kind: 'object', name: c.viewType(entity, found.decl, found.domain).name };
      else c.error('EDL021', b.view.name, { name: viewName, where: ` of entity ${entity}${domain ? ` in domain ${domain}` : ''}` }, file);
    }
  } else if (scope.entity && c.entities.has(scope.entity)) type = { kind: 'object', name: c.entityType(scope.entity).name };
  if (b.many) type = { kind: 'array', items: type };
  return { type, contentType: b.contentType?.value, doc: docOf(c, b.docs, scope) };
}
