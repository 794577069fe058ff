/** Small fetch helpers for end-to-end tests: one call, its status, headers and parsed body. */

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/** Calls `url` with Node's fetch and reads the whole answer. */
export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const r = await fetch(url, init);
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

/** POSTs a JSON document. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return call(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** POSTs an urlencoded form (the text as given, so tests control the exact notation). */
export function postForm(url: string, form: string): Promise<Answer> {
  return call(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
}

/** WSME's client fault document. */
export function clientFault(faultstring: string): { faultcode: 'Client'; faultstring: string; debuginfo: null } {
  return { faultcode: 'Client', faultstring, debuginfo: null };
}
