/**
 * The protocols an app serves when none are named, in selection order (see `select.ts`).
 * Each protocol module adds itself here.
 */
import type { Protocol } from './protocol.ts';
import { restProtocol } from './rest/protocol.ts';
import { jsonFormat } from './restjson/restjson.ts';
import { xmlFormat } from './restxml/restxml.ts';
import { extdirect } from './extdirect/extdirect.ts';
import { jsonrpc } from './jsonrpc/jsonrpc.ts';
import { soap } from './soap/soap.ts';
import { openapi } from './openapi/openapi.ts';
import { asyncapi } from './asyncapi/asyncapi.ts';
import { openrpc } from './jsonrpc/openrpc-served.ts';

export function defaultProtocols(): Protocol[] {
  return [soap(), restProtocol([jsonFormat(), xmlFormat()]), jsonrpc(), extdirect(), openapi(), asyncapi(), openrpc()];
}
