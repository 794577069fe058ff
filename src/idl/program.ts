/**
 * What the checker makes of EDL files: named object types (entities and their views), and the
 * served operations with their HTTP bindings resolved — `extends` flattened, parameterised
 * strings expanded, config values applied. The emitters read only this.
 */
import type { HttpMethod } from '../api/binding.ts';
import type { OperationDecl } from './ast.ts';
import type { Diagnostic } from './diagnostics.ts';

export const PRIMITIVES = ['int32', 'int64', 'boolean', 'string', 'float', 'double', 'date', 'uuid', 'asset', 'decimal', 'time', 'datetime', 'binary'] as const;
export type Primitive = (typeof PRIMITIVES)[number];

export function isPrimitive(s: string): s is Primitive {
  return (PRIMITIVES as readonly string[]).includes(s);
}

export type TypeInfo =
  | { readonly kind: 'primitive'; readonly name: Primitive }
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: 'object'; readonly name: string }
  | { readonly kind: 'array'; readonly items: TypeInfo }
  | { readonly kind: 'any' };

export interface FieldInfo {
  readonly name: string;
  readonly type: TypeInfo;
  readonly optional: boolean;
  readonly doc: string | undefined;
  /** `creation` or `modification`: a store sets it on create, or on every write. */
  readonly stamp?: 'creation' | 'modification';
}

/** An entity or a view of one, as a named object type. */
export interface ObjectType {
  /** `Book`, `BookSimple`. */
  readonly name: string;
  readonly entity: string;
  /** Undefined for the entity itself. */
  readonly view: string | undefined;
  readonly fields: readonly FieldInfo[];
  readonly doc: string | undefined;
  /** The entity's primary key field (on the entity's own type). */
  readonly key?: string;
}

export interface ParamInfo {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly type: TypeInfo;
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly doc: string | undefined;
}

export interface BodyInfo {
  readonly type: TypeInfo;
  readonly contentType: string | undefined;
  readonly doc: string | undefined;
}

export interface StatusInfo {
  readonly code: number;
  readonly doc: string | undefined;
}

export interface Operation {
  readonly name: string;
  /** The interface it is served in; `''` for an operation outside any interface. */
  readonly interface: string;
  readonly doc: string | undefined;
  readonly method: HttpMethod;
  /** The path template, expanded: `/api/training-plan/{id}`. */
  readonly path: string;
  readonly params: readonly ParamInfo[];
  readonly requestBody: BodyInfo | undefined;
  readonly responseBody: BodyInfo | undefined;
  /** Every declared status, in order. */
  readonly statuses: readonly StatusInfo[];
  /** The success status: the first 2xx declared, else 200. */
  readonly success: number;
  readonly entity: string | undefined;
  readonly domain: string | undefined;
  /** The standard library's operation it extends (`GetById`, `GetObjects`, `Create`, `Update`, `Delete`), if it does: what a resource store can answer. */
  readonly standard: string | undefined;
  readonly decl: OperationDecl;
}

export interface Program {
  readonly types: ReadonlyMap<string, ObjectType>;
  readonly enums: ReadonlyMap<string, readonly string[]>;
  readonly operations: readonly Operation[];
  /** Interface names with their documentation, in order of appearance. */
  readonly interfaces: ReadonlyMap<string, string | undefined>;
  readonly diagnostics: readonly Diagnostic[];
}
