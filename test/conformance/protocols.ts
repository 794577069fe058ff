/**
 * One request and its expected answer per protocol name: the suite runs the case of every
 * protocol `defaultProtocols()` registers, and fails for a registered protocol without a case
 * (add one here when you add a protocol).
 */
import assert from 'node:assert/strict';
import type { Answer, Exchange } from './client.ts';

export interface ProtocolCase {
  /** The request, or how to build it from a document the server serves (SOAP's namespace). */
  request: Exchange | ((get: (path: string) => Promise<string>) => Promise<Exchange>);
  check(a: Answer): void;
}

const SOAP_GET = `<?xml version="1.0"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<personGet xmlns="{tns}"><id>1</id></personGet>
</soap:Body></soap:Envelope>`;

export const protocolCases: Readonly<Record<string, ProtocolCase>> = {
  restjson: {
    request: { method: 'GET', path: '/ws/person/get?id=1', headers: { accept: 'application/json' } },
    check(a) {
      assert.equal(a.status, 200);
      assert.match(a.headers['content-type'] ?? '', /^application\/json/);
      assert.equal((a.json as { firstname?: string }).firstname, 'Ross');
    },
  },
  restxml: {
    request: { method: 'GET', path: '/ws/person/get.xml?id=1' },
    check(a) {
      assert.equal(a.status, 200);
      assert.match(a.headers['content-type'] ?? '', /xml/);
      assert.match(a.text, /<firstname>Ross<\/firstname>/);
    },
  },
  jsonrpc: {
    request: {
      method: 'POST',
      path: '/ws/jsonrpc',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'person.get', params: { id: 1 }, id: 7 }),
    },
    check(a) {
      assert.equal(a.status, 200);
      const r = a.json as { id?: number; result?: { firstname?: string } };
      assert.equal(r.id, 7);
      assert.equal(r.result?.firstname, 'Ross');
    },
  },
  extdirect: {
    request: {
      method: 'POST',
      path: '/ws/extdirect/router',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'rpc', tid: 3, action: 'person', method: 'get', data: { id: 1 } }),
    },
    check(a) {
      assert.equal(a.status, 200);
      const r = a.json as { tid?: number; type?: string; result?: { firstname?: string } };
      assert.deepEqual([r.type, r.tid, r.result?.firstname], ['rpc', 3, 'Ross']);
    },
  },
  soap: {
    async request(get) {
      // Operation elements live in the schema's namespace, not the definitions' one.
      const tns = /<xs:schema targetNamespace="([^"]+)"/.exec(await get('/ws/api.wsdl'))?.[1] ?? '';
      return {
        method: 'POST',
        path: '/ws/',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"personGet"' },
        body: SOAP_GET.replace('{tns}', tns),
      };
    },
    check(a) {
      assert.equal(a.status, 200, a.text);
      assert.match(a.text, /Envelope/);
      assert.match(a.text, />Ross</);
    },
  },
  openapi: {
    request: { method: 'GET', path: '/ws/openapi.json' },
    check(a) {
      assert.equal(a.status, 200);
      assert.equal((a.json as { openapi?: string }).openapi, '3.1.0');
    },
  },
  asyncapi: {
    request: { method: 'GET', path: '/ws/asyncapi.json' },
    check(a) {
      assert.equal(a.status, 200);
      assert.equal((a.json as { asyncapi?: string }).asyncapi, '3.0.0');
    },
  },
  openrpc: {
    request: { method: 'GET', path: '/ws/openrpc.json' },
    check(a) {
      assert.equal(a.status, 200);
      assert.equal((a.json as { openrpc?: string }).openrpc, '1.3.2');
    },
  },
};
