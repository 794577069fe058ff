/**
 * One way to call an endpoint method by its Cloud Endpoints id (`ferris.hello.people`) with a
 * bearer token, per protocol, each with its real client: fetch for REST+JSON (the route read
 * from the compiled binding), node-soap from the endpoint's WSDL, the Ext Direct router,
 * jayson for JSON-RPC, ws for the WebSocket. Each answers a value or the fault as its protocol
 * carries it, reduced to what every protocol says: the HTTP status where there is one, the
 * stable code and the message.
 */
// xmldom comes with node-soap (through xml-crypto): an XML reader nobody here wrote.
import { DOMParser } from '@xmldom/xmldom';
import jayson from 'jayson/promise/index.js';
import { type Client, createClientAsync } from 'soap';
import WebSocket from 'ws';
import type { App } from '../../src/index.ts';

export type Outcome = { ok: true; value: unknown } | { ok: false; status: number | undefined; code: string; message: string; challenge?: string | null };
export type Driver = (id: string, args: Record<string, unknown>, token?: string) => Promise<Outcome>;

const auth = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

function fnOf(app: App, id: string) {
  for (const api of app.apis) {
    const fn = api.byName.get(id);
    if (fn) return { api, fn };
  }
  throw new Error(`no function ${id}`);
}

/** REST+JSON: the verb and path of the method's binding, parameters in the query, `request` as the body. */
export function restJson(base: string, app: App): Driver {
  return async (id, args, token) => {
    const { api, fn } = fnOf(app, id);
    let path = fn.binding.path;
    const query = new URLSearchParams();
    let body: string | undefined;
    for (const [k, v] of Object.entries(args)) {
      if (k === 'request') body = JSON.stringify(v);
      else if (path.includes(`{${k}}`)) path = path.replace(`{${k}}`, encodeURIComponent(String(v)));
      else query.set(k, String(v));
    }
    const q = query.size > 0 ? `?${query}` : '';
    const r = await fetch(`${base}${api.webpath}/${path}${q}`, {
      method: fn.binding.verbs[0],
      headers: { ...auth(token), ...(body ? { 'content-type': 'application/json' } : {}) },
      body,
    });
    const text = await r.text();
    if (r.ok) return { ok: true, value: r.status === 204 ? null : JSON.parse(text) };
    const fault = JSON.parse(text) as { faultstring: string; code: string };
    return { ok: false, status: r.status, code: fault.code, message: fault.faultstring, challenge: r.headers.get('www-authenticate') };
  };
}

/**
 * REST+XML: the same routes, the request message as an XML body and the answer read back with
 * xmldom. XML carries no types, so every scalar reads back as its text (see `textual`).
 */
export function restXml(base: string, app: App): Driver {
  return async (id, args, token) => {
    const { api, fn } = fnOf(app, id);
    let path = fn.binding.path;
    const query = new URLSearchParams();
    let body: string | undefined;
    for (const [k, v] of Object.entries(args)) {
      if (k === 'request') body = toXml('request', v);
      else if (path.includes(`{${k}}`)) path = path.replace(`{${k}}`, encodeURIComponent(String(v)));
      else query.set(k, String(v));
    }
    const q = query.size > 0 ? `?${query}` : '';
    const r = await fetch(`${base}${api.webpath}/${path}${q}`, {
      method: fn.binding.verbs[0],
      headers: { ...auth(token), accept: 'application/xml', ...(body ? { 'content-type': 'application/xml' } : {}) },
      body,
    });
    const text = await r.text();
    if (r.status === 204) return { ok: true, value: null };
    const root = new DOMParser().parseFromString(text, 'text/xml').documentElement as unknown as XmlElement;
    if (r.ok) return { ok: true, value: fromXml(root) };
    const fault = fromXml(root) as { faultstring: string; code: string };
    return { ok: false, status: r.status, code: fault.code, message: fault.faultstring, challenge: r.headers.get('www-authenticate') };
  };
}

/** What the XML reading below needs of a DOM node. */
interface XmlElement {
  readonly nodeType: number;
  readonly localName: string | null;
  readonly textContent: string | null;
  readonly firstChild: XmlElement | null;
  readonly nextSibling: XmlElement | null;
}

function toXml(name: string, v: unknown): string {
  if (Array.isArray(v)) return `<${name}>${v.map((x) => toXml('item', x)).join('')}</${name}>`;
  if (typeof v === 'object' && v !== null)
    return `<${name}>${Object.entries(v)
      .map(([k, x]) => toXml(k, x))
      .join('')}</${name}>`;
  return `<${name}>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`;
}

function fromXml(e: XmlElement): unknown {
  const kids: XmlElement[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) kids.push(n);
  if (kids.length === 0) return e.textContent ?? '';
  if (kids.every((k) => k.localName === 'item')) return kids.map(fromXml);
  return Object.fromEntries(kids.map((k) => [k.localName ?? '', fromXml(k)]));
}

/** A value as REST+XML reads it back: every scalar as its text. */
export function textual(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(textual);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, textual(x)]));
  return v === null || v === undefined ? v : String(v);
}

/** SOAP through node-soap, one client per endpoint from its WSDL; lists travel as `{ item: [...] }`. */
export function soapClient(base: string, app: App): Driver {
  const clients = new Map<string, Promise<Client>>();
  return async (id, args, token) => {
    const { api, fn } = fnOf(app, id);
    let client = clients.get(api.webpath);
    if (!client) {
      client = createClientAsync(`${base}${api.webpath}/api.wsdl`);
      clients.set(api.webpath, client);
    }
    const c = await client;
    const op = fn.path.map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join('');
    try {
      // The third argument is node-soap's extra HTTP headers of this call.
      const method = c[`${op}Async`] as (a: unknown, options: object, headers: object) => Promise<unknown[]>;
      const [result] = (await method.call(c, toSoap(args), {}, auth(token))) as [{ result?: unknown } | null];
      return { ok: true, value: result?.result === undefined ? null : fromSoap(result.result) };
    } catch (err) {
      const e = err as {
        root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
        response?: { status?: number; headers?: Record<string, string> };
      };
      const fault = e.root?.Envelope?.Body?.Fault;
      if (!fault)
        throw Object.assign(new Error(`not a SOAP fault: ${String(err)} ${e.response?.status} ${JSON.stringify((e.response as { data?: unknown })?.data)}`), {
          cause: err,
        });
      const detail = JSON.stringify(fault.detail ?? fault.Detail ?? {});
      return {
        ok: false,
        status: e.response?.status,
        code: /"code":"(\w+)"/.exec(detail)?.[1] ?? '',
        message: String(fault.faultstring ?? (fault.Reason as { Text?: unknown })?.Text ?? ''),
        challenge: e.response?.headers?.['www-authenticate'] ?? null,
      };
    }
  };
}

function toSoap(v: unknown): unknown {
  if (Array.isArray(v)) return { item: v.map(toSoap) };
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toSoap(x)]));
  return v;
}

function fromSoap(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => k !== 'attributes');
  if (keys.length === 1 && keys[0] === 'item') return [o.item].flat().map(fromSoap);
  return Object.fromEntries(keys.map((k) => [k, fromSoap(o[k])]));
}

/** Ext Direct: one call posted to the endpoint's router; named parameters as `data`. */
export function extDirect(base: string, app: App): Driver {
  let tid = 0;
  return async (id, args, token) => {
    const { api, fn } = fnOf(app, id);
    const action = fn.path.slice(0, -1).join('.');
    const method = fn.path[fn.path.length - 1];
    const data = fn.args.length === 0 ? null : args;
    const r = await fetch(`${base}${api.webpath}/extdirect/router`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(token) },
      body: JSON.stringify({ type: 'rpc', tid: ++tid, action, method, data }),
    });
    const m = (await r.json()) as { type: string; result?: unknown; message?: string; code?: string };
    if (m.type === 'rpc') return { ok: true, value: m.result ?? null };
    return { ok: false, status: undefined, code: m.code ?? '', message: m.message ?? '' };
  };
}

/** JSON-RPC 2.0 over HTTP through jayson; the method is the id. */
export function jsonRpc(base: string, app: App): Driver {
  return async (id, args, token) => {
    const { api } = fnOf(app, id);
    const url = new URL(`${base}${api.webpath}/jsonrpc`);
    const client = jayson.Client.http({ hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: auth(token) });
    const r = (await client.request(id, args)) as { result?: unknown; error?: { code: number; message: string; data?: { code?: string } } };
    if (!r.error) return { ok: true, value: r.result ?? null };
    return { ok: false, status: r.error.code, code: r.error.data?.code ?? '', message: r.error.message };
  };
}

/**
 * The WebSocket at the endpoint's base path, the token sent at the handshake; one socket per
 * call. A handshake the server refuses (a bad token: 401) answers that HTTP answer's fault.
 */
/** An upgrade the server refused: its HTTP status, `WWW-Authenticate` challenge and JSON fault. */
export interface RefusedUpgrade {
  status: number;
  challenge: string | undefined;
  body: Record<string, unknown>;
}

/** Opens a WebSocket: the open socket, or the HTTP answer that refused the upgrade. */
export function openSocket(url: string, headers: Record<string, string>, subprotocol?: string): Promise<WebSocket | RefusedUpgrade> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, subprotocol === undefined ? [] : [subprotocol], { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        const challenge = res.headers['www-authenticate'];
        resolve({
          status: res.statusCode ?? 0,
          challenge: Array.isArray(challenge) ? challenge.join(', ') : challenge,
          body: JSON.parse(text) as Record<string, unknown>,
        });
      });
    });
  });
}

export function websocket(base: string, app: App): Driver {
  return async (id, args, token) => {
    const { api } = fnOf(app, id);
    const opened = await openSocket(`${base.replace(/^http/, 'ws')}${api.webpath}`, auth(token));
    if (!(opened instanceof WebSocket)) {
      const fault = opened.body as { faultstring: string; code: string };
      return { ok: false, status: opened.status, code: fault.code, message: fault.faultstring, challenge: opened.challenge ?? null };
    }
    const ws = opened;
    try {
      const frame = await new Promise<Record<string, unknown>>((resolve, reject) => {
        ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>));
        ws.once('close', () => reject(new Error('closed before answering')));
        ws.send(JSON.stringify({ id: 1, method: id, params: args }));
      });
      if (!('error' in frame)) return { ok: true, value: frame.result ?? null };
      const error = frame.error as { code: string; faultstring: string };
      return { ok: false, status: frame.status as number, code: error.code, message: error.faultstring };
    } finally {
      ws.close();
    }
  };
}

/** Every protocol's driver, by name. */
export function drivers(base: string, app: App): Record<string, Driver> {
  return {
    'REST+JSON': restJson(base, app),
    'REST+XML': restXml(base, app),
    SOAP: soapClient(base, app),
    'Ext Direct': extDirect(base, app),
    'JSON-RPC': jsonRpc(base, app),
    WebSocket: websocket(base, app),
  };
}
