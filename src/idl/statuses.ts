/** HTTP status names as EDL writes them (`OK`, `NOT_FOUND`) ↔ codes, from node's table. */
import { STATUS_CODES } from 'node:http';

const BY_NAME = new Map<string, number>();
for (const [code, text] of Object.entries(STATUS_CODES)) {
  if (text === undefined) continue;
  const name = text
    .toUpperCase()
    .replace(/['’]/g, '')
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  BY_NAME.set(name, Number(code));
}
// Spellings other tables use (Java's HttpStatus, older RFC names).
for (const [name, code] of [
  ['MOVED_TEMPORARILY', 302],
  ['REQUEST_ENTITY_TOO_LARGE', 413],
  ['REQUEST_URI_TOO_LONG', 414],
  ['REQUESTED_RANGE_NOT_SATISFIABLE', 416],
  ['UNPROCESSABLE_CONTENT', 422],
  ['I_AM_A_TEAPOT', 418],
] as const)
  if (!BY_NAME.has(name)) BY_NAME.set(name, code);

/** The code of a status name or number, or undefined for neither. */
export function statusCode(text: string): number | undefined {
  if (/^\d{3}$/.test(text)) {
    const n = Number(text);
    return STATUS_CODES[n] !== undefined ? n : undefined;
  }
  return BY_NAME.get(text.toUpperCase());
}
