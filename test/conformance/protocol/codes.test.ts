// The code capability of every driver's reader, on each protocol's fault forms with the stable
// code and without one: a driver that declares codes reads them, and fails on a fault that
// lacks one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readExtDirect } from './drivers/extdirect.ts';
import { readResponse } from './drivers/jsonrpc-codes.ts';
import { readRestJson } from './drivers/restjson.ts';
import { readRestXml } from './drivers/restxml.ts';
import { readSoap } from './drivers/soap.ts';
import { readWsFrames } from './drivers/wsrpc.ts';
import { readJson } from './json.ts';
import type { Answer } from './model.ts';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const SB = '<sb:fault xmlns:sb="urn:switchboard:fault"><sb:code>APP_NOT_YOURS</sb:code></sb:fault>';
const http = (status: number, contentType: string, text: string) => ({ status, contentType, text });
const call = { tid: 1, action: 'e', method: 'forbidden' };

/** Each protocol's fault with a code, the piece that carries it, and its reader. */
const forms: { name: string; text: string; piece: string; read(text: string, codes: boolean): Answer }[] = [
  {
    name: 'REST+JSON',
    text: '{"faultcode":"Client","faultstring":"Not yours","debuginfo":null,"code":"APP_NOT_YOURS"}',
    piece: ',"code":"APP_NOT_YOURS"',
    read: (text, codes) => readRestJson(http(403, 'application/json', text), codes, 'REST+JSON'),
  },
  {
    name: 'REST+XML',
    text: '<error><faultcode>Client</faultcode><faultstring>Not yours</faultstring><debuginfo/><code>APP_NOT_YOURS</code></error>',
    piece: '<code>APP_NOT_YOURS</code>',
    read: (text, codes) => readRestXml(http(403, 'text/xml', text), undefined, codes, 'REST+XML'),
  },
  {
    name: 'SOAP 1.1',
    text: `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${S11}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Not yours</faultstring><detail>${SB}</detail></soap:Fault></soap:Body></soap:Envelope>`,
    piece: SB,
    read: (text, codes) => readSoap('1.1', 'eForbidden', http(500, 'text/xml', text), undefined, codes, 'SOAP 1.1'),
  },
  {
    name: 'SOAP 1.2',
    text: `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${S12}"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">Not yours</soap:Text></soap:Reason><soap:Detail>${SB}</soap:Detail></soap:Fault></soap:Body></soap:Envelope>`,
    piece: SB,
    read: (text, codes) => readSoap('1.2', 'eForbidden', http(500, 'application/soap+xml', text), undefined, codes, 'SOAP 1.2'),
  },
  {
    name: 'Ext Direct',
    text: '{"type":"exception","tid":1,"action":"e","method":"forbidden","message":"Not yours","faultcode":"Client","code":"APP_NOT_YOURS"}',
    piece: ',"code":"APP_NOT_YOURS"',
    read: (text, codes) => readExtDirect(http(200, 'application/json', text), call, codes, 'Ext Direct'),
  },
  {
    name: 'JSON-RPC',
    text: '{"jsonrpc":"2.0","error":{"code":-32003,"message":"Not yours","data":{"faultcode":"Client","code":"APP_NOT_YOURS"}},"id":1}',
    piece: ',"code":"APP_NOT_YOURS"',
    read: (text, codes) => readResponse(readJson(text), 1, codes, 'JSON-RPC', text),
  },
  {
    name: 'WebSocket RPC',
    text: '{"id":1,"status":403,"error":{"faultcode":"Client","faultstring":"Not yours","code":"APP_NOT_YOURS"}}',
    piece: ',"code":"APP_NOT_YOURS"',
    read: (text, codes) => readWsFrames(readJson(text) as Record<string, unknown>, [], codes, 'WebSocket RPC'),
  },
];

const codeOf = (a: Answer) => (a.kind === 'fault' ? a.fault.code : `no fault: ${a.kind}`);

describe('protocol drivers: the stable error code', () => {
  for (const f of forms) {
    it(f.name, () => {
      assert.ok(f.text.includes(f.piece));
      const without = f.text.replace(f.piece, '');
      assert.equal(codeOf(f.read(f.text, true)), 'APP_NOT_YOURS', 'read where declared');
      assert.equal(codeOf(f.read(f.text, false)), 'APP_NOT_YOURS', 'read where present, though not declared');
      assert.equal(codeOf(f.read(without, false)), undefined, 'absent and not declared');
      assert.throws(() => f.read(without, true), /carries no stable error code/, 'absent though declared');
    });
  }
});
