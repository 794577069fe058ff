/** The short HTML page at `/`: the API's functions, each a link. */
import type { Api } from '../runtime/compile.ts';
import { verbsOf } from '../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import { type TrustProxy, publicPath } from './public-url.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Most distinct link bases (mount paths, proxy prefixes) whose page is kept. */
const MAX_PAGES = 16;

/**
 * The index page per link base: its links follow the path the client came through (the mount
 * path, a trusted proxy's prefix), so each base has its page, built once and kept, boundedly.
 */
export class IndexPages {
  private readonly byBase = new Map<string, SbResponse>();

  constructor(
    private readonly api: Api,
    private readonly documents: readonly string[],
    private readonly trust: TrustProxy,
  ) {}

  /** The page for this request. */
  get(req: SbRequest): SbResponse {
    const base = publicPath(req, this.api.webpath, this.trust);
    let page = this.byBase.get(base);
    if (page === undefined) {
      page = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: indexPage(this.api, this.documents, base) };
      if (this.byBase.size >= MAX_PAGES) this.byBase.delete(this.byBase.keys().next().value!);
      this.byBase.set(base, page);
    }
    return page;
  }
}

/** The page, its links below `base` (default: the webpath, as seen from the host's root). */
export function indexPage(api: Api, documents: readonly string[], base: string = api.webpath): string {
  const items = api.functions
    .map((fn) => {
      const href = `${base}/${fn.path.join('/')}`;
      const args = fn.args.map((a) => a.name).join(', ');
      const doc = fn.def.doc ? ` — ${esc(fn.def.doc)}` : '';
      return `<li><a href="${esc(href)}">${esc(fn.name)}</a>(${esc(args)}) <small>${verbsOf(fn).join(' ')}</small>${doc}</li>`;
    })
    .join('\n');
  const docs = documents.map((d) => `<li><a href="${esc(`${base}/${d}`)}">${esc(d)}</a></li>`).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(api.root.name)} — Switchboard</title></head>
<body><h1>${esc(api.root.name)}</h1>${api.root.doc ? `<p>${esc(api.root.doc)}</p>` : ''}
<h2>Functions</h2><ul>
${items}
</ul>${docs ? `<h2>Documents</h2><ul>\n${docs}\n</ul>` : ''}
</body></html>
`;
}
