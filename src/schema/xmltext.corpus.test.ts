// A well-formedness corpus (xmlcorpus/): our parser accepts exactly what xmllint accepts.
//
// - valid/: documents both accept; invalid/: documents both refuse. xmllint's verdict is its
//   exit code, and a "namespace error" counts as a refusal: xmllint reports those without
//   failing, and ours is a namespace-aware parser (Namespaces in XML 1.0 well-formedness).
// - deliberate/: where we differ on purpose, each listed in DELIBERATE with the reason.
//
// A document is read as the protocols read a body: bytes decoded as UTF-8 (a document in
// another encoding, or one that says it is, is refused), then `parseXml`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SwitchboardError } from '../errors/index.ts';
import { declaredEncoding, parseXml } from './xmltext.ts';

const CORPUS = join(import.meta.dirname, 'xmlcorpus');

/** Where we differ from xmllint on purpose: the document, what xmllint does, and why we do otherwise. */
const DELIBERATE: Record<string, { xmllint: 'accepts' | 'refuses'; why: string }> = {
  'doctype.xml': { xmllint: 'accepts', why: 'no DOCTYPE at all: no DTDs, so no entity definitions, external entities or entity bombs' },
  'doctype-internal-entity.xml': { xmllint: 'accepts', why: 'no DOCTYPE at all (an internal subset defining an entity)' },
  'doctype-external.xml': { xmllint: 'accepts', why: 'no DOCTYPE at all (an external DTD is never fetched)' },
  'encoding-latin1.xml': { xmllint: 'accepts', why: 'bodies are read as UTF-8 only; a document declaring another encoding is refused, not misread' },
  'encoding-utf16.xml': { xmllint: 'accepts', why: 'bodies are read as UTF-8 only (UTF-16 bytes are not UTF-8)' },
  'namespace-name-not-uri.xml': {
    xmllint: 'refuses',
    why: 'namespace names are compared as strings, never checked as URI references (xmllint checks their syntax)',
  },
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const READABLE = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/** Whether we accept the document; the reason when not. */
function ours(bytes: Uint8Array): { ok: boolean; why?: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, why: 'not UTF-8' };
  }
  const encoding = declaredEncoding(text);
  if (encoding !== undefined && !READABLE.has(encoding)) return { ok: false, why: `declares ${encoding}` };
  try {
    parseXml(text);
    return { ok: true };
  } catch (e) {
    assert.ok(e instanceof SwitchboardError && e.code === 'SB_INVALID_XML', `refused with SB_INVALID_XML, not ${String(e)}`);
    return { ok: false, why: e.message };
  }
}

/** Whether xmllint accepts the document; its output when not. */
function xmllint(file: string): { ok: boolean; out: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
  assert.equal(r.error, undefined, 'xmllint runs (libxml2-utils)');
  return { ok: r.status === 0 && !/namespace error/.test(r.stderr), out: r.stderr };
}

function documents(kind: string): string[] {
  return readdirSync(join(CORPUS, kind))
    .filter((f) => f.endsWith('.xml'))
    .sort();
}

describe('XML well-formedness corpus, against xmllint', () => {
  it('holds enough documents of each kind', () => {
    assert.ok(documents('valid').length >= 25);
    assert.ok(documents('invalid').length >= 50);
    assert.deepEqual(documents('deliberate'), Object.keys(DELIBERATE).sort());
  });

  for (const kind of ['valid', 'invalid'] as const) {
    describe(kind, () => {
      for (const name of documents(kind)) {
        it(name, () => {
          const file = join(CORPUS, kind, name);
          const lint = xmllint(file);
          const we = ours(readFileSync(file));
          assert.equal(lint.ok, kind === 'valid', `xmllint ${lint.ok ? 'accepts' : 'refuses'} a document filed as ${kind}: ${lint.out}`);
          assert.equal(we.ok, lint.ok, `xmllint ${lint.ok ? 'accepts' : 'refuses'} it, we ${we.ok ? 'accept' : `refuse (${we.why})`}`);
        });
      }
    });
  }

  describe('deliberate differences', () => {
    for (const name of documents('deliberate')) {
      const d = DELIBERATE[name];
      it(`${name}: xmllint ${d?.xmllint}, we do not (${d?.why})`, () => {
        const file = join(CORPUS, 'deliberate', name);
        const lint = xmllint(file);
        const we = ours(readFileSync(file));
        assert.equal(lint.ok, d.xmllint === 'accepts', lint.out);
        assert.equal(we.ok, !lint.ok);
      });
    }
  });
});
