/** What a REST format (JSON, XML) supplies to the shared REST protocol. */
import type { SwitchboardError } from '../../errors/index.ts';
import type { ArgSpec, FunctionEntry } from '../../runtime/compile.ts';

export interface RestFormat {
  readonly name: string;
  readonly suffix: string;
  /** Body types it reads (and that select it). */
  readonly consumes: readonly string[];
  /** Types it answers in (matched against Accept). */
  readonly produces: readonly string[];
  /** The `Content-Type` of its answers. */
  readonly contentType: string;
  /** True when it is the protocol for requests that name none. */
  readonly isDefault?: boolean;
  /**
   * A compiled body reader of the function (called once per function): it decodes a body into
   * the named arguments it holds, or — when `bodyArg` is given — the value of that one argument.
   * Values come back converted by the schema codecs.
   */
  bodyReader(fn: FunctionEntry, bodyArg: ArgSpec | undefined): (text: string) => Record<string, unknown>;
  /** A compiled encoder of the function's result (called once per function). */
  resultEncoder(fn: FunctionEntry): (value: unknown) => string;
  /** The fault document. */
  encodeFault(err: SwitchboardError, debug: boolean): string;
}
