/**
 * The engine's answers as JSON text (HTTP's words): `resultText` and `errorText` of
 * `response.ts` around the request's id, and a batch joined into one array, or `null` when it
 * holds only notifications.
 */
import { RPC_INVALID_REQUEST, RPC_PARSE_ERROR } from './codes.ts';
import type { Words } from './host.ts';
import type { RequestId } from './request.ts';
import { NULL_ID, errorText, resultText } from './response.ts';

const idText = (id: RequestId): string => (id === null ? NULL_ID : JSON.stringify(id));

export function textWords(debug: boolean): Words<string> {
  return {
    result: (id, json) => resultText(json, idText(id)),
    error: (id, err, code) => errorText(err, idText(id), debug, code),
    invalid: (id, err) => errorText(err, idText(id), debug, RPC_INVALID_REQUEST),
    parse: (err) => errorText(err, NULL_ID, debug, RPC_PARSE_ERROR),
    batch: joinBatch,
  };
}

function joinBatch(parts: readonly (string | null)[]): string | null {
  let out = '';
  for (const p of parts) if (p !== null) out += out === '' ? `[${p}` : `,${p}`;
  return out === '' ? null : `${out}]`;
}
