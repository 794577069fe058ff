/**
 * REST+JSON (`restjson`), WSME's JSON codec of the REST protocol: JSON bodies naming the
 * arguments, results as JSON, `{"faultcode", "faultstring", "debuginfo"}` faults.
 */
import { type SwitchboardError, debugInfo, sbError } from '../../errors/index.ts';
import { faultTable } from '../../errors/table.ts';
import { jsonEncoder } from '../../schema/json.ts';
import { holdsInt64 } from '../../schema/int64.ts';
import { parseJson } from '../../schema/jsontext.ts';
import type { Protocol } from '../protocol.ts';
import type { RestFormat } from '../rest/format.ts';
import { restProtocol } from '../rest/protocol.ts';

export interface RestJsonOptions {
  /** Wrap results as `{"result": …}` (WSME's `nest_result`). */
  nest_result?: boolean;
}

const JSON_TYPES = ['application/json', 'text/javascript'] as const;

/** The REST+JSON codec of the REST protocol. */
export function jsonFormat(options: RestJsonOptions = {}): RestFormat {
  return {
    name: 'restjson',
    suffix: '.json',
    consumes: JSON_TYPES,
    produces: JSON_TYPES,
    contentType: 'application/json; charset=utf-8',
    codec: 'json',
    parser(fn) {
      // Decided once per function: exact int64 parsing.
      const big = fn.args.some((a) => holdsInt64(a.schema));
      return (text) => parseJson(text, big);
    },
    members(value, fn, each) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw sbError('SB_ARGUMENTS_NOT_OBJECT', { function: fn.name });
      for (const key in value) if (Object.hasOwn(value, key)) each(key, (value as Record<string, unknown>)[key]);
    },
    resultEncoder(fn) {
      const encode = jsonEncoder(fn.returns);
      return options.nest_result ? (v) => `{"result":${encode(v)}}` : encode;
    },
    encodeFault: encodeJsonFault,
  };
}

/** The REST protocol answering in JSON only (combined with `restxml()` into one REST protocol by `createApp`). */
export function restjson(options: RestJsonOptions = {}): Protocol {
  return restProtocol([jsonFormat(options)]);
}

/** WSME's JSON fault document. */
export function encodeJsonFault(err: SwitchboardError, debug: boolean): string {
  const faultcode = faultTable[err.kind].faultcode;
  const info = debug ? JSON.stringify(debugInfo(err)) : 'null';
  return `{"faultcode":"${faultcode}","faultstring":${JSON.stringify(err.message)},"debuginfo":${info}}`;
}
