/**
 * A function's HTTP binding, as declared: verbs, a path template relative to its container,
 * where each argument comes from, the success status and the declared error statuses, the
 * content types. What is not declared is derived at compile time (`runtime/binding.ts`) by
 * WSME's rules, so a plain declaration and an explicit one are the same mechanism.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Where an argument comes from over REST:
 * - `path`: a `{name}` segment of the path template (implied by the template);
 * - `query`: the query string (WSME's text notation);
 * - `header`: a request header (named like the argument, `_` read as `-`, unless given);
 * - `body`: the whole request body is this argument;
 * - `member`: a named member of a JSON/XML/form body.
 * Undeclared arguments come from the query, a form, or a body member (WSME's rule).
 */
export type ArgSource =
  | 'path'
  | 'query'
  | 'header'
  | 'body'
  | 'member'
  | { readonly header: string }
  | { readonly query: string }
  | { readonly member: string };

/** The HTTP part of a function's options. */
export interface HttpOptions<Names extends string = string> {
  /** The HTTP verb(s) this function answers (WSME: it is then also reached at its controller's path). */
  method?: HttpMethod | readonly HttpMethod[];
  /**
   * The path template, e.g. `/book/{id}` or `{id}/changes`: relative to the controller it is
   * in, or — with a leading `/` — to the API's base path. Default: the function's name.
   */
  path?: string;
  /** Where arguments come from over REST, by argument name. */
  in?: Partial<Record<Names, ArgSource>>;
  /** REST: the whole request body is this argument (same as `in: { [name]: 'body' }`). */
  body?: Names;
  /** Status of a successful answer: 200 by default, e.g. 201; 204 answers with no body. */
  status?: number;
  /** Other statuses the function declares it may answer (documents list them): faults (4xx, 5xx) and redirects (3xx, a `Redirect` thrown). */
  errors?: readonly number[];
  /** Body media types it reads (default: every type the REST codecs read). */
  consumes?: readonly string[];
  /** Media types it answers in (default: every type the REST codecs write). */
  produces?: readonly string[];
  /** Safe to answer GET even where verbs are strict (it changes nothing). */
  safe?: boolean;
  /**
   * REST: a `Location` header on success, this template below the API's base path filled from
   * the result's fields, e.g. `questions/{id}` for a create answering 201.
   */
  location?: string;
  /** REST: an `ETag` header on success, this field of the result quoted (e.g. a record's `version` → `"3"`). */
  etag?: string;
}
