/** The schema (src/schema) of each EDL type: what the model's functions declare and every codec reads. */
import type { TSchema } from '@sinclair/typebox';
import { t } from '../schema/types.ts';
import type { Program, TypeInfo } from './program.ts';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** Builds schemas of a program's types, each named object type once. */
export class Schemas {
  private readonly objects = new Map<string, TSchema>();
  constructor(private readonly program: Program) {}

  of(type: TypeInfo, doc?: string): TSchema {
    const d = doc === undefined ? {} : { description: doc };
    switch (type.kind) {
      case 'primitive':
        switch (type.name) {
          case 'int32':
            return t.integer({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1, ...d });
          case 'int64':
            return t.int64(d);
          case 'float':
          case 'double':
            return t.number(d);
          case 'boolean':
            return t.boolean(d);
          case 'date':
            return t.date(d);
          case 'datetime':
            return t.datetime(d);
          case 'time':
            return t.time(d);
          case 'decimal':
            return t.decimal(d);
          case 'binary':
            return t.binary(d);
          case 'uuid':
            return t.string({ pattern: UUID, ...d });
          default:
            return t.string(d);
        }
      case 'enum':
        return t.enum(type.values, { name: type.name, ...d });
      case 'array':
        return t.array(this.of(type.items), d);
      case 'object':
        return this.object(type.name);
      default:
        return t.any(d);
    }
  }

  /** A named object type; one that contains itself reads its inner occurrence as any value. */
  object(name: string): TSchema {
    const known = this.objects.get(name);
    if (known) return known;
    const o = this.program.types.get(name);
    if (!o) return t.any();
    this.objects.set(name, t.any());
    const props: Record<string, TSchema> = {};
    const mandatory: string[] = [];
    for (const f of o.fields) {
      props[f.name] = this.of(f.type, f.doc);
      if (!f.optional) mandatory.push(f.name);
    }
    const s = t.complex(name, props, { mandatory, ...(o.doc ? { description: o.doc } : {}) });
    this.objects.set(name, s);
    return s;
  }
}
