/**
 * The one REST protocol. It finds the route first — the path-template router over every
 * function's binding — then picks the codec for that route (JSON, XML: `choose.ts`, WSME's
 * rules), gathers the raw arguments by source (path, query, headers, a form, a body or its
 * members) into the one binder, runs the one call path, and answers with the binding's status.
 */
import { type SwitchboardError, isRedirect, sbError, toSwitchboardError } from '../../errors/index.ts';
import { numbersAsSent } from '../../schema/jsontext.ts';
import { utf8Text } from '../../schema/utf8.ts';
import type { Carrier } from '../../runtime/call.ts';
import { call } from '../../runtime/call.ts';
import { observeRefusal } from '../../runtime/observe.ts';
import type { Api } from '../../runtime/compile.ts';
import { type Outcome, isStream } from '../../runtime/dispatch.ts';
import { type BodyChunk, type SbRequest, type SbResponse, bodyOf } from '../../runtime/http.ts';
import { StreamBudget } from '../../runtime/stream-limits.ts';
import { etagOf, fillLocation } from '../../runtime/binding.ts';
import { mediaType } from '../media.ts';
import type { BindEnv, BoundProtocol, Protocol } from '../protocol.ts';
import { FormatChooser } from './choose.ts';
import { RestFunction } from './compiled.ts';
import type { RestFormat } from './format.ts';
import { RouteConflictError, type RouteSpec, Router } from './router.ts';
import { jsonList } from './list-chunks.ts';
import { shapeJson, shapingOf } from './partial.ts';
import { EVENT_STREAM, eventStream } from './sse.ts';
import { declarationError } from '../../errors/declaration.ts';

const FORM = 'application/x-www-form-urlencoded';
const PLAIN: Carrier = { name: 'REST without Accept: text/event-stream', streams: false, protocol: 'rest' };
const SSE: Carrier = { name: 'REST as Server-Sent Events', streams: true, protocol: 'rest' };
const NO_CONTENT_HEADERS: Record<string, string> = {};
/** Lists longer than this may be written in chunks (those whose text fits one chunk still go whole). */
const LIST_CHUNKING = 64;

/** A REST protocol with these codecs, the first answering requests that name none. */
export function restProtocol(formats: readonly RestFormat[]): RestProtocol {
  const protocol: RestProtocol = {
    name: 'rest',
    formats,
    aliases: formats.map((f) => f.name),
    suffixes: formats.map((f) => f.suffix),
    consumes: formats.flatMap((f) => f.consumes),
    forms: [FORM],
    // The first codec also answers `Accept: text/event-stream` (stream results as SSE).
    produces: [...formats.flatMap((f) => f.produces), EVENT_STREAM],
    isDefault: true,
    bind: (api, env) => new BoundRest(protocol, formats, api, env),
  };
  return protocol;
}

/** The REST protocol, with its codecs (so an app can merge `restjson()` and `restxml()` into one). */
export interface RestProtocol extends Protocol {
  readonly formats: readonly RestFormat[];
}

/** True for a REST protocol. */
export function isRest(p: Protocol): p is RestProtocol {
  return Array.isArray((p as RestProtocol).formats);
}

class BoundRest implements BoundProtocol {
  private readonly router: Router<RestFunction>;
  private readonly chooser: FormatChooser;
  private readonly headers: readonly Record<string, string>[];
  private readonly streams: StreamBudget;

  constructor(
    readonly protocol: Protocol,
    private readonly formats: readonly RestFormat[],
    private readonly api: Api,
    private readonly env: BindEnv,
  ) {
    this.headers = formats.map((f) => ({ 'content-type': f.contentType }));
    this.streams = env.streams ?? new StreamBudget();
    this.chooser = new FormatChooser(formats);
    const routes: RouteSpec<RestFunction>[] = [];
    for (const fn of api.functions) {
      const data = new RestFunction(fn, formats, api);
      const b = fn.binding;
      routes.push({ verbs: b.verbs, path: b.path, data, name: fn.name });
      if (b.alias !== undefined) routes.push({ verbs: b.verbs, path: b.alias, data, name: fn.name, fallback: true });
    }
    try {
      this.router = new Router(routes);
    } catch (err) {
      if (err instanceof RouteConflictError) {
        throw declarationError('SB_DECL_ROUTE_CONFLICT', {
          verb: err.verb,
          path: `${api.webpath}/${err.path.replace(/^\/+/, '')}`,
          first: err.routes[0],
          second: err.routes[1],
        });
      }
      // Templates were checked when the binding was resolved; anything else is a bug worth its stack.
      throw err;
    }
  }

  handle(req: SbRequest, rel: string): SbResponse | Promise<SbResponse> {
    const accept = req.header('accept');
    let format = 0;
    let path = rel;
    let refused: SwitchboardError | undefined;
    // The common case — no Accept, no body, no wsmeproto, no suffix — is the first codec, as is.
    if ((accept !== undefined && accept !== '*/*') || req.hasBody || req.query.includes('wsmeproto=') || !this.chooser.plainPath(rel)) {
      const choice = this.chooser.choose(req, rel, accept);
      path = choice.rel;
      if (choice.error) refused = choice.error;
      else format = choice.format;
    }
    const route = this.router.find(req.method, path);
    if (route.miss !== undefined) {
      const asked = path === '' ? '/' : path;
      if (route.miss === 'not_found') return this.refuse(req, format, sbError('SB_NOT_FOUND', { path: asked }), '', asked);
      if (route.miss === 'bad_path') {
        const reason = 'The path segment is not valid percent-encoded UTF-8';
        return this.refuse(req, format, sbError('SB_INVALID_INPUT', { name: route.param, value: '', reason }), '', asked);
      }
      // CORS answers a preflight from this 405's Allow.
      return this.refuse(req, format, sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: route.allow }), '', asked, route.allow);
    }
    if (refused) return this.refuse(req, this.chooser.faultFormat(accept), refused, route.data.fn.name);
    const f = route.data;
    // A stream answers as SSE where the client asks for it (the first codec's data).
    const sse = accept !== undefined && (f.fn.def.stream || format === 0) && accept.includes(EVENT_STREAM);
    let args: Record<string, unknown>;
    try {
      // A selector that does not parse is refused before the function runs.
      if (f.shaping !== undefined) shapingOf(req.query, f.shaping);
      args = f.query.read(req.query, undefined);
      if (route.params) for (const name in route.params) f.fn.binder.put(args, name, route.params[name], 'text');
      for (const h of f.headers) {
        const v = req.header(h.key);
        if (v !== undefined) f.fn.binder.putAt(args, h.index, v, 'text');
      }
    } catch (err) {
      return this.refuse(req, format, toSwitchboardError(err), f.fn.name);
    }
    if (!req.hasBody) return this.run(f, format, args, req, sse);
    const body = bodyOf(req, this.env.bodyLimit);
    if (!(body instanceof Promise)) return this.withBody(f, format, args, req, body, sse);
    return body.then(
      (bytes) => this.withBody(f, format, args, req, bytes, sse),
      (err: unknown) => this.refuse(req, format, toSwitchboardError(err), f.fn.name),
    );
  }

  private withBody(
    f: RestFunction,
    format: number,
    args: Record<string, unknown>,
    req: SbRequest,
    bytes: Uint8Array,
    sse: boolean,
  ): SbResponse | Promise<SbResponse> {
    let text = '';
    try {
      text = utf8Text(bytes);
      const type = mediaType(req.header('content-type'));
      if (type === FORM) {
        // WSME reads the query and a form as one set of parameters (`p.a` in one, `p.b` in the other).
        if (f.members === undefined) args = f.query.read(req.query, text);
        else {
          const form = f.form.read('', text);
          for (const k in form) f.fn.binder.place(args, k, form[k]);
        }
      } else if (text.length > 0) {
        // An empty body (say, chunked with no data) carries no arguments, as in WSME.
        const codec = this.formats[format]!;
        const raw = f.format(format).parse(text);
        const binder = f.fn.binder;
        if (f.bodyIndex !== -1) binder.putAt(args, f.bodyIndex, raw, codec.codec);
        else {
          const members = f.members;
          codec.members(raw, f.fn, (key, value) => {
            if (value === undefined) return;
            const i = members ? (members.get(key) ?? -1) : binder.indexOf(key);
            if (i === -1) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
            binder.putAt(args, i, value, codec.codec);
          });
        }
      }
    } catch (err) {
      const e = toSwitchboardError(this.formats[format]!.codec === 'json' ? numbersAsSent(err, text) : err);
      return this.refuse(req, format, e, f.fn.name);
    }
    return this.run(f, format, args, req, sse);
  }

  private run(f: RestFunction, format: number, args: Record<string, unknown>, req: SbRequest, sse: boolean): SbResponse | Promise<SbResponse> {
    const out = call(f.fn, args, req, sse ? SSE : PLAIN);
    return out instanceof Promise ? out.then((o) => this.answer(f, format, o, req, sse)) : this.answer(f, format, out, req, sse);
  }

  private answer(f: RestFunction, format: number, o: Outcome, req: SbRequest, sse: boolean): SbResponse {
    if (!o.ok) return this.faultIn(format, o.error);
    const codec = f.format(format);
    if (sse && isStream(o.value)) {
      try {
        return eventStream(o.value, codec.encode, (err) => this.formats[format]!.encodeFault(err, this.api.debug), req, this.streams);
      } catch (err) {
        // Refused (too many streams): the source is closed so it releases what it holds.
        const source = o.value;
        Promise.resolve()
          .then(() => source[Symbol.asyncIterator]().return?.())
          .catch(() => {});
        return this.faultIn(format, toSwitchboardError(err));
      }
    }
    const status = f.fn.binding.status;
    if (status === 204) return { status, headers: NO_CONTENT_HEADERS, body: null };
    let body: string | AsyncIterable<BodyChunk>;
    try {
      const shaping = f.shaping !== undefined && this.formats[format]!.codec === 'json' ? shapingOf(req.query, f.shaping) : undefined;
      if (shaping !== undefined) body = shapeJson(codec.encode(o.value), shaping);
      // A long list goes out in chunks, as the client reads; a short one (or any other value) whole.
      else if (codec.item !== undefined && Array.isArray(o.value) && o.value.length > LIST_CHUNKING) body = jsonList(o.value, codec.item);
      else body = codec.encode(o.value);
    } catch (err) {
      return this.faultIn(format, toSwitchboardError(err));
    }
    const b = f.fn.binding;
    if (b.location === undefined && b.etag === undefined) return { status, headers: this.headers[format]!, body };
    const headers: Record<string, string> = { ...this.headers[format]! };
    const location = b.location === undefined ? undefined : fillLocation(b.location, o.value);
    if (location !== undefined) headers.location = `${this.api.webpath}/${location}`;
    const etag = b.etag === undefined ? undefined : etagOf(b.etag, o.value);
    if (etag !== undefined) headers.etag = etag;
    return { status, headers, body };
  }

  fault(err: SwitchboardError, req?: SbRequest): SbResponse {
    return this.faultIn(req === undefined ? 0 : this.chooser.faultFormat(req.header('accept')), err);
  }

  /** A call refused before the call path: its observers are told, the caller gets the fault. */
  private refuse(req: SbRequest, format: number, err: SwitchboardError, name: string, asked?: string, allow?: string): SbResponse {
    // An OPTIONS no function takes is a browser's question (a preflight), not a call.
    if (req.method !== 'OPTIONS') observeRefusal(this.api.observe, { api: this.api.def.name, name, protocol: 'rest', request: req, asked }, err);
    return this.faultIn(format, err, allow);
  }

  private faultIn(format: number, err: SwitchboardError, allow?: string): SbResponse {
    // A handler's redirect (a declared 3xx): its status and Location, no body.
    if (isRedirect(err)) return { status: err.status, headers: err.location === undefined ? {} : { location: err.location }, body: null };
    if (!err.isClient) this.env.onServerError?.(err);
    const headers: Record<string, string> = { 'content-type': this.formats[format]!.contentType };
    if (allow) headers.allow = allow;
    if (err.challenge !== undefined) headers['www-authenticate'] = err.challenge;
    return { status: err.status, headers, body: this.formats[format]!.encodeFault(err, this.api.debug) };
  }
}
