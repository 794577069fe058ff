/**
 * Gathering a REST call's arguments from the query string, a urlencoded form body and a
 * formatted body (JSON, XML), as WSME combines them. An argument given by two sources, or
 * twice in one, is the "given several times" client error; a name the function lacks is the
 * "Unknown argument" client error.
 */
import { sbError } from '../../errors/index.ts';
import { decodeComponent, parsePairs, pairsToTree } from '../../schema/form.ts';
import { type TextDecoder, type TextTree, textDecoder } from '../../schema/text.ts';
import type { FunctionEntry } from '../../runtime/compile.ts';

/** The query parameter that steers the framework and is never an argument. */
const RESERVED = 'wsmeproto';

const isFlat = (key: string) => key.indexOf('.') === -1 && key.indexOf('[') === -1;

/** A function's text-argument reader, compiled once: its decoders by argument name. */
/** An argument's decoder under its declared name (a constant string: cheap as a property key). */
interface TextArg {
  readonly name: string;
  readonly decode: TextDecoder;
}

export class TextArgs {
  private readonly list: readonly TextArg[];
  private readonly byName: ReadonlyMap<string, TextArg>;

  constructor(fn: FunctionEntry) {
    this.list = fn.args.map((a) => ({ name: a.name, decode: textDecoder(a.schema) }));
    this.byName = new Map(this.list.map((a) => [a.name, a]));
  }

  /** The argument named `key`. A few are scanned: cheaper than hashing a fresh key string. */
  private arg(key: string): TextArg | undefined {
    const list = this.list;
    if (list.length > 8) return this.byName.get(key);
    for (let i = 0; i < list.length; i++) if (list[i]!.name === key) return list[i];
    return undefined;
  }

  /** Converts text-notation parameters (query and form) into arguments. */
  read(query: string, form: string | undefined): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    // Common case first, straight from the text: flat keys, each given once — no pairs, no tree.
    if ((query === '' || this.readFlat(query, args)) && (form === undefined || form === '' || this.readFlat(form, args))) return args;
    const pairs = query === '' ? [] : parsePairs(query);
    if (form !== undefined && form !== '') for (const p of parsePairs(form)) pairs.push(p);
    return this.readTree(pairs);
  }

  /**
   * Reads `a=1&b=2` into `args`; false as soon as a key is structured (`p.id`, `v[0]`) or
   * repeated, for the tree reader to start over.
   */
  private readFlat(text: string, args: Record<string, unknown>): boolean {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('&', start);
      if (end === -1) end = text.length;
      if (end > start) {
        const eq = text.indexOf('=', start);
        const hasValue = eq !== -1 && eq < end;
        const key = decodeComponent(text.slice(start, hasValue ? eq : end));
        if (key !== RESERVED) {
          if (!isFlat(key)) return false;
          const arg = this.arg(key);
          if (!arg) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
          // The declared name, not the sliced key: a fresh string as a key costs a lookup.
          if (Object.hasOwn(args, arg.name)) return false;
          args[arg.name] = arg.decode(hasValue ? decodeComponent(text.slice(eq + 1, end)) : '', arg.name);
        }
      }
      start = end + 1;
    }
    return true;
  }

  /** WSME's complex notation and repeated keys, through a text tree. */
  private readTree(pairs: [string, string][]): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    const tree: { [key: string]: TextTree } = pairsToTree(pairs);
    for (const key of Object.keys(tree)) {
      if (key === RESERVED) continue;
      const arg = this.arg(key);
      if (!arg) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
      args[key] = arg.decode(tree[key], key);
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
