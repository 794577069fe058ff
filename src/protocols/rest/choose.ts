/**
 * Which codec answers a REST request, by WSME's rules, in order: `?wsmeproto=`, the path's
 * suffix (`.json`, `.xml`, stripped), the body's content type (forms name none), `Accept`
 * (best quality first; `text/event-stream` is the first codec's, as SSE), else the first codec.
 * Header answers are remembered (bounded), as the selector's are.
 */
import { type SwitchboardError, sbError } from '../../errors/index.ts';
import type { SbRequest } from '../../runtime/http.ts';
import { mediaType, parseAccept, rangeMatches } from '../media.ts';
import { remembered } from '../select.ts';
import type { RestFormat } from './format.ts';
import { EVENT_STREAM } from './sse.ts';

export type Choice = { readonly format: number; readonly rel: string; readonly error?: undefined } | { readonly error: SwitchboardError; readonly rel: string };

const NEUTRAL_BODIES = new Set(['', 'application/x-www-form-urlencoded', 'multipart/form-data']);

export class FormatChooser {
  private readonly byAcceptCache = new Map<string, number>();
  private readonly byBodyCache = new Map<string, number>();
  private readonly dotted: boolean;

  constructor(private readonly formats: readonly RestFormat[]) {
    this.dotted = formats.every((f) => f.suffix.includes('.'));
  }

  /** True when the path cannot end in a codec's suffix (suffixes have a dot; most paths none). */
  plainPath(rel: string): boolean {
    return this.dotted && rel.indexOf('.') === -1;
  }

  /** The codec for a request, by WSME's rules; `accept` is its `Accept` header. */
  choose(req: SbRequest, rel: string, accept: string | undefined): Choice {
    let named = -1;
    if (req.query.includes('wsmeproto=')) {
      const name = /(?:^|&)wsmeproto=([^&]*)/.exec(req.query)?.[1];
      named = this.formats.findIndex((f) => f.name === name);
    }
    let path = rel;
    for (let i = 0; i < this.formats.length; i++) {
      const suffix = this.formats[i]!.suffix;
      if (rel.endsWith(suffix)) {
        path = rel.slice(0, -suffix.length);
        if (named === -1) named = i;
        break;
      }
    }
    if (named !== -1) return { format: named, rel: path };
    if (req.hasBody) {
      const header = req.header('content-type') ?? '';
      const i = remembered(this.byBodyCache, header, () => this.byBody(header));
      if (i === -2) {
        const accepted = [...new Set(this.formats.flatMap((f) => f.consumes))].join(', ');
        return { error: sbError('SB_UNSUPPORTED_MEDIA_TYPE', { type: mediaType(header), accepted }), rel: path };
      }
      if (i >= 0) return { format: i, rel: path };
    }
    if (accept === undefined || accept === '*/*') return { format: 0, rel: path };
    const i = remembered(this.byAcceptCache, accept, () => this.byAccept(accept));
    if (i === -1) {
      const available = [...new Set(this.formats.flatMap((f) => f.produces))].join(', ');
      return { error: sbError('SB_NOT_ACCEPTABLE', { accept, available }), rel: path };
    }
    return { format: i, rel: path };
  }

  /** The codec a fault is answered in when the request's own codec is unknown: `Accept`'s, else the first. */
  faultFormat(accept: string | undefined): number {
    if (accept === undefined || accept === '*/*') return 0;
    const i = remembered(this.byAcceptCache, accept, () => this.byAccept(accept));
    return i === -1 ? 0 : i;
  }

  /** -1: a body that names no codec (a form, none); -2: a body no codec reads. */
  private byBody(header: string): number {
    const type = mediaType(header);
    if (NEUTRAL_BODIES.has(type)) return -1;
    const i = this.formats.findIndex((f) => f.consumes.includes(type));
    return i === -1 ? -2 : i;
  }

  /** The codec an Accept header picks, or -1. */
  private byAccept(accept: string): number {
    const ranges = parseAccept(accept);
    for (const range of ranges) {
      if (range.type === '*/*') break;
      if (rangeMatches(range.type, EVENT_STREAM)) return 0;
      const i = this.formats.findIndex((f) => f.produces.some((t) => rangeMatches(range.type, t)));
      if (i !== -1) return i;
    }
    return ranges.some((r) => r.type === '*/*') ? 0 : -1;
  }
}
