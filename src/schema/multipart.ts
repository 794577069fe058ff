/**
 * Reading `multipart/form-data` bodies (RFC 7578) that are already in memory. The body has
 * been read under the app's size limit, so a streaming parser would buy nothing; this one
 * scans for the delimiter with `Buffer.indexOf` and hands out views of the body, not copies.
 */
import { sbError } from '../errors/index.ts';

/** One field or file of a form. */
export interface MultipartPart {
  /** The form field name. */
  readonly name: string;
  /** The file name the client gave; undefined for plain fields. */
  readonly filename: string | undefined;
  /** The part's `Content-Type`, when it has one. */
  readonly contentType: string | undefined;
  /** The content (a view into the body). */
  readonly data: Uint8Array;
}

export interface MultipartLimits {
  /** Most parts accepted (default 1000). */
  readonly maxParts?: number;
  /** Largest header block of one part, in bytes (default 16 KiB). */
  readonly maxHeaderBytes?: number;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

function malformed(reason: string): Error {
  return sbError('SB_BAD_MULTIPART', { reason });
}

/** The boundary of a `multipart/form-data` content type; a client error when it is missing or invalid. */
export function multipartBoundary(contentType: string | undefined): string {
  const m = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  const boundary = m ? (m[1] ?? m[2]) : undefined;
  if (!boundary || !BOUNDARY.test(boundary)) throw malformed('missing or invalid boundary');
  return boundary;
}

/** Splits a multipart body into its parts, in order. Throws a client error on malformed input. */
export function parseMultipart(body: Uint8Array, boundary: string, limits: MultipartLimits = {}): MultipartPart[] {
  const maxParts = limits.maxParts ?? 1000;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 16 * 1024;
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);

  // The first delimiter may open the body or follow a preamble (which is ignored).
  let pos: number;
  if (buf.subarray(0, dash.length).equals(dash)) pos = 0;
  else {
    const first = buf.indexOf(delimiter);
    if (first === -1) throw malformed('no boundary found');
    pos = first + 2;
  }

  const parts: MultipartPart[] = [];
  for (;;) {
    let p = pos + dash.length;
    if (buf[p] === 45 && buf[p + 1] === 45) return parts; // `--`: the closing delimiter
    while (buf[p] === 32 || buf[p] === 9) p++; // transport padding
    if (buf[p] !== 13 || buf[p + 1] !== 10) throw malformed('boundary not followed by a line break');
    p += 2;

    let contentStart: number;
    let headerText: string;
    if (buf[p] === 13 && buf[p + 1] === 10) {
      headerText = '';
      contentStart = p + 2;
    } else {
      const end = buf.indexOf(HEADER_END, p);
      if (end === -1 || end - p > maxHeaderBytes) throw malformed('part headers are not terminated');
      headerText = buf.toString('utf8', p, end);
      contentStart = end + 4;
    }
    const next = buf.indexOf(delimiter, contentStart);
    if (next === -1) throw malformed('unterminated part');
    if (parts.length >= maxParts) throw malformed(`more than ${maxParts} parts`);
    parts.push(readPart(headerText, buf.subarray(contentStart, next)));
    pos = next + CRLF.length;
  }
}

function readPart(headerText: string, data: Uint8Array): MultipartPart {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) throw malformed(`bad header line "${line.slice(0, 40)}"`);
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') disposition = value;
    else if (key === 'content-type') contentType = value;
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) throw malformed('a part has no form-data Content-Disposition');
  const params = dispositionParams(disposition);
  const name = params.get('name');
  if (name === undefined) throw malformed('a part has no name');
  const filename = params.get('filename*') ?? params.get('filename');
  return { name, filename, contentType, data };
}

/** The parameters of a Content-Disposition value; `filename*` (RFC 5987) is decoded. */
function dispositionParams(value: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  let m = re.exec(value);
  while (m !== null) {
    const key = m[1].toLowerCase();
    let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
    if (key === 'filename*') {
      const ext = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(v);
      if (!ext) throw malformed('bad filename* parameter');
      try {
        v = decodeURIComponent(ext[2]);
      } catch {
        throw malformed('bad filename* parameter');
      }
    }
    if (!out.has(key)) out.set(key, v);
    m = re.exec(value);
  }
  return out;
}
