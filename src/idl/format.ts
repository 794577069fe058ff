/**
 * Diagnostics for a terminal: `file:line:col - error EDL0xx: message`, then the source line
 * with a caret line under the span (TypeSpec's and tsc's layout).
 */
import type { Diagnostic } from './diagnostics.ts';
import { type LineMap, lineCol, lineMap } from './position.ts';

/** The first line: `books.edl:3:5 - error EDL020: unknown entity Bok`. */
export function diagnosticLine(d: Diagnostic, map: LineMap): string {
  const { line, col } = lineCol(map, d.pos);
  return `${d.file}:${line}:${col} - ${d.severity} ${d.code}: ${d.message}`;
}

/** The diagnostic with its code frame. */
export function formatDiagnostic(d: Diagnostic, text: string, map: LineMap = lineMap(text)): string {
  const { line, col } = lineCol(map, d.pos);
  const start = map.starts[line - 1];
  const next = map.starts[line] ?? text.length + 1;
  const source = text.slice(start, next - 1).replace(/\r$/, '');
  // The caret spans the diagnostic on its first line, at least one column.
  const width = Math.max(1, Math.min(d.end, start + source.length) - d.pos);
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  const lead = source.slice(0, col - 1).replace(/[^\t]/g, ' ');
  return `${diagnosticLine(d, map)}\n\n${gutter} | ${source}\n${pad} | ${lead}${'~'.repeat(width)}\n`;
}

/** Every diagnostic of a file, with code frames, separated by blank lines. */
export function formatDiagnostics(list: readonly Diagnostic[], text: string): string {
  const map = lineMap(text);
  return list.map((d) => formatDiagnostic(d, text, map)).join('\n');
}
