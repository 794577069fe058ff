/** Small fetch helpers for end-to-end tests: one call, its status, headers and parsed body. */
import { get as httpGet } from 'node:http';

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

/** WSME's client fault document, with the stable error code (a handler's ClientError's by default). */
export function clientFault(faultstring: string, code = 'SB_CLIENT_ERROR'): { faultcode: 'Client'; faultstring: string; debuginfo: null; code: string } {
  return { faultcode: 'Client', faultstring, debuginfo: null, code };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** WSME's invalid-input faultstring for a field and value, whatever the reason that follows. */
export function invalidInput(name: string, value: string): RegExp {
  return new RegExp(`^Invalid input for field/attribute ${escapeRe(name)}\\. Value: '${escapeRe(value)}'\\. .+`);
}

/** Asserts a 400 Client fault whose faultstring equals or matches `expected`. */
export function assertClientFault(a: Answer | { status: number; json: unknown }, expected: string | RegExp, message?: string): void {
  const f = a.json as { faultcode?: unknown; faultstring?: unknown; debuginfo?: unknown } | undefined;
  if (a.status !== 400 || f?.faultcode !== 'Client' || f.debuginfo !== null || typeof f.faultstring !== 'string') {
    throw new Error(`${message ?? ''} expected a 400 Client fault, got ${a.status} ${JSON.stringify(a.json)}`);
  }
  if (typeof expected === 'string' ? f.faultstring !== expected : !expected.test(f.faultstring)) {
    throw new Error(`${message ?? ''} faultstring ${JSON.stringify(f.faultstring)} is not ${String(expected)}`);
  }
}

/** A GET through node:http, which sends the Host and headers the test chooses. */
export function getText(url: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });
}
