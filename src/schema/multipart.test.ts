import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SwitchboardError } from '../errors/index.ts';
import { multipartBoundary, parseMultipart } from './multipart.ts';

/** A body as a real client (undici's FormData encoder) writes it. */
async function encode(form: FormData): Promise<{ body: Uint8Array; type: string }> {
  const r = new Response(form);
  return { body: new Uint8Array(await r.arrayBuffer()), type: r.headers.get('content-type')! };
}

const text = (d: Uint8Array) => Buffer.from(d).toString('utf8');
const raw = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof SwitchboardError && err.isClient && pattern.test(err.message));
}

describe('multipart reader', () => {
  it('reads fields and files written by FormData, bytes intact', async () => {
    const bytes = new Uint8Array([0, 1, 2, 13, 10, 45, 45, 255]);
    const form = new FormData();
    form.append('extAction', 'person');
    form.append('name', 'Zoë "Z" Smith');
    form.append('photo', new Blob([bytes], { type: 'image/png' }), 'ph"oto.png');
    form.append('empty', new Blob([]), '');
    const { body, type } = await encode(form);
    const parts = parseMultipart(body, multipartBoundary(type));
    assert.deepEqual(
      parts.map((p) => [p.name, p.filename, p.data.length]),
      [
        ['extAction', undefined, 6],
        ['name', undefined, Buffer.byteLength('Zoë "Z" Smith')],
        ['photo', 'ph%22oto.png', 8],
        ['empty', undefined, 0],
      ],
    );
    assert.equal(text(parts[1].data), 'Zoë "Z" Smith');
    assert.deepEqual([...parts[2].data], [...bytes]);
    assert.equal(parts[2].contentType, 'image/png');
  });

  it('ignores a preamble and transport padding, keeps empty values', () => {
    const body = raw(
      'ignored preamble\r\n--xx  \r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n--xx\r\nContent-Disposition: form-data; name=b\r\n\r\nB\r\n--xx--\r\nepilogue',
    );
    const parts = parseMultipart(body, 'xx');
    assert.deepEqual(
      parts.map((p) => [p.name, text(p.data)]),
      [
        ['a', ''],
        ['b', 'B'],
      ],
    );
  });

  it('decodes filename* (RFC 5987) and quoted escapes', () => {
    const body = raw('--b\r\nContent-Disposition: form-data; name="f"; filename="x\\"y"; filename*=UTF-8\'\'%C3%A9t%C3%A9.txt\r\n\r\nhi\r\n--b--');
    assert.equal(parseMultipart(body, 'b')[0].filename, 'été.txt');
    // What a browser sends for a file input left empty.
    const empty = raw('--b\r\nContent-Disposition: form-data; name="f"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--b--');
    assert.equal(parseMultipart(empty, 'b')[0].filename, '');
  });

  it('reads the boundary from the content type, quoted or not', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary="a b"'), 'a b');
    assert.equal(multipartBoundary('multipart/form-data;boundary=----WebKitFormBoundaryX1'), '----WebKitFormBoundaryX1');
    rejects(() => multipartBoundary('multipart/form-data'), /missing or invalid boundary/);
    rejects(() => multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`), /boundary/);
  });

  it('refuses malformed bodies with a client error', () => {
    rejects(() => parseMultipart(raw('no delimiter at all'), 'b'), /no boundary/);
    rejects(() => parseMultipart(raw('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'), 'b'), /unterminated/);
    rejects(() => parseMultipart(raw('--b\r\nContent-Disposition: form-data; name="a"'), 'b'), /not terminated/);
    rejects(() => parseMultipart(raw('--bX\r\n'), 'b'), /line break/);
    rejects(() => parseMultipart(raw('--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--'), 'b'), /Content-Disposition/);
    rejects(() => parseMultipart(raw('--b\r\nContent-Disposition: form-data; filename="a"\r\n\r\nx\r\n--b--'), 'b'), /no name/);
    rejects(() => parseMultipart(raw('--b\r\nnonsense\r\n\r\nx\r\n--b--'), 'b'), /bad header line/);
    rejects(() => parseMultipart(raw('--b\r\nContent-Disposition: form-data; name=a; filename*=nope\r\n\r\nx\r\n--b--'), 'b'), /filename\*/);
  });

  it('enforces its limits', () => {
    const part = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n';
    rejects(() => parseMultipart(raw(`${part.repeat(3)}--b--`), 'b', { maxParts: 2 }), /more than 2 parts/);
    const big = `--b\r\nContent-Disposition: form-data; name="a"\r\nX-Pad: ${'p'.repeat(100)}\r\n\r\nx\r\n--b--`;
    rejects(() => parseMultipart(raw(big), 'b', { maxHeaderBytes: 50 }), /not terminated/);
  });
});
