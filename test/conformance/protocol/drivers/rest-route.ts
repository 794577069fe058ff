/**
 * A kitchen call as a REST request, from the function's declared HTTP binding as a client
 * would read it off the documentation: the verb, the path template (`things/{name}`, relative
 * to the controller unless it starts with `/`), header arguments, and the rest in the query
 * (GET, DELETE) or the body. A function the kitchen lacks is asked at its default path.
 */
import { functionDef } from '../kitchen.ts';
import type { Value } from '../model.ts';

export interface RestRequest {
  readonly method: string;
  /** Below the API's base path, with the query string. */
  readonly path: string;
  readonly headers: Record<string, string>;
  /** The arguments the body names; undefined for a request without a body. */
  readonly body: Record<string, Value> | undefined;
}

const text = (v: Value) => encodeURIComponent(String(v));

export function restRequest(fn: string, args: Readonly<Record<string, Value>>): RestRequest {
  const def = functionDef(fn);
  const names = fn.split('.');
  const chain = names.slice(0, -1);
  const template = def?.http.path;
  const path = template === undefined ? names.join('/') : template.startsWith('/') ? template.slice(1) : [...chain, template].join('/');
  const rest: Record<string, Value> = { ...args };
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = rest[name];
    delete rest[name];
    return v === undefined ? '' : text(v);
  });
  const headers: Record<string, string> = {};
  for (const [name, source] of Object.entries(def?.http.in ?? {})) {
    if (rest[name] === undefined) continue;
    const header = source === 'header' ? name.toLowerCase().replace(/_/g, '-') : typeof source === 'object' && 'header' in source ? source.header : undefined;
    if (header === undefined) continue;
    headers[header] = String(rest[name]);
    delete rest[name];
  }
  const method = def?.methods?.[0] ?? 'POST';
  if (method === 'GET' || method === 'DELETE') {
    const query = Object.entries(rest)
      .map(([k, v]) => `${encodeURIComponent(k)}=${text(v)}`)
      .join('&');
    return { method, path: `/${filled}${query ? `?${query}` : ''}`, headers, body: undefined };
  }
  return { method, path: `/${filled}`, headers, body: rest };
}

/** What both REST codecs carry (their faults carry the stable code: `code`, `<code>`). */
export const REST_CARRIES = {
  codes: true,
  statuses: true,
  streams: false,
  positional: false,
  successStatus: true,
  int64: true,
  notFoundCode: 'SB_NOT_FOUND',
  challenges: true,
} as const;
