/**
 * Checking a guide's examples against the code. A guide's fenced blocks are read in order:
 * - ```ts blocks whose first line is `// file: name.ts` are complete modules: they are written
 *   to a temporary folder (`'switchboard'` imports pointed at the sources, `./examples/…` at
 *   the repository's examples), typechecked
 *   together, and each one exporting a root is served in turn;
 * - ```http blocks are exchanges — a request, then `HTTP/1.1 <status>`, headers and the
 *   expected body — sent to the module served last (or a default server) and compared.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { isApis, type Running, serve } from '../../src/index.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

export interface Block {
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
}

/** The fenced blocks of a markdown file under the repository, in order. */
export function blocks(path: string): Block[] {
  const text = readFileSync(join(repo, path), 'utf8');
  const out: Block[] = [];
  const re = /^```([\w-]*)\n([\s\S]*?)^```$/gm;
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null) {
    out.push({ lang: m[1], code: m[2], line: text.slice(0, m.index).split('\n').length });
    m = re.exec(text);
  }
  return out;
}

export interface Module {
  readonly name: string;
  readonly file: string;
  readonly block: Block;
}

/** The package's store subpaths (`switchboard/sqlite`…) and their sources. */
const SUBPATHS: Record<string, string> = { sqlite: 'sqlite.ts', postgres: 'postgres.ts', redis: 'redis-bus.ts' };

/** Writes the guide's `// file:` modules to a temporary folder; `cleanup` removes it. */
export function writeModules(guide: Block[]): { modules: Module[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sb-docs-'));
  // Other packages a guide imports (zod, valibot) are the repository's (removing the link leaves them be).
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const index = join(repo, 'src/index.ts');
  const modules: Module[] = [];
  for (const block of guide) {
    if (block.lang !== 'ts') continue;
    const name = /^\/\/ file: (\S+\.ts)\n/.exec(block.code)?.[1];
    if (!name) throw new Error(`ts block at line ${block.line} does not start with "// file: <name>.ts"`);
    const file = join(dir, name);
    // `switchboard` is the sources; `./examples/…` is the repository's examples folder.
    const code = block.code
      .replace(/from 'switchboard'/g, `from '${relative(dir, index)}'`)
      .replace(/from 'switchboard\/client'/g, `from '${relative(dir, join(repo, 'src/client/index.ts'))}'`)
      .replace(/from 'switchboard\/(sqlite|postgres|redis)'/g, (_m, sub: string) => `from '${relative(dir, join(repo, 'src/resources', SUBPATHS[sub]!))}'`)
      .replace(/from '\.\/examples\//g, `from '${relative(dir, join(repo, 'examples'))}/`);
    writeFileSync(file, code);
    modules.push({ name, file, block });
  }
  return { modules, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Typechecks modules with the project's compiler options; returns the diagnostics as text. */
export function typecheck(files: readonly string[]): string[] {
  const config = ts.readConfigFile(join(repo, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repo);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.includes(d.file.fileName))
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file?.fileName ?? ''}:${where ? where.line + 1 : ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

/** Imports a written module. */
export function load(file: string): Promise<Record<string, unknown>> {
  return import(pathToFileURL(file).href) as Promise<Record<string, unknown>>;
}

interface Exchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  expectHeaders: Record<string, string>;
  expectBody: string;
}

function readHead(lines: string[]): [Record<string, string>, number] {
  const headers: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const colon = lines[i].indexOf(':');
    if (colon < 1) throw new Error(`not a header line: ${lines[i]}`);
    headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
  }
  return [headers, i];
}

/** Parses an http block: one or more request/answer pairs. */
export function exchanges(block: Block): Exchange[] {
  const out: Exchange[] = [];
  const parts = block.code.split(/^(?=(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/)/m).filter((p) => p.trim() !== '');
  for (const part of parts) {
    const [request, answer] = part.split(/^HTTP\/1\.1 /m);
    if (answer === undefined) throw new Error(`http block at line ${block.line}: a request without "HTTP/1.1 <status>"`);
    const reqLines = request.replace(/\n+$/, '').split('\n');
    const [method, path] = reqLines[0].split(' ');
    const [headers, end] = readHead(reqLines.slice(1));
    const body = reqLines.slice(end + 2).join('\n');
    const ansLines = answer.replace(/\n+$/, '').split('\n');
    const status = Number.parseInt(ansLines[0], 10);
    const [expectHeaders, hEnd] = readHead(ansLines.slice(1));
    out.push({
      method,
      path,
      headers,
      body: body === '' ? undefined : body,
      status,
      expectHeaders,
      expectBody: ansLines.slice(hEnd + 1 + (ansLines[hEnd + 1] === '' ? 1 : 0)).join('\n'),
    });
  }
  return out;
}

/** Sends each exchange of an http block to `base` and compares status, listed headers and body. */
export async function check(base: string, block: Block): Promise<void> {
  for (const x of exchanges(block)) {
    const where = `${x.method} ${x.path} (block at line ${block.line})`;
    const r = await fetch(base + x.path, { method: x.method, headers: x.headers, body: x.body });
    const text = await r.text();
    assert.equal(r.status, x.status, `${where}: ${text}`);
    for (const [k, v] of Object.entries(x.expectHeaders)) assert.equal(r.headers.get(k), v, `${where}: header ${k}`);
    if (x.expectBody.trim() === '…') continue;
    let expected: unknown;
    try {
      expected = JSON.parse(x.expectBody);
    } catch {
      assert.equal(text, x.expectBody, where);
      continue;
    }
    assert.deepEqual(JSON.parse(text), expected, where);
  }
}

/** Starts what a module exports (`app`, `root` or default: an app, an API or a list of APIs) on 127.0.0.1 port 0. */
export async function serveModule(mod: Record<string, unknown>): Promise<Running | undefined> {
  for (const key of ['app', 'root', 'default']) {
    const v = mod[key];
    if (isApis(v) || (typeof v === 'object' && v !== null && 'api' in v && 'handle' in v)) {
      return serve(v as Parameters<typeof serve>[0], { port: 0, host: '127.0.0.1' });
    }
  }
  return undefined;
}

/**
 * Runs a guide: typechecks its modules, then walks its blocks in order, serving each module
 * and sending each http block to the server started last (`first` before any module).
 */
export async function runGuide(path: string, first: () => Promise<Running>): Promise<void> {
  const guide = blocks(path);
  const { modules, cleanup } = writeModules(guide);
  const servers: Running[] = [];
  try {
    assert.deepEqual(typecheck(modules.map((m) => m.file)), [], `${path}: examples typecheck`);
    let current = await first();
    servers.push(current);
    for (const block of guide) {
      if (block.lang === 'http') await check(current.url, block);
      const m = modules.find((x) => x.block === block);
      if (m) {
        const started = await serveModule(await load(m.file));
        if (started) {
          servers.push(started);
          current = started;
        }
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    cleanup();
  }
}
