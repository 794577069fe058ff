/**
 * A tiny node:http → Fetch bridge, standing in for a Fetch runtime (Deno.serve, Bun.serve):
 * each IncomingMessage becomes a `Request` (body streamed, signal aborted on hang-up) and the
 * handler's `Response` is written back, streaming. Test-only: the adapter never goes this way.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export interface Bridge {
  url: string;
  close(): Promise<void>;
}

export async function serveFetch(handler: (request: Request) => Promise<Response>): Promise<Bridge> {
  const server = createServer((req, res) => void answer(handler, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ac = new AbortController();
  res.once('close', () => !res.writableFinished && ac.abort());
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: ac.signal };
  if (hasBody) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  let response: Response;
  try {
    response = await handler(new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, init));
  } catch {
    res.writeHead(500).end();
    return;
  }
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.writeHead(response.status);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => {}));
  try {
    for (let step = await reader.read(); !step.done; step = await reader.read()) res.write(step.value);
  } catch {
    // cancelled: the client went away
  }
  res.end();
}
