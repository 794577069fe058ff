/** An `SbResponse` as a Fetch-API `Response`; streamed bodies become a pull-driven ReadableStream. */
import type { BodyChunk, SbResponse } from '../../runtime/http.ts';

const encoder = new TextEncoder();

export function toFetchResponse(out: SbResponse): Response {
  const body = out.body;
  // 204 and 304 may not carry a body at all, not even an empty one.
  if (body === null || out.status === 204 || out.status === 304) return new Response(null, { status: out.status, headers: out.headers });
  if (typeof body === 'string') return new Response(body, { status: out.status, headers: out.headers });
  if (body instanceof Uint8Array) return new Response(asBufferSource(body), { status: out.status, headers: out.headers });
  return new Response(streamOf(body), { status: out.status, headers: out.headers });
}

/** Pulls one chunk per read, so a slow reader slows the source; cancel closes the iterator. */
function streamOf(body: AsyncIterable<BodyChunk>): ReadableStream<Uint8Array> {
  const it = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let step: IteratorResult<BodyChunk>;
      try {
        step = await it.next();
      } catch (err) {
        // The status is sent already: end the body with an error the client sees as a cut.
        controller.error(err);
        return;
      }
      if (step.done) controller.close();
      else controller.enqueue(typeof step.value === 'string' ? encoder.encode(step.value) : step.value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** TypeScript's DOM `BodyInit` wants an ArrayBuffer-backed view; Node's Buffers are one. */
function asBufferSource(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return b.buffer instanceof ArrayBuffer ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
}
