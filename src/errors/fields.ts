/**
 * The field errors a fault lists. A validation of a large document may find thousands; a fault
 * names the first few, enough to fix the request, and stays small.
 */
import type { FieldError, SwitchboardError } from './errors.ts';

/** Most field errors one fault lists. */
export const MAX_LISTED_FIELDS = 20;

/** The field errors to list in `err`'s fault (at most {@link MAX_LISTED_FIELDS}), or undefined for none. */
export function listedFields(err: SwitchboardError): readonly FieldError[] | undefined {
  const fields = err.fields;
  if (fields === undefined || fields.length === 0) return undefined;
  return fields.length > MAX_LISTED_FIELDS ? fields.slice(0, MAX_LISTED_FIELDS) : fields;
}

/** The fields as plain `{path, message}` objects, for protocols that build their faults as objects. */
export function fieldObjects(fields: readonly FieldError[]): { path: string; message: string }[] {
  return fields.map((f) => ({ path: String(f.path), message: String(f.message) }));
}

/** The fields as JSON text: `[{"path":"…","message":"…"},…]`. */
export function fieldsJson(fields: readonly FieldError[]): string {
  return JSON.stringify(fieldObjects(fields));
}
