/** How the parser reports a malformation: a reason at an offset, turned into `SB_INVALID_XML`. */
import { echo } from '../errors/echo.ts';
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

/**
 * A reason's template: what it quotes of the document (a name, a reference) is cut as every
 * echo of input is (`errors/echo.ts`), so a megabyte-long name makes a short fault.
 */
export function said(parts: TemplateStringsArray, ...quoted: unknown[]): string {
  let out = parts[0];
  for (let k = 0; k < quoted.length; k++) out += echo(String(quoted[k])) + parts[k + 1];
  return out;
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
