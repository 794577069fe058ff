/**
 * Polling: `Ext.direct.PollingProvider` GETs (or, with `baseParams`, POSTs as a form) a poll
 * URL every `interval` ms, and fires each `{type: "event", name, data}` of the answer on
 * `Ext.direct.Manager`. A polled function that returns a value answers each poll with one
 * event. One that returns a stream is started once per client and kept: each poll answers the
 * items that came since that client's last poll. A client is known by the `pollClient`
 * parameter, else by the `sbpoll` cookie this sets; see `clients.ts` for its bounds.
 */
import type { RequestInfo } from '../../api/context.ts';
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import { parsePairs } from '../../schema/form.ts';
import { utf8Text } from '../../schema/utf8.ts';
import { type Carrier, call } from '../../runtime/call.ts';
import { isStream } from '../../runtime/dispatch.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import { mediaType } from '../media.ts';
import type { BindEnv } from '../protocol.ts';
import { clientAddress } from '../client-address.ts';
import { publicPath } from '../public-url.ts';
import { type CallHead, exceptionMessage } from './answer.ts';
import { CLIENT_ID, type PollClient, type PollClients, newClientId } from './clients.ts';
import type { DirectMethod } from './methods.ts';

const POLLED: Carrier = { name: 'Ext Direct polling', streams: true, protocol: 'extdirect' };
import { Subscription } from './subscription.ts';
import { bindStream } from '../../runtime/broadcast.ts';
import type { StreamFormat } from '../../runtime/shared-frames.ts';
import type { StreamBudget } from '../../runtime/stream-limits.ts';

/** The parameter naming the client; Ext JS's `_dc` (its cache buster on GET) is ignored. */
export const CLIENT_PARAM = 'pollClient';
const CACHE_BUSTER = '_dc';
export const COOKIE = 'sbpoll';

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
const FORM = 'application/x-www-form-urlencoded';
const quote = JSON.stringify as (s: string) => string;

export interface PollLimits {
  /** Items kept per client between two polls. */
  readonly buffer: number;
  readonly bodyLimit: number;
  /** The app's stream budget: each polling client's stream counts as open, its bytes as bounded. */
  readonly streams: StreamBudget;
}

/** One polled method, compiled at bind. */
export class PollMethod {
  readonly head: CallHead;
  /** The name of its events. */
  readonly name: string;
  private readonly cookiePath: string;
  /** Its items' JSON text: one format, so a broadcast's item is encoded once for every client. */
  readonly format: StreamFormat;

  constructor(
    readonly m: DirectMethod,
    /** The poll URL's path, `<webpath>/extdirect/poll/<action>/<method>`. */
    readonly url: string,
  ) {
    this.head = { tid: null, action: m.action, method: m.name };
    this.name = m.poll ?? m.fn.name;
    this.cookiePath = url;
    this.format = { encode: (item) => m.encode(item) };
    for (const a of m.fn.args) {
      if (a.name === CLIENT_PARAM || a.name === CACHE_BUSTER)
        throw new TypeError(`extdirect: ${m.fn.name}: a polled function cannot have an argument named ${a.name}`);
    }
  }

  /** An event message; `data` is JSON text. `.overflow` and `.end` events add a suffix to the name. */
  event(data: string, suffix = ''): string {
    return `{"type":"event","name":${quote(this.name + suffix)},"data":${data}}`;
  }

  /** The client's cookie; `base` is the path in front of the webpath (the mount, a proxy's prefix). */
  cookie(id: string, base = ''): string {
    return `${COOKIE}=${id}; Path=${base}${this.cookiePath}; HttpOnly; SameSite=Lax`;
  }
}

export class Poller {
  constructor(
    private readonly clients: PollClients,
    private readonly env: BindEnv,
    private readonly debug: boolean,
    private readonly limits: PollLimits,
  ) {}

  /** Drops every client: their streams end, their handlers' signals abort. */
  close(): void {
    this.clients.clear();
  }

  /** Answers one poll. Never throws: a failure is an `exception` message. */
  async handle(req: SbRequest, p: PollMethod): Promise<SbResponse> {
    try {
      return await this.poll(req, p);
    } catch (err) {
      return this.answer([this.exception(p, err)]);
    }
  }

  private async poll(req: SbRequest, p: PollMethod): Promise<SbResponse> {
    const pairs = await this.params(req);
    let chosen: string | undefined;
    const fields: [string, string][] = [];
    for (const pair of pairs) {
      if (pair[0] === CACHE_BUSTER) continue;
      if (pair[0] !== CLIENT_PARAM) fields.push(pair);
      else if (CLIENT_ID.test(pair[1])) chosen = pair[1];
      else throw sbError('SB_INVALID_INPUT', { name: CLIENT_PARAM, value: pair[1].slice(0, 80), reason: 'A client id is 16 to 64 letters, digits, - or _' });
    }
    const args = p.m.args.fromForm(fields, []);
    // The stream's arguments, canonical: other arguments from the same client restart it.
    const argsKey = JSON.stringify(fields.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    const id = chosen ?? cookieId(req.header('cookie'));
    if (id !== undefined) {
      const known = this.clients.get(p.m.fn.name, id);
      if (known && known.args === argsKey) return this.answer(this.drain(p, known));
      if (known) this.clients.drop(known, 'restarted with other arguments');
    }
    const abort = new AbortController();
    const out = await call(p.m.fn, args, new PollRequest(req, abort.signal), POLLED);
    if (!out.ok) throw out.error;
    if (!isStream(out.value)) {
      abort.abort(new Error('answered'));
      return this.answer(out.value === undefined ? [] : [p.event(p.m.encode(out.value))]);
    }
    const source = out.value[Symbol.asyncIterator]();
    const address = clientAddress(req, this.env.trustProxy);
    let release: () => void;
    try {
      this.clients.reserve(address);
      release = this.limits.streams.admit();
    } catch (err) {
      Promise.resolve(source.return?.()).catch(() => {});
      throw err;
    }
    bindStream(source, p.format, this.limits.streams);
    const clientId = id ?? newClientId();
    const client = this.clients.add({
      id: clientId,
      fn: p.m.fn.name,
      args: argsKey,
      abort,
      address,
      subscription: new Subscription(source, p.format, this.limits.buffer, { maxBytes: this.limits.streams.limits.maxQueueBytes, release }),
    });
    const res = this.answer(this.drain(p, client));
    // Scoped to the poll URL as the browser sees it: mounted, or behind a proxy, it is longer.
    if (id === undefined) res.headers['set-cookie'] = p.cookie(clientId, publicPath(req, '', this.env.trustProxy));
    return res;
  }

  /** The query's parameters, then a form body's (Ext JS posts `baseParams` as a form). */
  private async params(req: SbRequest): Promise<[string, string][]> {
    const pairs = parsePairs(req.query);
    if (req.method !== 'POST' || !req.hasBody) return pairs;
    const type = mediaType(req.header('content-type'));
    if (type !== FORM) throw sbError('SB_UNSUPPORTED_MEDIA_TYPE', { type, accepted: FORM });
    const body = await req.body(this.limits.bodyLimit);
    return pairs.concat(parsePairs(utf8Text(body)));
  }

  /** The messages of what a client's stream gave since its last poll; a finished stream's client is dropped. */
  private drain(p: PollMethod, c: PollClient): string[] {
    const d = c.subscription.drain();
    const out: string[] = [];
    if (d.dropped > 0) out.push(p.event(`{"dropped":${d.dropped}}`, '.overflow'));
    for (const item of d.items) out.push(p.event(item));
    if (d.over !== undefined) {
      this.clients.drop(c, 'finished');
      out.push(d.over === 'end' ? p.event('null', '.end') : this.exception(p, d.over));
    }
    return out;
  }

  private answer(messages: string[]): SbResponse {
    return { status: 200, headers: { ...HEADERS }, body: `[${messages.join(',')}]` };
  }

  private exception(p: PollMethod, err: unknown): string {
    const e: SwitchboardError = toSwitchboardError(err);
    if (!e.isClient) this.env.onServerError?.(e);
    return exceptionMessage(p.head, e, this.debug);
  }
}

/** The first well-formed `sbpoll` cookie of a `Cookie` header. */
export function cookieId(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === COOKIE) {
      const v = part.slice(eq + 1).trim();
      if (CLIENT_ID.test(v)) return v;
    }
  }
  return undefined;
}

/**
 * The request a polled stream's handler sees: the poll that started it, but with the
 * client's own signal, since the stream outlives that poll; aborted when the client expires.
 */
class PollRequest implements RequestInfo {
  constructor(
    private readonly first: SbRequest,
    readonly signal: AbortSignal,
  ) {}

  get method(): string {
    return this.first.method;
  }

  get path(): string {
    return this.first.path;
  }

  get query(): string {
    return this.first.query;
  }

  header(name: string): string | undefined {
    return this.first.header(name);
  }

  get remoteAddress(): string | undefined {
    return this.first.remoteAddress;
  }
}
