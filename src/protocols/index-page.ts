/**
 * The short HTML pages listing APIs: at `/` every API, at each API's base path (`/ws/`) that
 * API alone — its functions and every document describing it (WSDL, api.js, OpenRPC, OpenAPI,
 * AsyncAPI, Google discovery), each a link.
 */
import type { Api } from '../runtime/compile.ts';
import { verbsOf } from '../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import { type TrustProxy, publicPath } from './public-url.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Most distinct link bases (mount paths, proxy prefixes) whose page is kept. */
const MAX_PAGES = 16;

/** One API on the page, with the documents its protocols serve. */
export interface IndexSection {
  readonly api: Api;
  /** Paths below the API's base (`api.wsdl`), or from the host's root when they start with `/` (discovery's). */
  readonly documents: readonly string[];
}

/** What each document is, for its link's title. */
const TITLES: Readonly<Record<string, string>> = {
  'api.wsdl': 'WSDL 1.1 (SOAP)',
  'extdirect/api.js': 'Ext Direct provider (api.js)',
  'extdirect/api.json': 'Ext Direct provider (JSON)',
  'openapi.json': 'OpenAPI 3.1 (JSON)',
  'openapi.yaml': 'OpenAPI 3.1 (YAML)',
  'asyncapi.json': 'AsyncAPI 3.0 of the WebSocket (JSON)',
  'asyncapi.yaml': 'AsyncAPI 3.0 of the WebSocket (YAML)',
  'openrpc.json': 'OpenRPC 1.3 (JSON-RPC)',
  explorer: 'The explorer: try every function in the browser',
};

function titleOf(doc: string): string | undefined {
  return TITLES[doc] ?? (doc.startsWith('/_ah/api/discovery/') ? 'Google API discovery (REST description)' : undefined);
}

/**
 * The index page per link base: its links follow the path the client came through (the mount
 * path, a trusted proxy's prefix), so each base has its page, built once and kept, boundedly.
 */
export class IndexPages {
  private readonly byBase = new Map<string, SbResponse>();

  constructor(
    private readonly sections: readonly IndexSection[],
    private readonly trust: TrustProxy,
  ) {}

  /** The page for this request. */
  get(req: SbRequest): SbResponse {
    const base = publicPath(req, '', this.trust);
    let page = this.byBase.get(base);
    if (page === undefined) {
      page = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: indexPage(this.sections, base) };
      if (this.byBase.size >= MAX_PAGES) this.byBase.delete(this.byBase.keys().next().value!);
      this.byBase.set(base, page);
    }
    return page;
  }
}

/** The page listing every API, its links below `base` (the mount and proxy prefix; `''` for the host's root). */
export function indexPage(sections: readonly IndexSection[], base = ''): string {
  const title = sections.length === 1 ? sections[0]!.api.root.name : 'Switchboard';
  const body = sections.map((s) => apiSection(s.api, s.documents, base, sections.length > 1)).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)} — Switchboard</title></head>
<body>${body}
</body></html>
`;
}

function apiSection(api: Api, documents: readonly string[], root: string, several: boolean): string {
  const base = root + api.webpath;
  const items = api.functions
    .map((fn) => {
      const href = `${base}/${fn.binding.path}`;
      const args = fn.args.map((a) => a.name).join(', ');
      const doc = fn.def.doc ? ` — ${esc(fn.def.doc)}` : '';
      return `<li><a href="${esc(href)}">${esc(fn.name)}</a>(${esc(args)}) <small>${verbsOf(fn).join(' ')}</small>${doc}</li>`;
    })
    .join('\n');
  const docs = documents
    .map((d) => {
      const title = titleOf(d);
      return `<li><a href="${esc(d.startsWith('/') ? root + d : `${base}/${d}`)}">${esc(d)}</a>${title ? ` — ${esc(title)}` : ''}</li>`;
    })
    .join('\n');
  const version = api.root.version ? ` ${esc(api.root.version)}` : '';
  const where = several ? ` <small>at ${esc(api.webpath || '/')}</small>` : '';
  return `<h1>${esc(api.root.name)}${version}${where}</h1>${api.root.doc ? `<p>${esc(api.root.doc)}</p>` : ''}
<h2>Functions</h2><ul>
${items}
</ul>${docs ? `<h2>Documents</h2><ul>\n${docs}\n</ul>` : ''}`;
}
