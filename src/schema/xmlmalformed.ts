/** How the parser reports a malformation: a reason at an offset, turned into `SB_INVALID_XML`. */
import { sbError, type SwitchboardError } from '../errors/index.ts';

/** Thrown inside the parser; `parseXml` turns it into the catalogued error with a line and column. */
export class Malformed extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(reason);
  }
}

/** The `SB_INVALID_XML` error for a reason at an offset of the text. */
export function invalidXml(text: string, reason: string, at: number): SwitchboardError {
  let line = 1;
  let col = 1;
  const end = Math.min(at, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return sbError('SB_INVALID_XML', { reason: `${reason} (line ${line}, column ${col})` });
}
