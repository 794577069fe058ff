/** Comparing a document against an excerpt of it, as guides show them. */
import assert from 'node:assert/strict';

/** Asserts that `actual` holds `shown`: every key shown present and equal (arrays item by item, maybe longer). */
export function holds(actual: unknown, shown: unknown, path = '$'): void {
  if (Array.isArray(shown)) {
    assert.ok(Array.isArray(actual), `${path} is an array`);
    assert.ok(actual.length >= shown.length, `${path} has at least ${shown.length} items`);
    for (const [i, x] of shown.entries()) holds(actual[i], x, `${path}[${i}]`);
  } else if (typeof shown === 'object' && shown !== null) {
    assert.ok(typeof actual === 'object' && actual !== null && !Array.isArray(actual), `${path} is an object`);
    for (const [k, v] of Object.entries(shown)) holds((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else assert.deepEqual(actual, shown, path);
}

/** The guide's `json excerpt=<path>` blocks: the path of the document and the excerpt. */
export function excerpts(page: string): { path: string; json: unknown }[] {
  return [...page.matchAll(/^```json excerpt=(\S+)\n([\s\S]*?)^```$/gm)].map((m) => ({ path: m[1]!, json: JSON.parse(m[2]!) as unknown }));
}

/** The guide's ```ts block that starts with `// file: <name>`. */
export function fileBlock(page: string, name: string): string {
  const m = new RegExp(`^\`\`\`ts\\n(// file: ${name.replace('.', '\\.')}\\n[\\s\\S]*?)^\`\`\`$`, 'm').exec(page);
  if (!m) throw new Error(`no ts block for ${name}`);
  return m[1]!;
}
