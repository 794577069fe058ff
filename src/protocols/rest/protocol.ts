/**
 * The REST protocol shared by REST+JSON and REST+XML: routing, argument gathering, dispatch
 * and the fault/result answers. The format supplies only its body reader and encoders.
 */
import { type SwitchboardError, toSwitchboardError } from '../../errors/index.ts';
import type { Api, FunctionEntry } from '../../runtime/compile.ts';
import { type Outcome, dispatch, isStream } from '../../runtime/dispatch.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import { mediaType } from '../media.ts';
import type { BindEnv, BoundProtocol, Protocol } from '../protocol.ts';
import { TextArgs, mergeArgs } from './args.ts';
import type { RestFormat } from './format.ts';
import { RestRoutes } from './routes.ts';
import { EVENT_STREAM, eventStream, wantsEventStream } from './sse.ts';

interface Compiled {
  readonly encode: (value: unknown) => string;
  readonly text: TextArgs;
  readonly readBody: (text: string) => Record<string, unknown>;
}

const FORM = 'application/x-www-form-urlencoded';

export function restProtocol(format: RestFormat): Protocol {
  const protocol: Protocol = {
    name: format.name,
    suffix: format.suffix,
    consumes: format.consumes,
    forms: [FORM],
    // The default format also answers `Accept: text/event-stream` (stream results as SSE).
    produces: format.isDefault ? [...format.produces, EVENT_STREAM] : format.produces,
    isDefault: format.isDefault,
    bind: (api, env) => new BoundRest(protocol, format, api, env),
  };
  return protocol;
}

class BoundRest implements BoundProtocol {
  private readonly routes: RestRoutes<Compiled>;
  private readonly headers: Record<string, string>;

  constructor(
    readonly protocol: Protocol,
    private readonly format: RestFormat,
    private readonly api: Api,
    private readonly env: BindEnv,
  ) {
    this.headers = { 'content-type': this.format.contentType };
    this.routes = new RestRoutes(api, (fn) => ({
      encode: this.format.resultEncoder(fn),
      text: new TextArgs(fn),
      readBody: this.format.bodyReader(fn, fn.def.body === undefined ? undefined : fn.argsByName.get(fn.def.body)),
    }));
  }

  handle(req: SbRequest, rel: string): SbResponse | Promise<SbResponse> {
    const route = this.routes.find(rel, req.method);
    if (route.error) return this.faultWith(route.error, route.allow);
    const fn = route.fn;
    const c = route.data;
    if (!req.hasBody) {
      let args: Record<string, unknown>;
      try {
        args = c.text.read(req.query, undefined);
      } catch (err) {
        return this.fault(toSwitchboardError(err));
      }
      const out = dispatch({ fn, args, request: req });
      return out instanceof Promise ? out.then((o) => this.answer(c, o, req)) : this.answer(c, out, req);
    }
    return this.withBody(req, fn, c);
  }

  /** Reads the body, then calls; promise chains rather than `async`, measured cheaper per call. */
  private withBody(req: SbRequest, fn: FunctionEntry, c: Compiled): Promise<SbResponse> {
    return req.body(this.env.bodyLimit).then(
      (bytes) => this.callWithBody(req, fn, c, bytes),
      (err: unknown) => this.fault(toSwitchboardError(err)),
    );
  }

  private callWithBody(req: SbRequest, fn: FunctionEntry, c: Compiled, bytes: Uint8Array): SbResponse | Promise<SbResponse> {
    let args: Record<string, unknown>;
    try {
      // Node's adapters hand over a Buffer already: no second view over the same bytes.
      const text = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('utf8');
      const type = mediaType(req.header('content-type'));
      if (type === FORM) args = c.text.read(req.query, text);
      // An empty body (say, chunked with no data) carries no arguments, as in WSME.
      else if (text.length === 0) args = c.text.read(req.query, undefined);
      else args = mergeArgs(c.text.read(req.query, undefined), c.readBody(text));
    } catch (err) {
      return this.fault(toSwitchboardError(err));
    }
    const out = dispatch({ fn, args, request: req });
    return out instanceof Promise ? out.then((o) => this.answer(c, o, req)) : this.answer(c, out, req);
  }

  private answer(c: Compiled, o: Outcome, req: SbRequest): SbResponse {
    if (!o.ok) return this.fault(o.error);
    if (isStream(o.value)) {
      if (wantsEventStream(req)) return eventStream(o.value, c.encode, (err) => this.format.encodeFault(err, this.api.debug), req);
      // Closing the iterator releases whatever the handler holds; plain REST cannot stream.
      void (o.value as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
      return this.fault(toSwitchboardError(new Error('A streaming result needs a streaming protocol')));
    }
    let body: string;
    try {
      body = c.encode(o.value);
    } catch (err) {
      return this.fault(toSwitchboardError(err));
    }
    return { status: 200, headers: this.headers, body };
  }

  fault(err: SwitchboardError): SbResponse {
    return this.faultWith(err, undefined);
  }

  private faultWith(err: SwitchboardError, allow: string | undefined): SbResponse {
    if (!err.isClient) this.env.onServerError?.(err);
    const headers: Record<string, string> = { 'content-type': this.format.contentType };
    if (allow) headers.allow = allow;
    return { status: err.status, headers, body: this.format.encodeFault(err, this.api.debug) };
  }
}
