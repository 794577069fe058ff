/**
 * The Ext Direct router: a POST carrying one call or a batch of calls as JSON, or one call as
 * a form post (urlencoded, or multipart with file uploads). Calls of a batch run concurrently
 * and are answered in one array in their order, each with its `tid`. A call's failure is an
 * `exception` message with HTTP 200; only a request that is not Ext Direct at all (garbage
 * JSON, an empty or oversized batch, a wrong content type) gets an HTTP client error.
 */
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import { parsePairs } from '../../schema/form.ts';
import { numbersAsSent, parseJson } from '../../schema/jsontext.ts';
import { utf8Text } from '../../schema/utf8.ts';
import { type MultipartPart, multipartBoundary, parseMultipart } from '../../schema/multipart.ts';
import type { Api } from '../../runtime/compile.ts';
import { type Carrier, call } from '../../runtime/call.ts';
import { observeRefusal } from '../../runtime/observe.ts';
import type { Outcome } from '../../runtime/dispatch.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import { mediaType } from '../media.ts';
import type { BindEnv } from '../protocol.ts';
import { type CallHead, NO_CALL, exceptionMessage, rpcMessage, uploadWrapper } from './answer.ts';
import { holdsInt64 } from '../../schema/int64.ts';

/** A stream is polled (`extdirect_poll`), not called. */
const CARRIER: Carrier = { name: 'an Ext Direct call (poll it: extdirect_poll)', streams: false, protocol: 'extdirect' };
import type { DirectMethod, MethodTable } from './methods.ts';

export interface RouterLimits {
  /** Most calls in one batch; a larger batch is refused whole, unrun. */
  readonly maxBatch: number;
  /** Largest multipart (upload) body, in bytes. */
  readonly uploadLimit: number;
}

type Message = string | Promise<string>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8' };
const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';
// Not text/plain: a browser sends it cross-site without a preflight, so a page elsewhere could call the API.
const JSON_TYPES = new Set(['', 'application/json', 'text/javascript']);
const FORM_KEYS = new Set(['extAction', 'extMethod', 'extTID', 'extType', 'extUpload', 'extMetadata']);

const notAForm = () => sbError('SB_EXTDIRECT_NOT_A_FORM');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Router {
  /** True when some argument is an int64, so long integer literals must stay exact. */
  private readonly exact: boolean;

  constructor(
    private readonly table: MethodTable,
    private readonly api: Api,
    private readonly env: BindEnv,
    private readonly limits: RouterLimits,
  ) {
    this.exact = api.functions.some((f) => f.args.some((a) => holdsInt64(a.schema)));
  }

  /** Answers a POST to the router; `sub` is the sub-namespace (`''` for none). */
  async handle(req: SbRequest, sub: string): Promise<SbResponse> {
    const contentType = req.header('content-type');
    const type = mediaType(contentType);
    if (type === MULTIPART) {
      const boundary = multipartBoundary(contentType);
      const parts = parseMultipart(await req.body(this.limits.uploadLimit), boundary);
      const fields: [string, string][] = [];
      const files: MultipartPart[] = [];
      for (const p of parts) {
        if (p.filename === undefined) fields.push([p.name, utf8Text(p.data)]);
        else files.push(p);
      }
      if (!fields.some(([k]) => k === 'extAction')) throw notAForm();
      return this.form(req, sub, fields, files);
    }
    if (type !== FORM && !JSON_TYPES.has(type)) {
      throw sbError('SB_UNSUPPORTED_MEDIA_TYPE', { type, accepted: `application/json, ${FORM}, ${MULTIPART}` });
    }
    const text = utf8Text(await req.body(this.env.bodyLimit));
    if (type === FORM) {
      const pairs = parsePairs(text);
      if (pairs.some(([k]) => k === 'extAction')) return this.form(req, sub, pairs, []);
      // Ext JS's `enableUrlEncode` option posts the JSON calls as one form field, `data` by default.
      if (pairs.length === 1) return this.json(req, sub, pairs[0][1]);
      throw notAForm();
    }
    return this.json(req, sub, text);
  }

  private async json(req: SbRequest, sub: string, text: string): Promise<SbResponse> {
    const body = parseJson(text, this.exact);
    if (!Array.isArray(body)) return { status: 200, headers: JSON_HEADERS, body: await this.call(req, sub, body, text) };
    if (body.length === 0) throw sbError('SB_EMPTY_BATCH');
    if (body.length > this.limits.maxBatch) throw sbError('SB_BATCH_TOO_LARGE', { count: body.length, limit: this.limits.maxBatch });
    const answers = body.map((c) => this.call(req, sub, c, text));
    const texts = answers.some((a) => typeof a !== 'string') ? await Promise.all(answers) : (answers as string[]);
    return { status: 200, headers: JSON_HEADERS, body: `[${texts.join(',')}]` };
  }

  /** One call of a JSON request (read from `text`). Never throws: every failure is the call's exception message. */
  private call(req: SbRequest, sub: string, c: unknown, text: string): Message {
    if (!isObject(c)) return this.exception(NO_CALL, this.refused(req, sbError('SB_EXTDIRECT_CALL_NOT_OBJECT')));
    const h: CallHead = { tid: c.tid, action: c.action, method: c.method };
    let m: DirectMethod | undefined;
    let args: Record<string, unknown>;
    try {
      if (c.type !== 'rpc') throw sbError('SB_EXTDIRECT_CALL_TYPE');
      if (typeof c.tid !== 'number' && typeof c.tid !== 'string') throw sbError('SB_EXTDIRECT_NO_TID');
      m = this.find(sub, c.action, c.method);
      args = m.args.fromData(c.data);
    } catch (err) {
      return this.exception(h, this.refused(req, toSwitchboardError(numbersAsSent(err, text)), m, h, sub));
    }
    return this.run(req, h, m, args);
  }

  /** A form post: one call, answered alone, inside the upload wrapper when `extUpload` says so. */
  private async form(req: SbRequest, sub: string, pairs: [string, string][], files: MultipartPart[]): Promise<SbResponse> {
    const ext = new Map<string, string>();
    const fields: [string, string][] = [];
    for (const pair of pairs) {
      if (FORM_KEYS.has(pair[0])) ext.set(pair[0], pair[1]);
      else fields.push(pair);
    }
    const upload = ext.get('extUpload') === 'true';
    const tid = ext.get('extTID');
    const h: CallHead = { tid: tid !== undefined && /^\d{1,15}$/.test(tid) ? Number(tid) : tid, action: ext.get('extAction'), method: ext.get('extMethod') };
    let message: string;
    let m: DirectMethod | undefined;
    try {
      if (tid === undefined) throw sbError('SB_EXTDIRECT_FORM_NO_TID');
      const type = ext.get('extType');
      if (type !== undefined && type !== 'rpc') throw sbError('SB_EXTDIRECT_FORM_TYPE');
      m = this.find(sub, h.action, h.method);
      const args = m.args.fromForm(fields, files);
      message = await this.run(req, h, m, args);
    } catch (err) {
      message = this.exception(h, this.refused(req, toSwitchboardError(err), m, h, sub));
    }
    return upload ? { status: 200, headers: HTML_HEADERS, body: uploadWrapper(message) } : { status: 200, headers: JSON_HEADERS, body: message };
  }

  private find(sub: string, action: unknown, method: unknown): DirectMethod {
    if (typeof action !== 'string' || typeof method !== 'string' || action === '' || method === '') {
      throw sbError('SB_EXTDIRECT_NO_ACTION');
    }
    const full = sub === '' ? action : `${sub}.${action}`;
    const m = this.table.find(full, method);
    if (!m) throw sbError('SB_NOT_FOUND', { path: `${full}.${method}` });
    return m;
  }

  private run(req: SbRequest, h: CallHead, m: DirectMethod, args: Record<string, unknown>): Message {
    const out = call(m.fn, args, req, CARRIER);
    return out instanceof Promise ? out.then((o) => this.finish(h, m, o)) : this.finish(h, m, out);
  }

  private finish(h: CallHead, m: DirectMethod, o: Outcome): string {
    if (!o.ok) return this.exception(h, o.error);
    try {
      return rpcMessage(h, m.encode(o.value));
    } catch (err) {
      return this.exception(h, err);
    }
  }

  /** Tells the API's observers of a call refused before the call path (by the method found, or what was asked). */
  refused(req: SbRequest, err: SwitchboardError, m?: DirectMethod, h?: CallHead, sub = ''): SwitchboardError {
    // A method that is not a string is named by its type: `String()` of a client's value could be
    // anything (an array nested 5,000 deep overflows the stack).
    const method = typeof h?.method === 'string' ? h.method : typeof h?.method;
    const asked = m || !h || typeof h.action !== 'string' ? undefined : `${sub === '' ? '' : `${sub}.`}${h.action}.${method}`;
    observeRefusal(this.api.observe, { api: this.api.def.name, name: m?.fn.name ?? '', protocol: 'extdirect', request: req, asked }, err);
    return err;
  }

  private exception(h: CallHead, err: unknown): string {
    const e: SwitchboardError = toSwitchboardError(err);
    if (!e.isClient) this.env.onServerError?.(e);
    return exceptionMessage(h, e, this.api.debug);
  }
}
