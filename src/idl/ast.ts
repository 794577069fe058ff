/**
 * The syntax tree of an EDL file. Every node has its source span (`pos`, `end`: offsets into
 * the text); a name the parser expected but did not find is an `Ident` with `missing: true`,
 * so the checker can walk a broken file without guarding every field.
 */

export interface Span {
  readonly pos: number;
  readonly end: number;
}

export interface Ident extends Span {
  readonly text: string;
  readonly missing: boolean;
}

export interface Str extends Span {
  /** The value, escapes resolved. */
  readonly value: string;
  /** Offset of the value's first character in the text (after the quote). */
  readonly inner: number;
}

/** A constant: a name, a string, a number (`text` keeps its spelling) or a boolean. */
export interface Literal extends Span {
  readonly kind: 'id' | 'string' | 'int' | 'float';
  readonly text: string;
}

/** `D "…"`, `D summary "…"`, `D summary, detail "…"`. */
export interface Description extends Span {
  readonly kinds: readonly Ident[];
  readonly text: Str;
}

/** A type: a primitive (`int64`), `byte[]`, or a name (an enum, a typedef, an entity). */
export interface TypeRef extends Span {
  readonly name: Ident;
  /** `byte[]` / `byte[16]`. */
  readonly array: boolean;
}

export interface Attribute extends Span {
  readonly qualifiers: readonly Ident[];
  readonly type: TypeRef;
  readonly name: Ident;
  readonly unit: Ident | undefined;
  readonly value: Literal | undefined;
  readonly docs: readonly Description[];
  readonly tags: readonly Str[];
}

export interface Relationship extends Span {
  readonly qualifiers: readonly Ident[];
  /** `one` or `many`. */
  readonly plurality: Ident;
  readonly target: Ident;
  readonly reverse: Ident | undefined;
  readonly name: Ident;
  readonly docs: readonly Description[];
}

/** One include/exclude line of a view's `attributes { }` or `relationships { }`. */
export interface ViewRule extends Span {
  readonly mode: 'include' | 'exclude';
  /** `include (a, b)`, the pages' `include attributes { a, b }`. */
  readonly names: readonly Ident[] | undefined;
  /** `creation`, `modification`, `array`, `to-one`, `to-many`, `parent`. */
  readonly selector: Ident | undefined;
  readonly tagged: readonly Str[];
  /** Relationships: the entity named after the selector, `as` name, `with primarykey` / `with view X`. */
  readonly target: Ident | undefined;
  readonly as: Ident | undefined;
  readonly withView: Ident | undefined;
  readonly withPrimaryKey: boolean;
}

export interface ViewDecl extends Span {
  readonly name: Ident;
  readonly isDefault: boolean;
  readonly docs: readonly Description[];
  readonly primaryKey: 'include' | 'exclude' | undefined;
  readonly attributes: readonly ViewRule[];
  readonly relationships: readonly ViewRule[];
}

export interface PrimaryKey extends Span {
  readonly type: TypeRef;
  readonly name: Ident;
  readonly docs: readonly Description[];
}

export interface EntityDecl extends Span {
  readonly kind: 'entity';
  readonly name: Ident;
  readonly role: 'primary' | 'secondary' | undefined;
  readonly docs: readonly Description[];
  readonly tags: readonly Str[];
  readonly primaryKey: PrimaryKey | undefined;
  readonly attributes: readonly Attribute[];
  readonly relationships: readonly Relationship[];
  readonly views: readonly ViewDecl[];
  readonly enums: readonly EnumDecl[];
  readonly module: Ident | undefined;
}

export interface EnumItem extends Span {
  readonly name: Ident;
  readonly value: Literal | undefined;
  readonly docs: readonly Description[];
}

export interface EnumDecl extends Span {
  readonly kind: 'enum';
  readonly name: Ident;
  readonly items: readonly EnumItem[];
  readonly docs: readonly Description[];
}

export interface BitField extends Span {
  readonly bits: Literal;
  /** Undefined for `unused`. */
  readonly name: Ident | undefined;
}

export interface TypedefDecl extends Span {
  readonly kind: 'typedef';
  readonly name: Ident;
  /** `int32` or `int64`. */
  readonly base: Ident;
  readonly fields: readonly BitField[];
  readonly docs: readonly Description[];
}

export interface UnitDecl extends Span {
  readonly name: Ident;
  readonly base: Ident | undefined;
}

export interface NamingDecl extends Span {
  /** `entity`, `attribute`, … (empty: every class). */
  readonly classes: readonly Ident[];
  readonly method: Ident | undefined;
  readonly prefix: Str | undefined;
  readonly suffix: Str | undefined;
  readonly withUnits: boolean | undefined;
}

/** `entity Book { … }` inside a `domain`: views and interfaces of that entity in that domain. */
export interface DomainEntity extends Span {
  readonly name: Ident;
  readonly rename: Ident | undefined;
  readonly docs: readonly Description[];
  readonly views: readonly ViewDecl[];
  readonly interfaces: readonly InterfaceDecl[];
}

export interface DomainDecl extends Span {
  readonly kind: 'domain';
  readonly name: Ident;
  readonly base: Ident | undefined;
  readonly docs: readonly Description[];
  readonly namespace: string | undefined;
  readonly naming: readonly NamingDecl[];
  readonly views: readonly ViewDecl[];
  readonly entities: readonly DomainEntity[];
  /** Interfaces declared in the domain outside an entity (operations extended with a domain context only). */
  readonly interfaces: readonly InterfaceDecl[];
}

export interface ParamDecl extends Span {
  readonly query: boolean;
  readonly type: TypeRef;
  readonly name: Ident;
  /** `= 20` or `= defaultLimit` (a config argument). */
  readonly value: Literal | undefined;
  readonly docs: readonly Description[];
}

export interface PathDecl extends Span {
  /** `path` or `endpoint`. */
  readonly keyword: Ident;
  /** Undefined for `path inherited`. */
  readonly template: Str | undefined;
  readonly inherited: boolean;
  readonly params: readonly ParamDecl[];
  readonly docs: readonly Description[];
}

/** `view Simple`, `view Book.Simple`. */
export interface ViewRef extends Span {
  readonly entity: Ident | undefined;
  readonly name: Ident;
}

export interface BodyDecl extends Span {
  readonly docs: readonly Description[];
  readonly contentType: Str | undefined;
  readonly view: ViewRef | undefined;
  readonly domain: Ident | undefined;
  /** `many`: the body is a list of the view's objects (our addition). */
  readonly many: boolean;
}

export interface RequestDecl extends Span {
  readonly docs: readonly Description[];
  readonly method: Ident | undefined;
  readonly path: PathDecl | undefined;
  readonly body: BodyDecl | undefined;
}

export interface StatusDecl extends Span {
  readonly code: Literal;
  readonly docs: readonly Description[];
}

export interface ResponseDecl extends Span {
  readonly docs: readonly Description[];
  readonly body: BodyDecl | undefined;
  readonly statuses: readonly StatusDecl[];
}

/** `context entity anEntity` / `argument int32 defaultLimit = 20` in an abstract operation's config. */
export interface ConfigParam extends Span {
  readonly context: boolean;
  /** `domain`, `entity`, `attribute`, `view`, or a primitive type. */
  readonly type: Ident;
  readonly name: Ident;
  readonly value: Literal | undefined;
  readonly docs: readonly Description[];
}

/** `defaultLimit = 20` in an extending operation's config. */
export interface ConfigValue extends Span {
  readonly name: Ident;
  readonly value: Literal;
}

export interface OperationDecl extends Span {
  readonly name: Ident;
  readonly abstract: boolean;
  readonly base: Ident | undefined;
  readonly docs: readonly Description[];
  readonly request: RequestDecl | undefined;
  readonly response: ResponseDecl | undefined;
  /** An abstract operation's parameters. */
  readonly params: readonly ConfigParam[];
  /** An extending operation's values. */
  readonly values: readonly ConfigValue[];
}

export interface InterfaceDecl extends Span {
  readonly kind: 'interface';
  readonly name: Ident;
  readonly docs: readonly Description[];
  readonly operations: readonly OperationDecl[];
}

export interface EdlFile {
  readonly path: string;
  readonly text: string;
  readonly entities: readonly EntityDecl[];
  readonly enums: readonly EnumDecl[];
  readonly typedefs: readonly TypedefDecl[];
  readonly units: readonly UnitDecl[];
  readonly domains: readonly DomainDecl[];
  readonly interfaces: readonly InterfaceDecl[];
  /** Operations written outside any interface (the seed's first example). */
  readonly operations: readonly OperationDecl[];
}
