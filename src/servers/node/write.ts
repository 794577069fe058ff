/** Writing an `SbResponse` to node:http's ServerResponse, streams with backpressure. */
import type { ServerResponse } from 'node:http';
import type { BodyChunk, SbResponse } from '../../runtime/http.ts';

/** Writes a response. `out.headers` may be shared between responses, so it is never mutated. */
export function writeResponse(res: ServerResponse, out: SbResponse, closeConnection: boolean): void {
  const body = out.body;
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
    // A flat [name, value, …] list: node takes it as is. Measured: copying `out.headers` with
    // `{ ...spread }` and adding a key cost ~0.6 µs a response (a new hidden class each time).
    const headers: string[] = [];
    const given = out.headers;
    // The writer owns the framing headers: a protocol's own Content-Length (or Connection, when
    // closing) would otherwise go out twice.
    for (const name in given) if (!framing(name, closeConnection)) headers.push(name, given[name]!);
    // RFC 9110 forbids Content-Length on 204 and 304 answers (which have no body).
    if (out.status !== 204 && out.status !== 304) {
      headers.push('content-length', String(body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength));
    }
    if (closeConnection) headers.push('connection', 'close');
    res.writeHead(out.status, headers);
    res.end(body);
    return;
  }
  void writeStream(res, out, body, closeConnection);
}

async function writeStream(res: ServerResponse, out: SbResponse, body: AsyncIterable<BodyChunk>, closeConnection: boolean): Promise<void> {
  res.writeHead(out.status, closeConnection ? { ...out.headers, connection: 'close' } : out.headers);
  res.flushHeaders();
  const it = body[Symbol.asyncIterator]();
  let closed = false;
  const onClose = () => {
    closed = true;
    void it.return?.();
  };
  res.once('close', onClose);
  try {
    while (!closed) {
      const step = await it.next();
      if (step.done || closed) break;
      if (!res.write(step.value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
      }
    }
  } catch {
    // The stream failed mid-way; the status is sent already, so end the body.
  } finally {
    res.off('close', onClose);
    if (!res.writableEnded) res.end();
  }
}

/** `Content-Length`, or `Connection` when the writer sets it, in any letter case. */
function framing(name: string, closeConnection: boolean): boolean {
  if (name.length === 14) return name.toLowerCase() === 'content-length';
  return closeConnection && name.length === 10 && name.toLowerCase() === 'connection';
}
