/**
 * Channels' error shapes, from the catalogue's kinds: `errors` is always a list — a sentence
 * (`["Not found"]`), or for a validation `[{"field": ["message"]}]` — with the HTTP status of
 * the kind as `response_status`. DCRF's words where DCRF has them; channels-api (the
 * multiplexed form) has a few of its own.
 */
import { type ErrorKind, type SwitchboardError, faultTable } from '../../errors/index.ts';

export type ChannelsDialect = 'dcrf' | 'multiplexed';

/** DCRF's sentences per kind (undefined: the error's own message). */
const dcrfWords: Readonly<Record<ErrorKind, string | undefined>> = faultTable((kind) => {
  switch (kind) {
    case 'not_found':
      return 'Not found';
    case 'forbidden':
      return 'You do not have permission to perform this action.';
    case 'unauthenticated':
      return 'Authentication credentials were not provided.';
    case 'too_many_requests':
      return 'Request was throttled.';
    case 'server':
      return 'A server error occurred.';
    default:
      return undefined;
  }
});

/** Field errors as DRF lists them: `{field: [messages]}`, the argument (`data.`) left out. */
function fieldErrors(err: SwitchboardError): Record<string, string[]> | undefined {
  if (!err.fields || err.fields.length === 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const f of err.fields) {
    const path = f.path.replace(/^data\./, '');
    const message = /^Mandatory attribute missing/.test(f.message) ? 'This field is required.' : f.message;
    out[path] = [...(out[path] ?? []), message];
  }
  return out;
}

/** The status and the `errors` list of a fault. */
export function channelsFault(err: SwitchboardError, dialect: ChannelsDialect): { status: number; errors: unknown[] } {
  if (dialect === 'multiplexed') {
    if (err.kind === 'forbidden' || err.kind === 'unauthenticated') return { status: 401, errors: ['Permission Denied'] };
    if (err.kind === 'not_found') return { status: 404, errors: ['Not found.'] };
  }
  // A subscription cut for falling behind says so, rather than DCRF's "Request was throttled."
  if (err.code === 'SB_STREAM_TOO_SLOW') return { status: err.status, errors: [err.message] };
  const fields = err.kind === 'client' ? fieldErrors(err) : undefined;
  if (fields) return { status: err.status, errors: [fields] };
  return { status: err.status, errors: [dcrfWords[err.kind] ?? err.message] };
}
