/**
 * The field errors a fault lists. A validation of a large document may find thousands; a fault
 * names the first few, enough to fix the request, and stays small.
 */
import { ECHO_LIMIT, PROSE_LIMIT, echo } from './echo.ts';
import type { FieldError, SwitchboardError } from './errors.ts';

/** Most field errors one fault lists. */
export const MAX_LISTED_FIELDS = 20;

/**
 * The field errors to list in `err`'s fault (at most {@link MAX_LISTED_FIELDS}), or undefined
 * for none; a path (which names what the request sent) and a message cut as `echo.ts` says.
 */
export function listedFields(err: SwitchboardError): readonly FieldError[] | undefined {
  const fields = err.fields;
  if (fields === undefined || fields.length === 0) return undefined;
  const listed = fields.length > MAX_LISTED_FIELDS ? fields.slice(0, MAX_LISTED_FIELDS) : fields;
  return listed.some(tooLong) ? listed.map(bounded) : listed;
}

const tooLong = (f: FieldError) => String(f.path).length > ECHO_LIMIT || String(f.message).length > PROSE_LIMIT;
const bounded = (f: FieldError): FieldError => ({ path: echo(String(f.path)), message: echo(String(f.message), PROSE_LIMIT) });

/** The fields as plain `{path, message}` objects, for protocols that build their faults as objects. */
export function fieldObjects(fields: readonly FieldError[]): { path: string; message: string }[] {
  return fields.map((f) => ({ path: String(f.path), message: String(f.message) }));
}

/** The fields as JSON text: `[{"path":"…","message":"…"},…]`. */
export function fieldsJson(fields: readonly FieldError[]): string {
  return JSON.stringify(fieldObjects(fields));
}
