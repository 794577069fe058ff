/** `switchboard openapi <module> [--api name] [-o file]`: the OpenAPI document of a module's API, without serving it. */
import { writeFileSync } from 'node:fs';
import { isApis } from '../api/api.ts';
import { DeclarationError } from '../errors/declaration.ts';
import { createApp } from '../protocols/app.ts';
import { openApiDocument } from '../protocols/openapi/document.ts';
import { openApiYaml } from '../protocols/openapi/openapi.ts';
import type { Api } from '../runtime/compile.ts';
import type { CliArgs } from './args.ts';
import { loadTarget } from './load.ts';

/** Writes the document; the exit status (1 when the module or the API cannot be described). */
export async function writeOpenApi(args: CliArgs): Promise<number> {
  let api: Api;
  try {
    const target = await loadTarget(args.module!);
    const apis = isApis(target) ? createApp(target, { indexPage: false }).apis : target.apis;
    const found = args.api === undefined ? apis[0] : apis.find((a) => a.root.name === args.api);
    if (!found) throw new Error(`it serves no API named ${args.api} (it serves ${apis.map((a) => a.root.name).join(', ')})`);
    api = found;
  } catch (err) {
    const why = err instanceof DeclarationError ? `${err.message} [${err.code}]` : err instanceof Error ? err.message : String(err);
    process.stderr.write(`switchboard: cannot describe ${args.module}: ${why}\n`);
    return 1;
  }
  // No host is known here: the server is the API's base path, relative to wherever it is served.
  const doc = openApiDocument(api, { url: api.webpath || '/' });
  const yaml = args.output !== undefined && /\.ya?ml$/i.test(args.output);
  const text = yaml ? openApiYaml(doc) : `${JSON.stringify(doc, null, 2)}\n`;
  if (args.output === undefined) process.stdout.write(text);
  else writeFileSync(args.output, text);
  return 0;
}
