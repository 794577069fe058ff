/** What a REST codec (JSON, XML) supplies to the one REST protocol. */
import type { SwitchboardError } from '../../errors/index.ts';
import type { Codec } from '../../runtime/binder.ts';
import type { Api, FunctionEntry } from '../../runtime/compile.ts';

export interface RestFormat {
  /** Its name for `?wsmeproto=`: `restjson`, `restxml`. */
  readonly name: string;
  /** The path suffix that selects it, e.g. `.json` (stripped before routing). */
  readonly suffix: string;
  /** Body types it reads (and that select it). */
  readonly consumes: readonly string[];
  /** Types it answers in (matched against Accept). */
  readonly produces: readonly string[];
  /** The `Content-Type` of its answers. */
  readonly contentType: string;
  /** How its parsed values are converted (the binder's codec). */
  readonly codec: Codec;
  /** A body parser of the function (called once per function): text → the raw value (a JSON value, the root element). */
  parser(fn: FunctionEntry): (text: string) => unknown;
  /** Calls `each` with every named member of a parsed body (JSON: an object's members; XML: the root's children). */
  members(raw: unknown, fn: FunctionEntry, each: (key: string, value: unknown) => void): void;
  /** A compiled encoder of the function's result (called once per function); `api` is the one it belongs to. */
  resultEncoder(fn: FunctionEntry, api: Api): (value: unknown) => string;
  /**
   * For a function returning a list, an encoder of one item, so large lists can be written in
   * chunks as the client reads (`list-chunks.ts`); undefined when the codec writes lists whole.
   */
  listItemEncoder?(fn: FunctionEntry, api: Api): ((value: unknown) => string) | undefined;
  /** The fault document. */
  encodeFault(err: SwitchboardError, debug: boolean): string;
  /** True when results are wrapped as `{"result": …}` (WSME's `nest_result`), so documents say so. */
  readonly nestResult?: boolean;
}
