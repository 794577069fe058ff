/** Reading a Server-Sent Events body as the REST protocol writes a stream: items, then `done`, or `error`. */
import { type SwitchboardFault, faultOf } from './fault.ts';
import { parseJson } from './json.ts';

/** The items of an event stream body; a fault event rejects; aborting the request ends it quietly. */
export async function* eventItems(body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (signal?.aborted) return;
        throw err;
      }
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.search(/\r?\n\r?\n/);
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const event = parseEvent(block);
        if (event.name === 'done') return;
        if (event.name === 'error') throw fault(event.data);
        if (event.data !== undefined) yield parseJson(event.data);
        end = buffer.search(/\r?\n\r?\n/);
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function parseEvent(block: string): { name: string | undefined; data: string | undefined } {
  let name: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  return { name, data: data.length > 0 ? data.join('\n') : undefined };
}

function fault(data: string | undefined): SwitchboardFault {
  const body = parseJson(data ?? '') as { faultcode?: string } | undefined;
  return faultOf(body?.faultcode === 'Server' ? 500 : 400, body);
}
