/** The short HTML page at `/`: the API's functions, each a link. */
import type { Api } from '../runtime/compile.ts';
import { verbsOf } from '../runtime/compile.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function indexPage(api: Api, documents: readonly string[]): string {
  const items = api.functions
    .map((fn) => {
      const href = `${api.webpath}/${fn.path.join('/')}`;
      const args = fn.args.map((a) => a.name).join(', ');
      const doc = fn.def.doc ? ` — ${esc(fn.def.doc)}` : '';
      return `<li><a href="${esc(href)}">${esc(fn.name)}</a>(${esc(args)}) <small>${verbsOf(fn).join(' ')}</small>${doc}</li>`;
    })
    .join('\n');
  const docs = documents.map((d) => `<li><a href="${esc(`${api.webpath}/${d}`)}">${esc(d)}</a></li>`).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(api.root.name)} — Switchboard</title></head>
<body><h1>${esc(api.root.name)}</h1>${api.root.doc ? `<p>${esc(api.root.doc)}</p>` : ''}
<h2>Functions</h2><ul>
${items}
</ul>${docs ? `<h2>Documents</h2><ul>\n${docs}\n</ul>` : ''}
</body></html>
`;
}
