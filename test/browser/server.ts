/**
 * The test process's own small server for browser tests: the Switchboard app under test, plus
 * the test page and Ext JS (GPL-3, test-only: read from node_modules, never copied into the
 * repository) at `/test/…`, all on one origin so the page may call the router. It records the
 * requests that reach the Ext Direct router, so tests can count HTTP requests.
 */
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { App } from '../../src/index.ts';
import { NodeServer } from '../../src/servers/node/index.ts';

export interface RouterHit {
  readonly contentType: string;
  readonly body: string;
}

export interface BrowserTestServer {
  readonly url: string;
  /** Requests that reached `/ws/extdirect/router`, in order. */
  readonly routerHits: RouterHit[];
  /** Requests to Ext Direct poll URLs, as `METHOD path`, in order. */
  readonly pollHits: string[];
  close(): Promise<void>;
}

/** Where npm put Ext JS's single-file classic build. */
export function extAllPath(): string {
  const pkg = createRequire(import.meta.url).resolve('extjs-gpl/package.json');
  return join(dirname(pkg), 'build', 'ext-all.js');
}

export async function startBrowserTestServer(app: App, page: string): Promise<BrowserTestServer> {
  const statics = new Map<string, { type: string; body: Buffer }>([
    ['/test/ext-all.js', { type: 'application/javascript', body: readFileSync(extAllPath()) }],
    ['/test/page.html', { type: 'text/html; charset=utf-8', body: readFileSync(page) }],
  ]);
  const sb = new NodeServer(app);
  const routerHits: RouterHit[] = [];
  const pollHits: string[] = [];
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const file = statics.get(path);
    if (file) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length });
      res.end(file.body);
      return;
    }
    if (path.startsWith('/ws/extdirect/poll/')) pollHits.push(`${req.method} ${path}`);
    if (path.startsWith('/ws/extdirect/router')) {
      // Tee the body for the record; the app reads its own copy below.
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => routerHits.push({ contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('latin1') }));
    }
    sb.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routerHits,
    pollHits,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
