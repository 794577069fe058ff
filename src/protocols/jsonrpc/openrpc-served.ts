/**
 * The OpenRPC document at `<base>/openrpc.json`, for clients and pages that fetch a URL rather
 * than call `rpc.discover`: the same document, its server the absolute JSON-RPC endpoint.
 */
import { documentProtocol } from '../documents.ts';
import type { Protocol } from '../protocol.ts';
import { JSONRPC_ENDPOINT } from './jsonrpc.ts';
import { openRpcDocument } from './openrpc.ts';

export const OPENRPC_JSON = 'openrpc.json';

/** Serves `openrpc.json` for every API. */
export function openrpc(): Protocol {
  return documentProtocol('openrpc', [
    {
      path: OPENRPC_JSON,
      type: 'application/json; charset=utf-8',
      render: (api, base) =>
        JSON.stringify(openRpcDocument(api, { version: api.root.version ?? '1.0.0', url: `${base.replace(/\/$/, '')}/${JSONRPC_ENDPOINT}` }), null, 2),
    },
  ]);
}
