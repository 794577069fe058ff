/** The short HTML page at `/`: each API's functions, each a link. */
import type { Api } from '../runtime/compile.ts';
import { verbsOf } from '../runtime/compile.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page listing every API served: its functions and documents. */
export function indexPage(sections: readonly { readonly api: Api; readonly documents: readonly string[] }[]): string {
  const title = sections.length === 1 ? sections[0]!.api.root.name : 'Switchboard';
  const body = sections.map((s) => apiSection(s.api, s.documents, sections.length > 1)).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)} — Switchboard</title></head>
<body>${body}
</body></html>
`;
}

function apiSection(api: Api, documents: readonly string[], several: boolean): string {
  const items = api.functions
    .map((fn) => {
      const href = `${api.webpath}/${fn.binding.path}`;
      const args = fn.args.map((a) => a.name).join(', ');
      const doc = fn.def.doc ? ` — ${esc(fn.def.doc)}` : '';
      return `<li><a href="${esc(href)}">${esc(fn.name)}</a>(${esc(args)}) <small>${verbsOf(fn).join(' ')}</small>${doc}</li>`;
    })
    .join('\n');
  const docs = documents.map((d) => `<li><a href="${esc(`${api.webpath}/${d}`)}">${esc(d)}</a></li>`).join('\n');
  const version = api.root.version ? ` ${esc(api.root.version)}` : '';
  const where = several ? ` <small>at ${esc(api.webpath || '/')}</small>` : '';
  return `<h1>${esc(api.root.name)}${version}${where}</h1>${api.root.doc ? `<p>${esc(api.root.doc)}</p>` : ''}
<h2>Functions</h2><ul>
${items}
</ul>${docs ? `<h2>Documents</h2><ul>\n${docs}\n</ul>` : ''}`;
}
