/**
 * Reading arguments written in text notation — a query string, a urlencoded form — as WSME
 * does: `a=1&b=x`, repeated keys for lists, `p.name=…` and `v[0]=…` for structures. Compiled per
 * function and source (the arguments that source may carry, under their wire names). An
 * argument given twice is the "given several times" client error; a name the source does not
 * carry is the "Unknown argument" client error.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { decodeComponent, pairsToTree, parsePairs } from '../schema/form.ts';
import { type TextDecoder, type TextTree, textDecoder } from '../schema/text.ts';

/** The query parameter that steers the framework and is never an argument. */
const RESERVED = 'wsmeproto';

const isFlat = (key: string) => key.indexOf('.') === -1 && key.indexOf('[') === -1;

/** An argument a text source carries: its key on the wire, its name, its decoder. */
interface TextArg {
  readonly key: string;
  readonly name: string;
  readonly decode: TextDecoder;
}

export class TextArgs {
  private readonly list: readonly TextArg[];
  private readonly byKey: ReadonlyMap<string, TextArg>;

  /** `ignored`: keys that are no argument's and are skipped rather than refused (Google's standard query parameters). */
  constructor(
    args: readonly { readonly key: string; readonly name: string; readonly schema: TSchema }[],
    private readonly ignored?: ReadonlySet<string>,
  ) {
    this.list = args.map((a) => ({ key: a.key, name: a.name, decode: textDecoder(a.schema) }));
    this.byKey = new Map(this.list.map((a) => [a.key, a]));
  }

  /** The argument under `key`. A few are scanned: cheaper than hashing a fresh key string. */
  private arg(key: string): TextArg | undefined {
    const list = this.list;
    if (list.length > 8) return this.byKey.get(key);
    for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return list[i];
    return undefined;
  }

  /** Converts text-notation parameters (a query, then a form body) into arguments. */
  read(query: string, form: string | undefined): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    // Common case first, straight from the text: flat keys, each given once — no pairs, no tree.
    if ((query === '' || this.readFlat(query, args)) && (form === undefined || form === '' || this.readFlat(form, args))) return args;
    const pairs = query === '' ? [] : parsePairs(query);
    if (form !== undefined && form !== '') for (const p of parsePairs(form)) pairs.push(p);
    return this.readTree(pairs);
  }

  /** Converts parsed pairs (a form post's fields) into arguments. */
  readPairs(pairs: [string, string][]): Record<string, unknown> {
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
          if (!arg) {
            if (this.ignored?.has(key)) {
              start = end + 1;
              continue;
            }
            throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
          }
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
      if (!arg && this.ignored?.has(key)) continue;
      if (!arg) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
      args[arg.name] = arg.decode(tree[key], arg.name);
    }
    return args;
  }
}
