/**
 * A matched route's params object, built by a function generated once per list of parameter
 * names (`v => ({ "id": v[0], "itemId": v[1] })`, as jsongen does for encoders): an object
 * literal with fixed keys is allocated with its final shape in one step, where assigning keys
 * one by one through a keyed store (names vary between routes) measured ~29 ns a call against
 * ~8 (node 20, four lists of names in turn). Where code generation is refused
 * (`--disallow-code-generation-from-strings`), a loop does the same.
 */
export type ParamsBuilder = (values: readonly string[]) => Record<string, string>;

/** The builder for `names`, shared through `cache` by routes with the same names. */
export function paramsBuilder(names: readonly string[], cache: Map<string, ParamsBuilder>): ParamsBuilder {
  const key = names.join('/');
  let b = cache.get(key);
  if (!b) {
    b = generated(names) ?? looped(names);
    cache.set(key, b);
  }
  return b;
}

function generated(names: readonly string[]): ParamsBuilder | undefined {
  // Names are identifiers (template.ts checks), but are quoted anyway: the literal is data.
  const fields = names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ');
  try {
    return new Function('v', `"use strict"; return { ${fields} };`) as ParamsBuilder;
  } catch {
    return undefined;
  }
}

function looped(names: readonly string[]): ParamsBuilder {
  return (values) => {
    const params: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) params[names[i]] = values[i];
    return params;
  };
}
