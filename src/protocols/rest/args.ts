/**
 * Gathering a REST call's arguments from the query string, a urlencoded form body and a
 * formatted body (JSON, XML), as WSME combines them. An argument given by two sources, or
 * twice in one, is the "given several times" client error; a name the function lacks is the
 * "Unknown argument" client error.
 */
import { sbError } from '../../errors/index.ts';
import { parsePairs, pairsToTree } from '../../schema/form.ts';
import { type TextDecoder, type TextTree, textDecoder } from '../../schema/text.ts';
import type { FunctionEntry } from '../../runtime/compile.ts';

/** Query parameters that steer the framework and are never arguments. */
const RESERVED = new Set(['wsmeproto']);

const isFlat = (key: string) => key.indexOf('.') === -1 && key.indexOf('[') === -1;

/** A function's text-argument reader, compiled once: its decoders by argument name. */
export class TextArgs {
  private readonly decoders: ReadonlyMap<string, TextDecoder>;

  constructor(fn: FunctionEntry) {
    this.decoders = new Map(fn.args.map((a) => [a.name, textDecoder(a.schema)]));
  }

  /** Converts text-notation parameters (query and form) into arguments. */
  read(query: string, form: string | undefined): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    if (query === '' && (form === undefined || form === '')) return args;
    const pairs = query === '' ? [] : parsePairs(query);
    if (form !== undefined && form !== '') for (const p of parsePairs(form)) pairs.push(p);
    // Common case first: flat keys, each given once — no tree to build.
    for (const [key, value] of pairs) {
      if (RESERVED.has(key)) continue;
      if (!isFlat(key) || args[key] !== undefined) return this.readTree(pairs);
      const decode = this.decoders.get(key);
      if (!decode) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
      args[key] = decode(value, key);
    }
    return args;
  }

  /** WSME's complex notation and repeated keys, through a text tree. */
  private readTree(pairs: [string, string][]): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    const tree: { [key: string]: TextTree } = pairsToTree(pairs);
    for (const key of Object.keys(tree)) {
      if (RESERVED.has(key)) continue;
      const decode = this.decoders.get(key);
      if (!decode) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
      args[key] = decode(tree[key], key);
    }
    return args;
  }
}

/** Adds a formatted body's arguments, refusing ones the query already gave. */
export function mergeArgs(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(from)) {
    if (into[key] !== undefined) throw sbError('SB_DUPLICATE_ARGUMENT', { name: key });
    into[key] = from[key];
  }
  return into;
}
