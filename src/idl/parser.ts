/**
 * The EDL parser: recursive descent over the scanner's tokens, never throwing. Every node
 * keeps its span; what is missing becomes a missing node; every block goes through the one
 * list driver (`Reader.block`), so one error costs one diagnostic and parsing goes on. The
 * grammar is the union of the pages' and entity-compiler's (docs/edl.md).
 */
import type {
  Attribute,
  BitField,
  BodyDecl,
  ConfigParam,
  ConfigValue,
  Description,
  DomainDecl,
  DomainEntity,
  EdlFile,
  EntityDecl,
  EnumDecl,
  EnumItem,
  Ident,
  InterfaceDecl,
  NamingDecl,
  OperationDecl,
  ParamDecl,
  PathDecl,
  PrimaryKey,
  Relationship,
  RequestDecl,
  ResponseDecl,
  StatusDecl,
  Str,
  TypeRef,
  TypedefDecl,
  UnitDecl,
  ViewDecl,
  ViewRef,
  ViewRule,
} from './ast.ts';
import { Diagnostics } from './diagnostics.ts';
import { Reader } from './reader.ts';
import { Tok, type Token, scan } from './scanner.ts';

const ATTRIBUTE_QUALIFIERS = new Set(['unique', 'optional', 'creation', 'modification', 'many', 'ordered', 'parent', 'sequential', 'virtual']);
const DESCRIPTION_KINDS = new Set(['main', 'summary', 'detail']);
/** Top-level constructs of entity-compiler that describe code generation, not an API: accepted, skipped. */
const OPAQUE_TOP = new Set(['space', 'configuration', 'realm', 'language', 'formatting']);
const TOP_WORDS = new Set([
  'module',
  'entity',
  'primary',
  'secondary',
  'extern',
  'transient',
  'enum',
  'typedef',
  'domain',
  'interface',
  'operation',
  'abstract',
  'units',
  ...OPAQUE_TOP,
]);

const word = (words: ReadonlySet<string> | readonly string[]) => {
  const set = words instanceof Set ? words : new Set(words as readonly string[]);
  return (t: Token) => t.kind === Tok.Ident && set.has(t.text);
};
const anyWord = (t: Token) => t.kind === Tok.Ident;
/** An item parsed (its value, if any, is already kept). */
const done = (..._parsed: unknown[]): true => true;

export interface ParseResult {
  readonly file: EdlFile;
  readonly diagnostics: Diagnostics;
}

/** Parses an EDL text; `path` names it in diagnostics. */
export function parse(text: string, path = 'input.edl', diagnostics = new Diagnostics(path)): ParseResult {
  const r = new Reader(text, scan(text, diagnostics), diagnostics);
  return { file: new Parser(r, path).file(), diagnostics };
}

interface Collect {
  entities: EntityDecl[];
  enums: EnumDecl[];
  typedefs: TypedefDecl[];
  interfaces: InterfaceDecl[];
}

class Parser {
  constructor(
    private readonly r: Reader,
    private readonly filePath: string,
  ) {}

  file(): EdlFile {
    const r = this.r;
    const c: Collect = { entities: [], enums: [], typedefs: [], interfaces: [] };
    const units: UnitDecl[] = [];
    const domains: DomainDecl[] = [];
    const operations: OperationDecl[] = [];
    while (r.tok.kind !== Tok.EOF) {
      const before = r.index;
      if (!this.moduleItem(c, undefined)) {
        if (r.at('domain')) domains.push(this.domain());
        else if (r.at('units')) units.push(...this.units());
        else if (r.at('operation') || r.at('abstract')) operations.push(this.operation());
        else if (r.atWord() && OPAQUE_TOP.has(r.tok.text)) r.skipOpaque();
        else {
          r.unexpected('a declaration (entity, enum, typedef, domain, interface, module, operation, units)');
          r.recover(word(TOP_WORDS));
          if (r.at('}')) r.next();
        }
      }
      if (r.index === before) r.next();
    }
    return { path: this.filePath, text: r.text, ...c, units, domains, operations };
  }

  /** What a module and the top level both hold. */
  private moduleItem(c: Collect, module: Ident | undefined): boolean {
    const r = this.r;
    if (r.at('module')) {
      r.next();
      const name = r.ident('a module name');
      r.block(
        'an entity, enum, typedef, interface or D in the module',
        () => {
          if (r.at('D')) return done(this.description());
          if (r.at('T')) return done(this.tag());
          return this.moduleItem(c, name);
        },
        word(TOP_WORDS),
      );
      return true;
    }
    if (r.at('entity') || ((r.at('primary') || r.at('secondary') || r.at('transient')) && this.entityAhead())) {
      c.entities.push(this.entity(module));
      return true;
    }
    if (r.at('extern')) {
      if (r.peek().text === 'enum') {
        r.next();
        c.enums.push(this.enumDecl());
      } else c.entities.push(this.entity(module));
      return true;
    }
    if (r.at('enum')) return done(c.enums.push(this.enumDecl()));
    if (r.at('typedef')) return done(c.typedefs.push(this.typedef()));
    if (r.at('interface')) return done(c.interfaces.push(this.interfaceDecl(false)));
    return false;
  }

  private entityAhead(): boolean {
    for (let k = 0; k < 4; k++) if (this.r.peek(k).text === 'entity') return true;
    return false;
  }

  // ---- descriptions and tags

  private description(): Description {
    const r = this.r;
    const pos = r.next().pos;
    const kinds: Ident[] = [];
    if (r.atWord()) {
      do {
        const k = r.ident('a description kind');
        if (!DESCRIPTION_KINDS.has(k.text)) r.diags.error('EDL006', k, { name: `'${k.text}'` });
        kinds.push(k);
      } while (r.eat(','));
    }
    const text = r.string('a description string after D');
    return { kinds, text, pos, end: r.last };
  }

  private tag(): Str[] {
    const r = this.r;
    r.next();
    const out: Str[] = [];
    do {
      out.push(r.string('a tag string after T'));
      if (r.eat('=')) r.string('a tag value');
    } while (r.eat(','));
    return out;
  }

  /** `{ D* }` after a statement, if there is one. */
  private docsBlock(): Description[] {
    const r = this.r;
    const docs: Description[] = [];
    if (!r.at('{')) return docs;
    r.block('a description (D "…") or \'}\'', () => (r.at('D') ? done(docs.push(this.description())) : r.at('T') ? done(this.tag()) : false), word(['D', 'T']));
    return docs;
  }

  // ---- types

  private type(expected = 'a type'): TypeRef {
    const r = this.r;
    const pos = r.tok.pos;
    const name = r.ident(expected);
    let array = false;
    if (r.at('[')) {
      r.next();
      if (r.tok.kind === Tok.Int) r.next();
      r.expect(']');
      array = true;
    }
    return { name, array, pos, end: r.last };
  }

  // ---- entities

  private entity(module: Ident | undefined): EntityDecl {
    const r = this.r;
    const pos = r.tok.pos;
    let role: EntityDecl['role'];
    while (!r.at('entity') && r.atWord()) {
      const w = r.next().text;
      if (w === 'primary' || w === 'secondary') role = w;
    }
    r.expect('entity');
    const name = r.ident('an entity name');
    if (r.eat('<')) {
      while (!r.at('>') && r.tok.kind === Tok.Ident) {
        r.next();
        r.eat(',');
      }
      r.expect('>');
    }
    if (r.eat('inherits') || r.eat('extends')) r.ident('the entity it extends');
    const docs: Description[] = [];
    const tags: Str[] = [];
    let primaryKey: PrimaryKey | undefined;
    const attributes: Attribute[] = [];
    const relationships: Relationship[] = [];
    const views: ViewDecl[] = [];
    const enums: EnumDecl[] = [];
    const starts = word(['D', 'T', 'primarykey', 'attributes', 'relationships', 'view', 'default', 'enum', 'secondary']);
    r.block(
      'D, T, primarykey, attributes, relationships, view or enum in the entity',
      () => {
        if (r.at('D')) docs.push(this.description());
        else if (r.at('T')) tags.push(...this.tag());
        else if (r.at('primarykey')) {
          const p = r.next().pos;
          if (r.at('{')) r.skipOpaque();
          else {
            if (primaryKey) r.diags.error('EDL039', { pos: p, end: r.tok.pos }, { what: 'primarykey', place: 'entity' });
            const type = this.type('the primary key type');
            const pkName = r.ident('the primary key name');
            primaryKey = { type, name: pkName, docs: this.docsBlock(), pos: p, end: r.last };
          }
        } else if (r.at('attributes')) {
          r.next();
          r.block('an attribute (qualifiers, type, name)', () => (r.atWord() ? done(attributes.push(this.attribute())) : false), anyWord);
        } else if (r.at('relationships')) {
          r.next();
          r.block('a relationship (one|many Entity name)', () => (r.atWord() ? done(relationships.push(this.relationship())) : false), anyWord);
        } else if (r.at('view') || (r.at('default') && r.peek().text === 'view')) views.push(this.view());
        else if (r.at('enum')) enums.push(this.enumDecl());
        else if (r.at('secondary')) r.skipOpaque();
        else return false;
        return true;
      },
      starts,
    );
    return { kind: 'entity', name, role, docs, tags, primaryKey, attributes, relationships, views, enums, module, pos, end: r.last };
  }

  private attribute(): Attribute {
    const r = this.r;
    const pos = r.tok.pos;
    const qualifiers: Ident[] = [];
    while (r.atWord() && ATTRIBUTE_QUALIFIERS.has(r.tok.text) && r.peek().kind === Tok.Ident) qualifiers.push(r.ident(''));
    const type = this.type('an attribute type');
    const name = r.ident('an attribute name');
    const unit = r.eat('in') ? r.ident('a unit name') : undefined;
    const value = r.eat('=') ? r.literal('a default value') : undefined;
    const docs: Description[] = [];
    const tags: Str[] = [];
    if (r.at('{')) {
      r.block(
        'D, T or contentType in the attribute',
        () => {
          if (r.at('D')) docs.push(this.description());
          else if (r.at('T')) tags.push(...this.tag());
          else if (r.eat('contentType')) r.string('a content type');
          else return false;
          return true;
        },
        word(['D', 'T', 'contentType']),
      );
    }
    return { qualifiers, type, name, unit, value, docs, tags, pos, end: r.last };
  }

  private relationship(): Relationship {
    const r = this.r;
    const pos = r.tok.pos;
    const qualifiers: Ident[] = [];
    while (r.atWord() && r.tok.text !== 'one' && r.tok.text !== 'many' && r.peek().kind === Tok.Ident) qualifiers.push(r.ident(''));
    const plurality = r.ident("'one' or 'many'");
    if (!plurality.missing && plurality.text !== 'one' && plurality.text !== 'many')
      r.diags.error('EDL004', plurality, { found: `'${plurality.text}'`, expected: "'one' or 'many'" });
    const target = r.ident('the related entity');
    let reverse: Ident | undefined;
    if (r.eat('(')) {
      reverse = r.ident('the reverse relationship name');
      r.expect(')');
    }
    const name = r.ident('a relationship name');
    return { qualifiers, plurality, target, reverse, name, docs: this.docsBlock(), pos, end: r.last };
  }

  // ---- views

  private view(): ViewDecl {
    const r = this.r;
    const pos = r.tok.pos;
    const isDefault = r.eat('default');
    r.expect('view');
    const name = r.ident('a view name');
    const docs: Description[] = [];
    let primaryKey: ViewDecl['primaryKey'];
    const attributes: ViewRule[] = [];
    const relationships: ViewRule[] = [];
    r.block(
      'D, include, exclude, attributes or relationships in the view',
      () => {
        if (r.at('D')) docs.push(this.description());
        else if (r.at('T')) this.tag();
        else if ((r.at('include') || r.at('exclude')) && ['primarykey', 'attributes', 'relationships'].includes(r.peek().text)) {
          const p = r.tok.pos;
          const mode = r.next().text as 'include' | 'exclude';
          const what = r.next().text;
          if (what === 'primarykey') primaryKey = mode;
          else {
            // The pages' form: include attributes { a, b }.
            const names: Ident[] = [];
            r.block("a name or '}'", () => (r.atWord() ? done(names.push(r.ident('')), r.eat(',')) : false), anyWord);
            const rule = { ...emptyRule(mode), names, pos: p, end: r.last };
            (what === 'attributes' ? attributes : relationships).push(rule);
          }
        } else if (r.at('attributes') || r.at('relationships')) {
          const list = r.next().text === 'attributes' ? attributes : relationships;
          const rel = list === relationships;
          r.block(
            "'include' or 'exclude'",
            () => (r.at('include') || r.at('exclude') ? done(list.push(this.viewRule(rel))) : false),
            word(['include', 'exclude']),
          );
        } else return false;
        return true;
      },
      word(['D', 'T', 'include', 'exclude', 'attributes', 'relationships']),
    );
    return { name, isDefault, docs, primaryKey, attributes, relationships, pos, end: r.last };
  }

  private viewRule(rel: boolean): ViewRule {
    const r = this.r;
    const pos = r.tok.pos;
    const mode = r.next().text as 'include' | 'exclude';
    const rule: { -readonly [K in keyof ViewRule]: ViewRule[K] } = { ...emptyRule(mode), pos, end: pos };
    if (r.at('(')) {
      r.next();
      const names: Ident[] = [];
      do names.push(r.ident('a name'));
      while (r.eat(','));
      r.expect(')');
      rule.names = names;
    } else if (r.at('tagged')) {
      r.next();
      const tagged: Str[] = [];
      do tagged.push(r.string('a tag'));
      while (r.eat(',') || r.eat('and'));
      rule.tagged = tagged;
    } else if (!rel && (r.at('array') || r.at('creation') || r.at('modification'))) rule.selector = r.ident('');
    else if (rel && (r.at('to-one') || r.at('to-many') || r.at('parent'))) {
      rule.selector = r.ident('');
      r.eat('entity');
      if (r.atWord() && !['as', 'with', 'include', 'exclude'].includes(r.tok.text)) rule.target = r.ident('');
      if (r.eat('as')) rule.as = r.ident('a name after as');
      if (r.eat('with')) {
        if (r.eat('primarykey')) rule.withPrimaryKey = true;
        else if (r.expect('view', "'primarykey' or 'view'")) rule.withView = r.ident('a view name');
      }
    }
    rule.end = r.last;
    return rule;
  }

  // ---- enums, typedefs, units

  private enumDecl(): EnumDecl {
    const r = this.r;
    const pos = r.tok.pos;
    r.expect('enum');
    const name = r.ident('an enum name');
    const items: EnumItem[] = [];
    const docs: Description[] = [];
    r.block(
      'an enum item (NAME = number) or D',
      () => {
        if (r.at('D')) docs.push(this.description());
        else if (r.at('T')) this.tag();
        else if (r.atWord()) {
          const p = r.tok.pos;
          const item = r.ident('');
          const value = r.eat('=') ? r.literal('a number') : undefined;
          items.push({ name: item, value, docs: this.docsBlock(), pos: p, end: r.last });
        } else return false;
        return true;
      },
      anyWord,
    );
    return { kind: 'enum', name, items, docs, pos, end: r.last };
  }

  private typedef(): TypedefDecl {
    const r = this.r;
    const pos = r.next().pos;
    const base = r.ident("'int32' or 'int64'");
    const name = r.ident('a typedef name');
    const fields: BitField[] = [];
    const docs: Description[] = [];
    r.block(
      'a bit field ((bits) name) or D',
      () => {
        if (r.at('D')) docs.push(this.description());
        else if (r.at('T')) this.tag();
        else if (r.at('(')) {
          const p = r.next().pos;
          const bits = r.literal('a number of bits');
          r.expect(')');
          const field = r.eat('unused') ? undefined : r.ident('a field name or unused');
          this.docsBlock();
          fields.push({ bits, name: field, pos: p, end: r.last });
        } else return false;
        return true;
      },
      word(['D', 'T']),
    );
    return { kind: 'typedef', name, base, fields, docs, pos, end: r.last };
  }

  private units(): UnitDecl[] {
    const r = this.r;
    r.next();
    const out: UnitDecl[] = [];
    r.block(
      'a unit name',
      () => {
        if (!r.atWord()) return false;
        const pos = r.tok.pos;
        const name = r.ident('');
        const base = r.eat('extends') ? r.ident('the unit it extends') : undefined;
        if (r.at('{'))
          r.block(
            'D, abbr or multiplier',
            () => {
              if (r.at('D')) this.description();
              else if (r.eat('abbr')) r.string('an abbreviation');
              else if (r.eat('multiplier')) r.literal('a number');
              else return false;
              return true;
            },
            word(['D', 'abbr', 'multiplier']),
          );
        out.push({ name, base, pos, end: r.last });
        return true;
      },
      anyWord,
    );
    return out;
  }

  // ---- domains

  private domain(): DomainDecl {
    const r = this.r;
    const pos = r.next().pos;
    const name = r.ident('a domain name');
    let base: Ident | undefined;
    if (r.eat('extends')) base = r.ident('the domain it extends');
    else if (r.eat('(')) {
      base = r.ident('the domain it specialises');
      r.expect(')');
    }
    const docs: Description[] = [];
    let namespace: string | undefined;
    const naming: NamingDecl[] = [];
    const views: ViewDecl[] = [];
    const entities: DomainEntity[] = [];
    const interfaces: InterfaceDecl[] = [];
    const opaque = new Set(['attributes', 'enum', 'module', 'tagging', 'apply', 'include', 'exclude', 'flatten']);
    r.block(
      'D, namespace, naming, entity, view or interface in the domain',
      () => {
        if (r.at('D')) docs.push(this.description());
        else if (r.at('T')) this.tag();
        else if (r.at('namespace')) {
          r.next();
          r.eat('space');
          namespace = this.dotted();
        } else if (r.at('naming')) naming.push(this.naming());
        else if (r.at('entity')) entities.push(this.domainEntity());
        else if (r.at('view') || (r.at('default') && r.peek().text === 'view')) views.push(this.view());
        else if (r.at('interface')) interfaces.push(this.interfaceDecl(true));
        else if (r.at('flatten')) {
          r.next();
          r.eat('secondary');
          r.eat('entities');
        } else if (r.atWord() && opaque.has(r.tok.text)) r.skipOpaque();
        else return false;
        return true;
      },
      word(['D', 'T', 'namespace', 'naming', 'entity', 'view', 'default', 'interface', ...opaque]),
    );
    return { kind: 'domain', name, base, docs, namespace, naming, views, entities, interfaces, pos, end: r.last };
  }

  private dotted(): string {
    const r = this.r;
    let s = r.ident('a namespace').text;
    while (r.at('.')) {
      r.next();
      s += `.${r.ident('a namespace part').text}`;
    }
    return s;
  }

  private naming(): NamingDecl {
    const r = this.r;
    const pos = r.next().pos;
    const classes: Ident[] = [];
    while (r.atWord()) {
      classes.push(r.ident(''));
      if (!r.eat(',')) break;
    }
    let method: Ident | undefined;
    let prefix: Str | undefined;
    let suffix: Str | undefined;
    let withUnits: boolean | undefined;
    r.block(
      'method, prefix, suffix, primarykey, with units or without units',
      () => {
        if (r.eat('method')) method = r.ident('a naming method');
        else if (r.eat('prefix')) prefix = r.string('a prefix');
        else if (r.eat('suffix')) suffix = r.string('a suffix');
        else if (r.eat('primarykey')) r.ident('a primary key name');
        else if (r.at('with') || r.at('without')) {
          withUnits = r.next().text === 'with';
          r.expect('units');
        } else return false;
        return true;
      },
      word(['method', 'prefix', 'suffix', 'primarykey', 'with', 'without']),
    );
    return { classes, method, prefix, suffix, withUnits, pos, end: r.last };
  }

  private domainEntity(): DomainEntity {
    const r = this.r;
    const pos = r.next().pos;
    const name = r.ident('an entity name');
    let rename: Ident | undefined;
    if (r.eat('rename')) {
      r.eat('to');
      rename = r.ident('the new name');
    }
    const docs: Description[] = [];
    const views: ViewDecl[] = [];
    const interfaces: InterfaceDecl[] = [];
    const opaque = new Set(['attributes', 'relationships', 'apply', 'namespace']);
    if (r.at('{'))
      r.block(
        'D, view or interface in the domain entity',
        () => {
          if (r.at('D')) docs.push(this.description());
          else if (r.at('T')) this.tag();
          else if (r.at('view') || (r.at('default') && r.peek().text === 'view')) views.push(this.view());
          else if (r.at('interface')) interfaces.push(this.interfaceDecl(true));
          else if (r.eat('namespace')) this.dotted();
          else if (r.atWord() && opaque.has(r.tok.text)) r.skipOpaque();
          else return false;
          return true;
        },
        word(['D', 'T', 'view', 'default', 'interface', ...opaque]),
      );
    return { name, rename, docs, views, interfaces, pos, end: r.last };
  }

  // ---- interfaces and operations

  private interfaceDecl(inDomain: boolean): InterfaceDecl {
    const r = this.r;
    const pos = r.next().pos;
    const name = r.ident('an interface name');
    const docs: Description[] = [];
    const operations: OperationDecl[] = [];
    if (r.at('{') || !inDomain)
      r.block(
        'D or an operation in the interface',
        () => {
          if (r.at('D')) docs.push(this.description());
          else if (r.eat('type')) r.ident('an interface type');
          else if (r.at('operation') || r.at('abstract')) operations.push(this.operation());
          else return false;
          return true;
        },
        word(['D', 'type', 'operation', 'abstract']),
      );
    return { kind: 'interface', name, docs, operations, pos, end: r.last };
  }

  private operation(): OperationDecl {
    const r = this.r;
    const pos = r.tok.pos;
    const abstract = r.eat('abstract');
    r.expect('operation');
    const name = r.ident('an operation name');
    const base = r.eat('extends') ? r.ident('the operation it extends') : undefined;
    const docs: Description[] = [];
    let request: RequestDecl | undefined;
    let response: ResponseDecl | undefined;
    const params: ConfigParam[] = [];
    const values: ConfigValue[] = [];
    r.block(
      'D, request, response or config in the operation',
      () => {
        if (r.at('D')) docs.push(this.description());
        else if (r.at('request')) {
          if (request) r.diags.error('EDL039', r.tok, { what: 'request', place: 'operation' });
          request = this.request();
        } else if (r.at('response')) {
          if (response) r.diags.error('EDL039', r.tok, { what: 'response', place: 'operation' });
          response = this.response();
        } else if (r.at('config')) this.config(params, values);
        else return false;
        return true;
      },
      word(['D', 'request', 'response', 'config']),
    );
    return { name, abstract, base, docs, request, response, params, values, pos, end: r.last };
  }

  private request(): RequestDecl {
    const r = this.r;
    const pos = r.next().pos;
    const docs: Description[] = [];
    let method: Ident | undefined;
    let path: PathDecl | undefined;
    let body: BodyDecl | undefined;
    r.block(
      'D, method, path (or endpoint) or body in the request',
      () => {
        if (r.at('D')) docs.push(this.description());
        else if (r.at('method')) {
          r.next();
          method = r.ident('an HTTP method');
          this.docsBlock();
        } else if (r.at('path') || r.at('endpoint')) path = this.path();
        else if (r.at('body')) body = this.body();
        else return false;
        return true;
      },
      word(['D', 'method', 'path', 'endpoint', 'body']),
    );
    return { docs, method, path, body, pos, end: r.last };
  }

  private path(): PathDecl {
    const r = this.r;
    const pos = r.tok.pos;
    const keyword = r.ident('');
    const inherited = r.eat('inherited');
    const template = inherited ? undefined : r.string(`a path string or 'inherited' after ${keyword.text}`);
    const params: ParamDecl[] = [];
    const docs: Description[] = [];
    if (r.at('{'))
      r.block(
        "D, 'param' or 'query param'",
        () => {
          if (r.at('D')) docs.push(this.description());
          else if (r.at('param') || r.at('query')) params.push(this.param());
          else return false;
          return true;
        },
        word(['D', 'param', 'query']),
      );
    return { keyword, template, inherited, params, docs, pos, end: r.last };
  }

  private param(): ParamDecl {
    const r = this.r;
    const pos = r.tok.pos;
    const query = r.eat('query');
    r.expect('param');
    const type = this.type('a parameter type');
    const name = r.ident('a parameter name');
    const value = r.eat('=') ? r.literal('a default value or a config argument') : undefined;
    return { query, type, name, value, docs: this.docsBlock(), pos, end: r.last };
  }

  private body(): BodyDecl {
    const r = this.r;
    const pos = r.next().pos;
    const docs: Description[] = [];
    let contentType: Str | undefined;
    let view: ViewRef | undefined;
    let domain: Ident | undefined;
    let many = false;
    if (r.at('{'))
      r.block(
        'D, contentType, view, domain or many in the body',
        () => {
          if (r.at('D')) docs.push(this.description());
          else if (r.eat('contentType')) contentType = r.string('a content type string');
          else if (r.at('view')) {
            const p = r.next().pos;
            const first = r.ident('a view name');
            if (r.eat('.')) view = { entity: first, name: r.ident('a view name after the dot'), pos: p, end: r.last };
            else view = { entity: undefined, name: first, pos: first.pos, end: first.end };
          } else if (r.eat('domain')) domain = r.ident('a domain name');
          else if (r.eat('many')) many = true;
          else return false;
          return true;
        },
        word(['D', 'contentType', 'view', 'domain', 'many']),
      );
    return { docs, contentType, view, domain, many, pos, end: r.last };
  }

  private response(): ResponseDecl {
    const r = this.r;
    const pos = r.next().pos;
    const docs: Description[] = [];
    let body: BodyDecl | undefined;
    const statuses: StatusDecl[] = [];
    r.block(
      'D, body or status in the response',
      () => {
        if (r.at('D')) docs.push(this.description());
        else if (r.at('body')) body = this.body();
        else if (r.at('status')) {
          const p = r.next().pos;
          const code = r.literal('a status name or number');
          if (r.at('if')) {
            // A condition documents when the status is answered; it has no effect on the API.
            const line = r.tok;
            while (r.tok.kind !== Tok.EOF && !r.at('{') && !r.at('}') && !r.text.slice(line.pos, r.tok.pos).includes('\n')) r.next();
          }
          statuses.push({ code, docs: this.docsBlock(), pos: p, end: r.last });
        } else return false;
        return true;
      },
      word(['D', 'body', 'status']),
    );
    return { docs, body, statuses, pos, end: r.last };
  }

  private config(params: ConfigParam[], values: ConfigValue[]): void {
    const r = this.r;
    r.next();
    if (r.atWord()) r.next(); // `config Name { … }`: the grammar's optional label
    r.block(
      "'context', 'argument' or name = value in the config",
      () => {
        if (r.at('context') || r.at('argument')) {
          const pos = r.tok.pos;
          const context = r.next().text === 'context';
          const type = r.ident(context ? "'domain' or 'entity'" : 'an argument type');
          const name = r.ident('a parameter name');
          const value = r.eat('=') ? r.literal('a default value') : undefined;
          params.push({ context, type, name, value, docs: this.docsBlock(), pos, end: r.last });
        } else if (r.atWord()) {
          const pos = r.tok.pos;
          const name = r.ident('');
          r.expect('=');
          const value = r.literal('a value');
          this.docsBlock();
          values.push({ name, value, pos, end: r.last });
        } else return false;
        return true;
      },
      anyWord,
    );
  }
}

function emptyRule(mode: 'include' | 'exclude'): Omit<ViewRule, 'pos' | 'end'> {
  return { mode, names: undefined, selector: undefined, tagged: [], target: undefined, as: undefined, withView: undefined, withPrimaryKey: false };
}
