// The house of DESIGN.md: imports point down only. Every file under src/ (tests included,
// subfolders of a layer counted as that layer) may import its own layer, a layer on the same
// row, or one below; `src/index.ts`, the package entry, may import anything.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

/** DESIGN.md's rows, top to bottom reversed: a higher number is a higher layer. */
const ROWS: Record<string, number> = {
  schema: 0,
  errors: 0,
  api: 1,
  resources: 2,
  idl: 2,
  runtime: 3,
  protocols: 4,
  servers: 5,
  cli: 6,
  explorer: 6,
  client: 6,
};

const SRC = resolve(import.meta.dirname, '../src');

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

// Static imports and re-exports (`from '…'`, multi-line ones too), bare `import '…'` and
// dynamic `import('…')` with a literal specifier.
const SPECIFIER = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative specifiers a file imports. */
function imports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) out.push(spec);
  }
  return out;
}

/** The layer of a path under src/, or undefined for the entry (`src/index.ts`). */
function layerOf(path: string): string | undefined {
  const rel = relative(SRC, path).split(/[\\/]/);
  return rel.length > 1 ? rel[0] : undefined;
}

describe('layers: imports point down only (DESIGN.md)', () => {
  const all = files(SRC);

  it('every folder under src/ is a layer of DESIGN.md', () => {
    const layers = new Set(all.map(layerOf).filter((l) => l !== undefined));
    for (const l of layers) assert.ok(l in ROWS, `src/${l}/ is not a layer of DESIGN.md; add it to its row here and there`);
  });

  it('no file imports from a layer above its own', () => {
    const wrong: string[] = [];
    for (const file of all) {
      const from = layerOf(file);
      if (from === undefined) continue;
      for (const spec of imports(readFileSync(file, 'utf8'))) {
        const target = resolve(dirname(file), spec);
        const rel = relative(SRC, target);
        if (rel.startsWith('..')) {
          wrong.push(`${relative(SRC, file)} imports ${spec}, outside src/`);
          continue;
        }
        const to = layerOf(target);
        if (to === undefined) {
          wrong.push(`${relative(SRC, file)} imports the package entry ${spec}`);
          continue;
        }
        if ((ROWS[to] ?? Number.POSITIVE_INFINITY) > (ROWS[from] ?? Number.NEGATIVE_INFINITY)) {
          wrong.push(`${relative(SRC, file)} (${from}/) imports ${spec} (${to}/, a layer above)`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('the check sees imports of every form', () => {
    const text = `import { a } from './a.ts';\nimport {\n  b,\n} from "../b.ts";\nexport * from './c.ts';\nimport './d.ts';\nconst e = await import('./e.ts');\nimport x from 'node:fs';`;
    assert.deepEqual(imports(text), ['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts']);
  });
});
