/** Reading `Content-Type` and `Accept` headers. */

/** The bare, lower-case media type of a `Content-Type` header. */
export function mediaType(header: string | undefined): string {
  if (!header) return '';
  const semi = header.indexOf(';');
  const type = semi === -1 ? header : header.slice(0, semi);
  // Nearly every client sends it lower-case and unpadded: then it is the answer as it is.
  for (let i = 0; i < type.length; i++) {
    const c = type.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c <= 32 || c > 126) return type.trim().toLowerCase();
  }
  return type;
}

/** A parameter of a `Content-Type` header, e.g. `action` or `charset`. */
export function mediaParam(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const m = paramPattern(name).exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

// Callers ask for a handful of names (`charset`, `action`, `boundary`): compiling the pattern
// per call cost more than matching it.
const paramPatterns = new Map<string, RegExp>();
function paramPattern(name: string): RegExp {
  let re = paramPatterns.get(name);
  if (re === undefined) {
    re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i');
    if (paramPatterns.size >= 32) paramPatterns.clear();
    paramPatterns.set(name, re);
  }
  return re;
}

export interface AcceptRange {
  readonly type: string;
  readonly q: number;
}

/** The ranges of an `Accept` header, best first (stable for equal q). */
export function parseAccept(header: string): AcceptRange[] {
  const out: AcceptRange[] = [];
  for (const part of header.split(',')) {
    const type = mediaType(part);
    if (!type) continue;
    const q = /;\s*q\s*=\s*([0-9.]+)/i.exec(part);
    out.push({ type, q: q ? Number(q[1]) : 1 });
  }
  return out.filter((r) => r.q > 0).sort((a, b) => b.q - a.q);
}

/** True when a range matches a concrete media type. */
export function rangeMatches(range: string, type: string): boolean {
  if (range === '*/*' || range === type) return true;
  return range.endsWith('/*') && type.startsWith(range.slice(0, -1));
}
