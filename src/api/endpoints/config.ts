/**
 * An endpoint's configuration, as Ferris writes it in YAML (`app/default-endpoint.yaml`) or as a
 * plain object: checked strictly, so a typo is an error naming the file, the line and the field
 * rather than a setting silently ignored.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { declarationError } from '../../errors/declaration.ts';

/** Cloud Endpoints' auth levels. */
export type AuthLevel = 'required' | 'optional' | 'optional_continue' | 'none';
export const AUTH_LEVELS: readonly AuthLevel[] = ['required', 'optional', 'optional_continue', 'none'];

/**
 * An identity provider whose tokens an endpoint accepts (Cloud Endpoints' `Issuer`). Its public
 * keys are given one way: a JWKS URL (`jwks_uri`), a key set written in the endpoint's file
 * (`jwks`), or a JWKS file beside it (`jwks_file`, read when the endpoint is added).
 */
export interface IssuerConfig {
  /** The `iss` its tokens carry. */
  readonly issuer: string;
  /** Where its public keys are (a JWKS document, fetched over HTTP(S)). */
  readonly jwks_uri?: string;
  /** Its public keys, here (a local key set; from `jwks_file` too once read). */
  readonly jwks?: JSONWebKeySet;
  /** The `aud` values accepted from it. */
  readonly audiences: readonly string[];
}

/** An endpoint's settings, with the seed's field names. */
export interface EndpointConfig {
  /** Friendly name (documents, the explorer). */
  readonly canonical_name?: string;
  /** Lower-case letters, digits and underscores; the first part of every method id. */
  readonly name: string;
  /** Same rule as the name, e.g. `v1`. */
  readonly version: string;
  readonly description?: string;
  /** Default `none`. */
  readonly auth_level?: AuthLevel;
  /** A token must hold one of them (aliases such as `USERINFO` allowed). */
  readonly scopes?: readonly string[];
  /** A token must have been issued to one of them (`API_EXPLORER_CLIENT_ID` allowed). */
  readonly allowed_client_ids?: readonly string[];
  /** Default `/_ah/api/<name>/<version>`. */
  readonly base_path?: string;
  /** Identity providers of this endpoint, by name; default: the auth step's own. */
  readonly issuers?: Readonly<Record<string, IssuerConfig>>;
}

/** Where a configuration came from, for its errors. */
export interface Source {
  readonly file: string;
  /** The 1-based line of a field, or of the whole document. */
  line(field?: string, sub?: string): number;
}

const NAME = /^[a-z0-9_]+$/;
const FIELDS = new Set(['canonical_name', 'name', 'version', 'description', 'auth_level', 'scopes', 'allowed_client_ids', 'base_path', 'issuers']);
const ISSUER_FIELDS = new Set(['issuer', 'jwks_uri', 'jwks', 'jwks_file', 'audiences']);
/** Members of a private (or symmetric) JWK: none belongs in an endpoint's configuration. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** A plain object given in code: errors name the caller's description of it. */
export function objectSource(file = '<object>'): Source {
  return { file, line: () => 0 };
}

/** Reads and checks an endpoint file. */
export function readEndpointFile(file: string): EndpointConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw declarationError('SB_DECL_ENDPOINT_CONFIG', { file, line: 0, field: '(file)', reason: (err as Error).message });
  }
  return parseEndpointYaml(text, file);
}

/** Parses and checks an endpoint's YAML text; `file` names it in errors. */
export function parseEndpointYaml(text: string, file: string): EndpointConfig {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = counter.linePos(first.pos[0]).line;
    throw declarationError('SB_DECL_ENDPOINT_CONFIG', { file, line, field: '(yaml)', reason: first.message.split('\n')[0] });
  }
  const root = doc.contents;
  const source: Source = {
    file,
    line(field, sub) {
      if (!isMap(root)) return 1;
      // The line of the deepest key found: the field, or its entry `sub`.
      let node: unknown = root;
      let line = 1;
      for (const key of [field, sub]) {
        if (key === undefined || !isMap(node)) break;
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        const range = (pair.key as { range?: [number, number, number] }).range;
        if (range) line = counter.linePos(range[0]).line;
        node = pair.value;
      }
      return line;
    },
  };
  return checkEndpointConfig(doc.toJS() as unknown, source);
}

/** Checks a configuration object: unknown fields, names, levels, lists. */
export function checkEndpointConfig(value: unknown, source: Source): EndpointConfig {
  const fail = (field: string, reason: string, sub?: string): never => {
    throw declarationError('SB_DECL_ENDPOINT_CONFIG', { file: source.file, line: source.line(field, sub), field: sub ? `${field}.${sub}` : field, reason });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('(document)', 'an endpoint is a mapping of fields (name, version, …)');
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!FIELDS.has(key)) fail(key, `unknown field; known: ${[...FIELDS].join(', ')}`);
  const text = (field: string, required: boolean): string | undefined => {
    const v = o[field];
    if (v === undefined || v === null) return required ? fail(field, 'is required') : undefined;
    if (typeof v !== 'string') fail(field, `must be a string, not ${typeof v}`);
    return v as string;
  };
  const list = (field: string): readonly string[] | undefined => {
    const v = o[field];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) fail(field, 'must be a list of non-empty strings');
    return Object.freeze([...(v as string[])]);
  };
  const name = text('name', true)!;
  if (!NAME.test(name)) fail('name', `"${name}" must be lower-case letters, digits and underscores only`);
  const version = text('version', true)!;
  if (!NAME.test(version)) fail('version', `"${version}" must be lower-case letters, digits and underscores only`);
  const level = text('auth_level', false);
  if (level !== undefined && !AUTH_LEVELS.includes(level as AuthLevel)) fail('auth_level', `"${level}" is not one of ${AUTH_LEVELS.join(', ')}`);
  const basePath = text('base_path', false);
  if (basePath !== undefined && !/^\/[\w\-./]*$/.test(basePath)) fail('base_path', `"${basePath}" must be a path starting with /`);
  const out: EndpointConfig = {
    name,
    version,
    canonical_name: text('canonical_name', false),
    description: text('description', false),
    auth_level: level as AuthLevel | undefined,
    scopes: list('scopes'),
    allowed_client_ids: list('allowed_client_ids'),
    base_path: basePath,
    issuers: issuers(o.issuers, fail, source.file),
  };
  return Object.freeze(out);
}

type Fail = (field: string, reason: string, sub?: string) => never;

function issuers(v: unknown, fail: Fail, file: string): Record<string, IssuerConfig> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v))
    return fail('issuers', 'must be a mapping of issuer names to { issuer, audiences, jwks_uri | jwks | jwks_file }');
  const out: Record<string, IssuerConfig> = {};
  for (const [key, entry] of Object.entries(v as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return fail('issuers', 'must be a mapping with issuer, audiences and jwks_uri, jwks or jwks_file', key);
    const e = entry as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!ISSUER_FIELDS.has(k)) fail('issuers', `unknown field ${k}; known: ${[...ISSUER_FIELDS].join(', ')}`, key);
    if (typeof e.issuer !== 'string' || e.issuer === '') fail('issuers', 'needs an issuer (the tokens’ iss)', key);
    const given = ['jwks_uri', 'jwks', 'jwks_file'].filter((k) => e[k] !== undefined && e[k] !== null);
    if (given.length !== 1)
      fail(
        'issuers',
        given.length === 0 ? 'needs its keys: jwks_uri, jwks or jwks_file' : `gives its keys ${given.length} ways (${given.join(', ')}): give one`,
        key,
      );
    const aud = e.audiences;
    if (!Array.isArray(aud) || aud.length === 0 || aud.some((x) => typeof x !== 'string')) fail('issuers', 'needs audiences, a list of strings', key);
    const base = { issuer: e.issuer as string, audiences: Object.freeze([...(aud as string[])]) };
    if (given[0] === 'jwks_uri') {
      if (typeof e.jwks_uri !== 'string' || !/^https?:\/\//.test(e.jwks_uri)) fail('issuers', 'jwks_uri must be an http(s) URL', key);
      out[key] = Object.freeze({ ...base, jwks_uri: e.jwks_uri as string });
    } else if (given[0] === 'jwks') {
      out[key] = Object.freeze({ ...base, jwks: keySet(e.jwks, 'jwks', (reason) => fail('issuers', reason, key)) });
    } else {
      if (typeof e.jwks_file !== 'string' || e.jwks_file === '') fail('issuers', 'jwks_file must be a path (relative to the endpoint’s file)', key);
      const path = resolve(file.startsWith('<') ? '.' : dirname(file), e.jwks_file as string);
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch (err) {
        fail('issuers', `jwks_file ${e.jwks_file as string} cannot be read as JSON: ${(err as Error).message}`, key);
      }
      out[key] = Object.freeze({ ...base, jwks: keySet(doc, `jwks_file ${e.jwks_file as string}`, (reason) => fail('issuers', reason, key)) });
    }
  }
  return Object.freeze(out);
}

/**
 * A local key set, checked now rather than at the first token: `{ keys: [...] }`, each key a
 * public asymmetric JWK that node:crypto can read. A private or symmetric member (`d`, `k`…)
 * is refused: the file holds what every verifier may see, and HMAC tokens are not accepted.
 */
function keySet(v: unknown, what: string, fail: (reason: string) => never): JSONWebKeySet {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(`${what} must be a key set: a mapping with keys, a list of JWKs`);
  const raw = (v as { keys?: unknown }).keys;
  if (!Array.isArray(raw) || raw.length === 0) return fail(`${what} must be a key set: keys, a non-empty list of JWKs`);
  const keys = raw.map((k: unknown, i): JWK => {
    const where = `${what} key ${i + 1}${typeof k === 'object' && k !== null && typeof (k as { kid?: unknown }).kid === 'string' ? ` (kid ${(k as { kid: string }).kid})` : ''}`;
    if (!isJwk(k)) return fail(`${where} must be a JWK: a mapping with a kty`);
    const secret = PRIVATE_MEMBERS.find((m) => Object.hasOwn(k, m));
    if (secret !== undefined) return fail(`${where} holds the private or secret member ${secret}: give public keys only`);
    try {
      createPublicKey({ key: { ...k }, format: 'jwk' });
    } catch (err) {
      return fail(`${where} is not a public key node:crypto can read: ${(err as Error).message}`);
    }
    return Object.freeze({ ...k });
  });
  return Object.freeze({ keys });
}

function isJwk(v: unknown): v is JWK & Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { kty?: unknown }).kty === 'string';
}
