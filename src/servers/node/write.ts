/**
 * Writing an `SbResponse` to node:http's ServerResponse, streams with backpressure. An answer
 * must drain within the send timeout: a client that stops reading is disconnected then, and
 * whatever was queued for it freed, rather than pinned for as long as it keeps the socket.
 */
import type { ServerResponse } from 'node:http';
import type { BodyChunk, SbResponse } from '../../runtime/http.ts';

/** Bytes a stream writes without waiting before it lets other work run. */
const YIELD_BYTES = 64 * 1024;

/** Default milliseconds an answer (or a stream's buffered part) may take to drain. */
export const DEFAULT_SEND_TIMEOUT = 30_000;

/**
 * Writes a response. `out.headers` may be shared between responses, so it is never mutated.
 * `sendTimeoutMs`: how long what is written may wait for the client to read it before the
 * connection is destroyed (default 30 s; 0 never).
 */
export function writeResponse(res: ServerResponse, out: SbResponse, closeConnection: boolean, sendTimeoutMs = DEFAULT_SEND_TIMEOUT): void {
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
    // Usually written through at once; only an answer still queued needs a deadline.
    if (!res.writableFinished && sendTimeoutMs > 0) deadline(res, sendTimeoutMs);
    return;
  }
  void writeStream(res, out, body, closeConnection, sendTimeoutMs);
}

/** Destroys the connection unless the answer finishes within `ms`. */
function deadline(res: ServerResponse, ms: number): void {
  const timer = setTimeout(() => res.destroy(), ms);
  timer.unref();
  const clear = () => clearTimeout(timer);
  res.once('finish', clear);
  res.once('close', clear);
}

async function writeStream(
  res: ServerResponse,
  out: SbResponse,
  body: AsyncIterable<BodyChunk>,
  closeConnection: boolean,
  sendTimeoutMs: number,
): Promise<void> {
  res.writeHead(out.status, closeConnection ? { ...out.headers, connection: 'close' } : out.headers);
  res.flushHeaders();
  const it = body[Symbol.asyncIterator]();
  let closed = false;
  const onClose = () => {
    closed = true;
    void it.return?.();
  };
  res.once('close', onClose);
  // Gone before the first write (its 'close' already fired): the source is closed at once.
  if (res.destroyed) onClose();
  let failed = false;
  let sinceYield = 0;
  try {
    while (!closed) {
      const step = await it.next();
      if (step.done || closed) break;
      const chunk = step.value;
      if (!res.write(chunk)) {
        sinceYield = 0;
        if (!(await drained(res, sendTimeoutMs))) {
          // The client stopped reading: cut it off, which frees what was queued for it.
          res.destroy();
          break;
        }
      } else {
        sinceYield += chunk.length;
        if (sinceYield > YIELD_BYTES) {
          // A source that is always ready (a long list) would otherwise hold the event loop for
          // as long as the socket takes more: other requests go first now and then.
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    }
  } catch {
    // The stream failed mid-way; the status is sent already, so the client must see a cut, not an end.
    failed = true;
  } finally {
    res.off('close', onClose);
    if (failed) res.destroy();
    else if (!res.writableEnded) res.end();
  }
}

/** Resolves true once the buffered writes drained, false when the socket closed or `ms` passed first. */
function drained(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = ms > 0 ? setTimeout(() => finish(false), ms) : undefined;
    const onDrain = () => finish(true);
    const onClose = () => finish(false);
    function finish(ok: boolean) {
      if (timer) clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    }
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/** `Content-Length`, or `Connection` when the writer sets it, in any letter case. */
function framing(name: string, closeConnection: boolean): boolean {
  if (name.length === 14) return name.toLowerCase() === 'content-length';
  return closeConnection && name.length === 10 && name.toLowerCase() === 'connection';
}
