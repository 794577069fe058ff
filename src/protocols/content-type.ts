/**
 * A request's `Content-Type`, parsed once. The selector and a protocol both read it (the bare
 * type to choose, the charset to decode); clients send the same few headers
 * again and again, so each distinct header is parsed once and remembered in a bounded cache
 * shared by everyone who asks.
 */
import { mediaType } from './media.ts';

/** A parsed `Content-Type` header. Shared between requests: never mutate it. */
export interface ContentType {
  /** The bare, lower-case media type (`text/xml`); `''` when the header is absent. */
  readonly type: string;
  /** The `charset` parameter, lower-case; undefined when not given. */
  readonly charset: string | undefined;
}

const NONE: ContentType = Object.freeze({ type: '', charset: undefined });
/** Most distinct headers remembered; the cache is emptied when full. */
const MAX_CACHED = 256;
const cache = new Map<string, ContentType>();

/** The parsed header, from the cache when it was seen before. */
export function contentType(header: string | undefined): ContentType {
  if (header === undefined || header === '') return NONE;
  let ct = cache.get(header);
  if (ct === undefined) {
    ct = parseContentType(header);
    // A multipart header carries a boundary that differs per request: remembering it only evicts.
    if (!ct.type.startsWith('multipart/')) {
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(header, ct);
    }
  }
  return ct;
}

/** Parses a header, uncached: the type and the first `charset` parameter. */
export function parseContentType(header: string): ContentType {
  let charset: string | undefined;
  let i = header.indexOf(';');
  while (i !== -1) {
    const eq = header.indexOf('=', i + 1);
    if (eq === -1) break;
    const next = header.indexOf(';', i + 1);
    if (next !== -1 && next < eq) {
      // A parameter without a value: skip it.
      i = next;
      continue;
    }
    const name = header
      .slice(i + 1, eq)
      .trim()
      .toLowerCase();
    let j = eq + 1;
    while (j < header.length && (header.charCodeAt(j) === 32 || header.charCodeAt(j) === 9)) j++;
    let value: string;
    if (header.charCodeAt(j) === 34) {
      // A quoted string: up to the closing quote (an unclosed one runs to the end).
      const close = header.indexOf('"', j + 1);
      value = header.slice(j + 1, close === -1 ? header.length : close);
      i = header.indexOf(';', close === -1 ? header.length : close);
    } else {
      const semi = header.indexOf(';', j);
      value = header.slice(j, semi === -1 ? header.length : semi).trim();
      i = semi;
    }
    if (name === 'charset') charset ??= value.toLowerCase();
  }
  return Object.freeze({ type: mediaType(header), charset });
}
