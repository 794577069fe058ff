/**
 * SOAP (`soap`), WSME's protocol: one URL — the webpath itself — answers SOAP 1.1 (`text/xml`
 * with a `SOAPAction` header) and SOAP 1.2 (`application/soap+xml`, the action in the content
 * type), document/literal wrapped, with the WSDL at `<webpath>/api.wsdl` (and `?wsdl`).
 * Argument and result conversion is the shared XML codec's (`schema/xml.ts`).
 */
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import type { Api } from '../../runtime/compile.ts';
import { intern } from '../../schema/intern.ts';
import { type Carrier, call } from '../../runtime/call.ts';
import type { Outcome } from '../../runtime/dispatch.ts';
import { observeRefusal } from '../../runtime/observe.ts';
import { type SbRequest, type SbResponse, bodyOf } from '../../runtime/http.ts';
import { type ContentType, contentType } from '../content-type.ts';
import { mediaParam } from '../media.ts';
import type { BindEnv, BoundProtocol, Protocol } from '../protocol.ts';
import { EnvelopeHeads } from './envelope-heads.ts';
import { readEnvelope } from './envelope.ts';
import { type EnvelopeFaultCode, faultResponse } from './fault.ts';
import { type SoapOperation, actionMatches, compileOperations } from './operation.ts';
import { type SoapOptions, resolveOptions } from './options.ts';
import { SOAP11, SOAP12, type SoapVersion } from './version.ts';
import { WsdlCache } from './wsdl-cache.ts';

export type { SoapOptions } from './options.ts';

const WSDL_PATH = 'api.wsdl';
const CARRIER: Carrier = { name: 'SOAP', streams: false, protocol: 'soap' };
const POST_ONLY = ['POST'];
// Shared by every answer (server adapters never mutate response headers).
const HEADERS11 = { 'content-type': SOAP11.contentType };
const HEADERS12 = { 'content-type': SOAP12.contentType };

/** True for `GET <webpath>?wsdl`, the address most SOAP toolkits try first. */
function asksWsdl(req: SbRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && (req.query === 'wsdl' || req.query === 'WSDL');
}

/**
 * The SOAP protocol. Selected by a `SOAPAction` header or an `application/soap+xml` body;
 * the WSDL is at `<webpath>/api.wsdl`.
 *
 * @example
 * createApp(root, { protocols: [soap({ tns: 'urn:example', servicename: 'Example' }), restjson()] });
 */
export function soap(options: SoapOptions = {}): Protocol {
  const protocol: Protocol = {
    name: 'soap',
    consumes: [SOAP12.mediaType],
    // Only chosen by its own rule (claims): an Accept header never selects SOAP.
    produces: [],
    endpoints: [WSDL_PATH],
    claims: (req) => req.header('soapaction') !== undefined || contentType(req.header('content-type')).type === SOAP12.mediaType || asksWsdl(req),
    bind: (api, env) => new BoundSoap(protocol, api, env, options),
  };
  return protocol;
}

class BoundSoap implements BoundProtocol {
  // Every path below ends in an answer: a throw anywhere becomes this protocol's fault.
  readonly settles = true;
  private readonly operations: ReadonlyMap<string, SoapOperation>;
  private readonly typens: string;
  private readonly wsdl: WsdlCache;
  private readonly debug: boolean;
  private readonly heads = new EnvelopeHeads();

  constructor(
    readonly protocol: Protocol,
    private readonly api: Api,
    private readonly env: BindEnv,
    options: SoapOptions,
  ) {
    const resolved = resolveOptions(api.root, options);
    // Compared with every operation element's namespace, which remembered openings intern.
    this.typens = intern(resolved.typenamespace);
    this.debug = api.debug;
    this.operations = compileOperations(api, resolved.typenamespace);
    this.wsdl = new WsdlCache(api, resolved, env.trustProxy);
  }

  handle(req: SbRequest, rel: string): SbResponse | Promise<SbResponse> {
    if (rel === WSDL_PATH || (rel === '' && asksWsdl(req))) return this.document(req);
    // From the shared cache of parsed headers (the selector asked it too): no parse per request,
    // and this one lookup serves the call (its charset decodes the body).
    const ct = contentType(req.header('content-type'));
    const type = ct.type;
    const version = type === SOAP12.mediaType ? SOAP12 : SOAP11;
    if (rel !== '') return this.refuse(req, version, sbError('SB_NOT_FOUND', { path: req.path }), '', rel);
    if (req.method !== 'POST') {
      const err = sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'POST' });
      return this.refuse(req, version, err, '', undefined, undefined, { allow: 'POST' });
    }
    if (type !== SOAP11.mediaType && type !== SOAP12.mediaType) {
      // WS-I BP R1124: a content type the binding does not use is 415 (SOAP's fault table), not a fault's 500.
      return this.refuse(req, SOAP11, sbError('SB_UNSUPPORTED_MEDIA_TYPE', { type, accepted: `${SOAP11.mediaType}, ${SOAP12.mediaType}` }), '');
    }
    return this.call(req, version, ct);
  }

  fault(err: SwitchboardError): SbResponse {
    return this.fail(SOAP11, err);
  }

  /** The endpoint is the base path, where calls are POSTed (a CORS preflight asks). */
  allow(rel: string): readonly string[] | undefined {
    return rel === '' ? POST_ONLY : undefined;
  }

  /**
   * A request refused before the call path (no operation, an envelope or arguments that do not
   * read): its observers are told, as every protocol tells them, then the caller gets the fault.
   */
  private refuse(
    req: SbRequest,
    v: SoapVersion,
    err: SwitchboardError,
    name: string,
    asked?: string,
    code?: EnvelopeFaultCode,
    headers?: Record<string, string>,
  ): SbResponse {
    observeRefusal(this.api.observe, { api: this.api.def.name, name, protocol: 'soap', request: req, asked }, err);
    return this.fail(v, err, code, headers);
  }

  private fail(v: SoapVersion, err: SwitchboardError, code?: EnvelopeFaultCode, headers?: Record<string, string>): SbResponse {
    if (!err.isClient) this.env.onServerError?.(err);
    const r = faultResponse(v, err, this.debug, code);
    if (headers) Object.assign(r.headers, headers);
    return r;
  }

  private document(req: SbRequest): SbResponse {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const err = sbError('SB_METHOD_NOT_ALLOWED', { method: req.method, allow: 'GET, HEAD' });
      return { ...this.fail(SOAP11, err, undefined, { allow: 'GET, HEAD' }), status: 405 };
    }
    let text: string;
    try {
      text = this.wsdl.get(req);
    } catch (err) {
      return this.fail(SOAP11, toSwitchboardError(err));
    }
    return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: req.method === 'HEAD' ? null : text };
  }

  private call(req: SbRequest, v: SoapVersion, ct: ContentType): SbResponse | Promise<SbResponse> {
    const body = bodyOf(req, this.env.bodyLimit);
    if (!(body instanceof Promise)) return this.settled(req, v, body, ct);
    // Promise reactions, not an async function: one promise fewer per call (measured).
    return body.then(
      (bytes) => this.settled(req, v, bytes, ct),
      (err: unknown) => this.refuse(req, v, toSwitchboardError(err), ''),
    );
  }

  /** `withBody`, a throw anywhere on its path its fault (SOAP settles its own answers). */
  private settled(req: SbRequest, v: SoapVersion, bytes: Uint8Array, ct: ContentType): SbResponse | Promise<SbResponse> {
    try {
      return this.withBody(req, v, bytes, ct);
    } catch (err) {
      return this.fail(v, toSwitchboardError(err));
    }
  }

  private withBody(req: SbRequest, v: SoapVersion, bytes: Uint8Array, ct: ContentType): SbResponse | Promise<SbResponse> {
    let text: string;
    try {
      text = decodeBody(bytes, ct.charset);
    } catch (err) {
      return this.refuse(req, v, toSwitchboardError(err), '');
    }
    const env = readEnvelope(text, v, this.heads);
    if ('error' in env) return this.refuse(req, v, env.error, '', undefined, env.code);
    const el = env.operation;
    const op = el.ns === this.typens ? this.operations.get(el.local) : undefined;
    if (!op) {
      const names = [...this.operations.keys()];
      const known = names.length > 20 ? `${names.slice(0, 20).join(', ')}, … (${names.length} in all; see the WSDL)` : names.join(', ');
      const operation = `{${el.ns}}${el.local}`;
      return this.refuse(req, v, sbError('SB_SOAP_UNKNOWN_OPERATION', { operation, namespace: `{${this.typens}}`, known }), '', operation);
    }
    const action = v === SOAP11 ? unquote(req.header('soapaction')) : mediaParam(req.header('content-type'), 'action');
    if (action && !actionMatches(action, op.name)) {
      return this.refuse(req, v, sbError('SB_SOAP_ACTION_MISMATCH', { action, operation: op.name }), op.fn.name);
    }
    let args: Record<string, unknown>;
    try {
      args = op.decode(el);
    } catch (err) {
      return this.refuse(req, v, toSwitchboardError(err), op.fn.name);
    }
    const out = call(op.fn, args, req, CARRIER);
    return out instanceof Promise
      ? out.then(
          (o) => this.answer(v, op, o),
          (err: unknown) => this.fail(v, toSwitchboardError(err)),
        )
      : this.answer(v, op, out);
  }

  private answer(v: SoapVersion, op: SoapOperation, o: Outcome): SbResponse {
    // A stream is refused by the call path (SB_STREAM_NOT_CARRIED): SOAP cannot carry one.
    if (!o.ok) return this.fail(v, o.error);
    let body: string;
    try {
      body = op.respond(v, o.value);
    } catch (err) {
      return this.fail(v, toSwitchboardError(err));
    }
    return { status: 200, headers: v === SOAP11 ? HEADERS11 : HEADERS12, body };
  }
}

/** `"personGet"` → `personGet`; WS-I BP R2744 wants the header quoted, not everyone does. */
function unquote(h: string | undefined): string | undefined {
  if (h === undefined) return undefined;
  const t = h.trim();
  return t.length >= 2 && t.charCodeAt(0) === 34 && t.charCodeAt(t.length - 1) === 34 ? t.slice(1, -1) : t;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Decoders by charset (other than UTF-8's): a client names the same one every time. Bounded. */
const decoders = new Map<string, TextDecoder>();

/** The decoder of a content type's charset (lower-case, as `contentType` gives it). */
function decoderFor(charset: string | undefined): TextDecoder {
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return UTF8;
  let d = decoders.get(charset);
  if (d === undefined) {
    try {
      d = new TextDecoder(charset, { fatal: true });
    } catch {
      throw sbError('SB_UNKNOWN_CHARSET', { charset });
    }
    if (decoders.size >= 64) decoders.clear();
    decoders.set(charset, d);
  }
  return d;
}

/** The body as text, in the content type's charset (UTF-8 unless it names another). */
function decodeBody(bytes: Uint8Array, charset: string | undefined): string {
  const decoder = decoderFor(charset);
  try {
    return decoder.decode(bytes);
  } catch {
    throw sbError('SB_BAD_TEXT_ENCODING', { encoding: decoder.encoding });
  }
}
