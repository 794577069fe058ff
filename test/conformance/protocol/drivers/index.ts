/** Every protocol driver, in the order the matrix lists them. */
import type { Driver } from '../model.ts';
import { extDirectDriver } from './extdirect.ts';
import { jsonRpcHttpDriver } from './jsonrpc-http.ts';
import { jsonRpcWsDriver } from './jsonrpc-ws.ts';
import { restJsonDriver } from './restjson.ts';
import { restXmlDriver } from './restxml.ts';
import { soap11Driver } from './soap11.ts';
import { soap12Driver } from './soap12.ts';
import { wsRpcDriver } from './wsrpc.ts';

export const drivers: readonly (() => Driver)[] = [
  restJsonDriver,
  restXmlDriver,
  soap11Driver,
  soap12Driver,
  extDirectDriver,
  jsonRpcHttpDriver,
  jsonRpcWsDriver,
  wsRpcDriver,
];
