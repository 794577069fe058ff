/**
 * XML Schema (XSD 1.0) for schemas: the element declarations and named types a WSDL's
 * `<types>` section needs. The element layout is the XML codec's (`xml.ts`): arrays as
 * `<item>` children, dicts as `<item><key/><value/></item>`, null as `xsi:nil`, complex types
 * as child elements in declaration order, unset attributes left out.
 */
import type { TSchema } from '@sinclair/typebox';
import { type Shape, shapeOf } from './describe.ts';
import { escapeXmlAttr, escapeXmlText, isNcName } from './xmltext.ts';
import { xsdPattern } from './xsdpattern.ts';

export interface XsdOptions {
  /** Prefix bound to `http://www.w3.org/2001/XMLSchema` where the output is used (default `xs`). */
  readonly xs?: string;
  /** Prefix bound to the schema's target namespace where the output is used (default `types`). */
  readonly tns?: string;
}

/** How an element is declared beside its type. */
export interface ElementOptions {
  /** `minOccurs="0"`: the element may be absent (optional attributes and arguments). */
  readonly optional?: boolean;
  /** `nillable="true"` even when the schema is not nullable. */
  readonly nillable?: boolean;
  readonly minOccurs?: number;
  /** A number, or `unbounded`. */
  readonly maxOccurs?: number | 'unbounded';
  /** Documentation for `xs:annotation` (defaults to the schema's description). */
  readonly doc?: string;
}

const XSD_SCALARS: Partial<Record<Shape['k'], string>> = {
  string: 'string',
  integer: 'int',
  int64: 'long',
  number: 'double',
  boolean: 'boolean',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
  datetime: 'dateTime',
  binary: 'base64Binary',
  any: 'anyType',
  null: 'anyType',
};

/** Throws for a name that cannot be an XML element or type name. */
export function checkNcName(name: string, what: string): string {
  if (!isNcName(name)) throw new TypeError(`${what} "${name}" is not a valid XML name`);
  return name;
}

/**
 * Collects XSD declarations for a set of schemas. Named types (complex types, named enums,
 * arrays `String_Array`, dicts `Person_Dict`) are defined once, in order of first use; two
 * different types wanting the same name get numbered (`Person2`).
 */
export class XsdTypes {
  private readonly xs: string;
  private readonly tns: string;
  /** Definitions by type name, in order of first use. */
  private readonly defs = new Map<string, string>();
  /** The name each schema object was given. */
  private readonly names = new Map<TSchema, string>();

  constructor(options: XsdOptions = {}) {
    this.xs = options.xs ?? 'xs';
    this.tns = options.tns ?? 'types';
  }

  /** The named type definitions collected so far (`xs:complexType`, `xs:simpleType`). */
  definitions(): string[] {
    return [...this.defs.values()];
  }

  /**
   * `<xs:element>` declaring `name` with the schema's type: a type reference, or an inline
   * restriction for bounded scalars and unnamed enums. Nullable schemas are `nillable`.
   */
  element(name: string, schema: TSchema, o: ElementOptions = {}): string {
    checkNcName(name, 'Element name');
    let shape = shapeOf(schema);
    let nillable = o.nillable === true || shape.k === 'null' || shape.k === 'any';
    if (shape.k === 'nullable') {
      nillable = true;
      shape = shapeOf(shape.inner);
    }
    const min = o.minOccurs ?? (o.optional ? 0 : undefined);
    let attrs = `name="${name}"`;
    if (min !== undefined && min !== 1) attrs += ` minOccurs="${min}"`;
    if (o.maxOccurs !== undefined && o.maxOccurs !== 1) attrs += ` maxOccurs="${o.maxOccurs}"`;
    if (nillable) attrs += ' nillable="true"';
    // A named type carries its own documentation; its elements do not repeat it.
    const named = shape.k === 'complex' || (shape.k === 'enum' && shape.name !== undefined);
    const doc = o.doc ?? (named ? undefined : description(shape.s));
    const annotation = doc ? this.annotation(doc) : '';
    const inline = this.inlineType(shape);
    if (inline !== undefined) return `<${this.xs}:element ${attrs}>${annotation}${inline}</${this.xs}:element>`;
    const type = `type="${this.typeRef(shape)}"`;
    return annotation ? `<${this.xs}:element ${attrs} ${type}>${annotation}</${this.xs}:element>` : `<${this.xs}:element ${attrs} ${type}/>`;
  }

  /** The qualified name of a schema's type (`xs:int`, `types:Person`, `types:String_Array`). */
  typeRef(shape: Shape): string {
    const scalar = XSD_SCALARS[shape.k];
    if (scalar) return `${this.xs}:${scalar}`;
    switch (shape.k) {
      case 'nullable':
        return this.typeRef(shapeOf(shape.inner));
      case 'enum':
        return `${this.tns}:${this.named(shape, shape.name ?? 'Enum', (n) => this.enumType(n, shape))}`;
      case 'complex':
        return `${this.tns}:${this.named(shape, shape.name, (n) => this.complexType(n, shape))}`;
      case 'array':
        return `${this.tns}:${this.named(shape, label(shape), (n) => this.arrayType(n, shape))}`;
      case 'dict':
        return `${this.tns}:${this.named(shape, label(shape), (n) => this.dictType(n, shape))}`;
    }
    throw new TypeError(`no XSD type for ${shape.k}`);
  }

  /** Registers a named type once; `build` gets the final name so self-references work. */
  private named(shape: Shape, wanted: string, build: (name: string) => string): string {
    const known = this.names.get(shape.s);
    if (known) return known;
    checkNcName(wanted, 'Type name');
    let name = wanted;
    for (let i = 2; this.defs.has(name); i++) name = `${wanted}${i}`;
    this.names.set(shape.s, name);
    this.defs.set(name, ''); // reserve the slot: order of first use, recursion-safe
    const def = build(name);
    // A structurally equal type already defined under the wanted name is the same type.
    if (name !== wanted && this.defs.get(wanted) === def.replace(`name="${name}"`, `name="${wanted}"`)) {
      this.defs.delete(name);
      this.names.set(shape.s, wanted);
      return wanted;
    }
    this.defs.set(name, def);
    return name;
  }

  /** An anonymous simple type for scalars with bounds and for unnamed enums. */
  private inlineType(shape: Shape): string | undefined {
    const x = this.xs;
    const facets: string[] = [];
    if (shape.k === 'enum' && shape.name === undefined) {
      return `<${x}:simpleType>${this.enumRestriction(shape)}</${x}:simpleType>`;
    }
    if (shape.k === 'string') {
      if (shape.minLength !== undefined) facets.push(`<${x}:minLength value="${shape.minLength}"/>`);
      if (shape.maxLength !== undefined) facets.push(`<${x}:maxLength value="${shape.maxLength}"/>`);
      // Rewritten in XSD's dialect where it can be; else left to the codec, which checks it anyway.
      const pattern = typeof shape.s.pattern === 'string' ? xsdPattern(shape.s.pattern) : undefined;
      if (pattern !== undefined) facets.push(`<${x}:pattern value="${escapeXmlAttr(pattern)}"/>`);
    } else if (shape.k === 'integer' || shape.k === 'number' || shape.k === 'int64') {
      const s = shape.s as { minimum?: unknown; maximum?: unknown; exclusiveMinimum?: unknown; exclusiveMaximum?: unknown };
      const facet = (tag: string, v: unknown) => {
        if (typeof v === 'number' || typeof v === 'bigint') facets.push(`<${x}:${tag} value="${v}"/>`);
      };
      facet('minInclusive', s.minimum);
      facet('maxInclusive', s.maximum);
      facet('minExclusive', s.exclusiveMinimum);
      facet('maxExclusive', s.exclusiveMaximum);
    }
    if (facets.length === 0) return undefined;
    return `<${x}:simpleType><${x}:restriction base="${this.typeRef(shape)}">${facets.join('')}</${x}:restriction></${x}:simpleType>`;
  }

  private enumRestriction(shape: Extract<Shape, { k: 'enum' }>): string {
    const x = this.xs;
    const numeric = shape.values.every((v) => typeof v === 'number');
    const base = numeric ? (shape.values.every((v) => Number.isInteger(v)) ? 'int' : 'double') : 'string';
    const values = shape.values.map((v) => `<${x}:enumeration value="${escapeXmlAttr(String(v))}"/>`).join('');
    return `<${x}:restriction base="${x}:${base}">${values}</${x}:restriction>`;
  }

  private enumType(name: string, shape: Extract<Shape, { k: 'enum' }>): string {
    const x = this.xs;
    const doc = description(shape.s);
    return `<${x}:simpleType name="${name}">${doc ? this.annotation(doc) : ''}${this.enumRestriction(shape)}</${x}:simpleType>`;
  }

  private complexType(name: string, shape: Extract<Shape, { k: 'complex' }>): string {
    const x = this.xs;
    const doc = description(shape.s);
    const fields = shape.fields.map((f) => this.element(f.name, f.schema, { optional: !f.required }));
    return `<${x}:complexType name="${name}">${doc ? this.annotation(doc) : ''}<${x}:sequence>${fields.join('')}</${x}:sequence></${x}:complexType>`;
  }

  private arrayType(name: string, shape: Extract<Shape, { k: 'array' }>): string {
    const x = this.xs;
    const { minItems, maxItems } = shape.s as { minItems?: number; maxItems?: number };
    const item = this.element('item', shape.items, {
      minOccurs: minItems ?? 0,
      maxOccurs: maxItems ?? 'unbounded',
      doc: '',
    });
    return `<${x}:complexType name="${name}"><${x}:sequence>${item}</${x}:sequence></${x}:complexType>`;
  }

  private dictType(name: string, shape: Extract<Shape, { k: 'dict' }>): string {
    const x = this.xs;
    const key = `<${x}:element name="key" type="${x}:string"/>`;
    const value = this.element('value', shape.values, { doc: '' });
    const item = `<${x}:element name="item" minOccurs="0" maxOccurs="unbounded"><${x}:complexType><${x}:sequence>${key}${value}</${x}:sequence></${x}:complexType></${x}:element>`;
    return `<${x}:complexType name="${name}"><${x}:sequence>${item}</${x}:sequence></${x}:complexType>`;
  }

  private annotation(doc: string): string {
    return `<${this.xs}:annotation><${this.xs}:documentation>${escapeXmlText(doc)}</${this.xs}:documentation></${this.xs}:annotation>`;
  }
}

function description(s: TSchema): string | undefined {
  return typeof s.description === 'string' && s.description !== '' ? s.description : undefined;
}

/** The name part a type lends to array and dict names: `String`, `Int`, `Person`, `String_Array`. */
export function label(shape: Shape): string {
  const scalar = XSD_SCALARS[shape.k];
  if (scalar) return scalar[0].toUpperCase() + scalar.slice(1);
  switch (shape.k) {
    case 'nullable':
      return label(shapeOf(shape.inner));
    case 'enum':
      return shape.name ?? 'Enum';
    case 'complex':
      return shape.name;
    case 'array':
      return `${label(shapeOf(shape.items))}_Array`;
    case 'dict':
      return `${label(shapeOf(shape.values))}_Dict`;
  }
  return 'Value';
}
