// SOAP with a real client nobody here wrote: the `soap` npm package builds its client from the
// WSDL the demo serves, then calls every operation over SOAP 1.1 and over SOAP 1.2.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { type Client, createClientAsync } from 'soap';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';

const ross = { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: { item: ['Dinosaurs', 'Rachel'] } };
const monica = { id: 2, lastname: 'Geller', firstname: 'Monica', age: 28, hobbies: { item: ['Food', 'Cleaning'] } };

/** Calls an operation the client generated from the WSDL; resolves to the response element's content. */
async function invoke(client: Client, op: string, args: object): Promise<unknown> {
  const method: unknown = client[`${op}Async`];
  assert.equal(typeof method, 'function', `the client has no operation ${op}`);
  const [result] = (await (method as (a: object) => Promise<unknown[]>).call(client, args)) as [unknown];
  return result;
}

interface SoapClientFault {
  root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
  response?: { status?: number };
}

/** Calls an operation that must fail; returns the parsed Fault element and the HTTP status. */
async function invokeFault(client: Client, op: string, args: object): Promise<{ fault: Record<string, unknown>; status: number | undefined }> {
  try {
    await invoke(client, op, args);
  } catch (err) {
    const e = err as SoapClientFault;
    const fault = e.root?.Envelope?.Body?.Fault;
    assert.ok(fault, `expected a SOAP fault, got ${String(err)}`);
    return { fault, status: e.response?.status };
  }
  assert.fail(`${op} should have failed`);
}

/** Posts an empty operation element without the client (for one the WSDL leaves out); the Fault's text. */
async function postedFault(url: string, version: '1.1' | '1.2', op: string): Promise<string> {
  const ns = version === '1.1' ? 'http://schemas.xmlsoap.org/soap/envelope/' : 'http://www.w3.org/2003/05/soap-envelope';
  const headers: Record<string, string> =
    version === '1.1'
      ? { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${op}"` }
      : { 'content-type': `application/soap+xml; charset=utf-8; action="${op}"` };
  const r = await fetch(url, { method: 'POST', headers, body: `<s:Envelope xmlns:s="${ns}"><s:Body><${op} xmlns="urn:persons:types"/></s:Body></s:Envelope>` });
  const text = await r.text();
  assert.equal(r.status, 500, text);
  const fault = /<(?:\w+:)?Fault>[\s\S]*<\/(?:\w+:)?Fault>/.exec(text);
  assert.ok(fault, `expected a SOAP fault, got ${text}`);
  return fault[0];
}

for (const version of ['1.1', '1.2'] as const) {
  describe(`SOAP ${version}: the soap npm client against the demo`, () => {
    let running: Running;
    let client: Client;
    const requests: string[] = [];

    beforeEach(async () => {
      running = await startDemo();
      client = await createClientAsync(`${running.url}/ws/api.wsdl`, { forceSoap12Headers: version === '1.2' });
      requests.length = 0;
      client.on('request', (xml: string) => requests.push(xml));
    });
    afterEach(() => running.close());

    it('sends the version it was asked for', async () => {
      await invoke(client, 'personGet', { id: 1 });
      const ns = version === '1.1' ? 'http://schemas.xmlsoap.org/soap/envelope/' : 'http://www.w3.org/2003/05/soap-envelope';
      assert.ok(requests[0].includes(ns), requests[0]);
    });

    it('personGet', async () => {
      assert.deepEqual(await invoke(client, 'personGet', { id: 1 }), { result: ross });
      assert.deepEqual(await invoke(client, 'personGet', { id: 2 }), { result: monica });
    });

    it('personList', async () => {
      assert.deepEqual(await invoke(client, 'personList', {}), { result: { item: [ross, monica] } });
    });

    it('personCreate, then personGet finds it', async () => {
      const p = { lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: { item: ['Jokes'] } };
      assert.deepEqual(await invoke(client, 'personCreate', { p }), { result: { id: 3, ...p } });
      assert.deepEqual(await invoke(client, 'personGet', { id: 3 }), { result: { id: 3, ...p } });
    });

    it('personUpdate', async () => {
      const p = { id: 2, lastname: 'Geller', firstname: 'Monica', age: 29, hobbies: { item: ['Food'] } };
      assert.deepEqual(await invoke(client, 'personUpdate', { p }), { result: p });
      assert.deepEqual(await invoke(client, 'personGet', { id: 2 }), { result: p });
    });

    it('personDestroy, then personGet is a Client fault', async () => {
      const r = await invoke(client, 'personDestroy', { id: 1 });
      assert.ok(r === null || (typeof r === 'object' && Object.keys(r).length === 0), `unexpected ${JSON.stringify(r)}`);
      const { fault } = await invokeFault(client, 'personGet', { id: 1 });
      assert.match(JSON.stringify(fault), /Unknown ID/);
    });

    it('an unknown id is a Client/Sender fault with HTTP 500', async () => {
      const { fault, status } = await invokeFault(client, 'personGet', { id: 99 });
      assert.equal(status, 500);
      if (version === '1.1') {
        assert.deepEqual(fault, { faultcode: 'soap:Client', faultstring: 'Unknown ID', detail: { fault: { code: 'SB_CLIENT_ERROR' } } });
      } else {
        assert.deepEqual(fault, {
          Code: { Value: 'soap:Sender' },
          Reason: { Text: { $value: 'Unknown ID', attributes: { 'xml:lang': 'en' } } },
          Detail: { fault: { code: 'SB_CLIENT_ERROR' } },
        });
      }
    });

    it('personWatch streams, which SOAP cannot carry: a Client fault that says so', async () => {
      // The WSDL leaves streaming functions out, so the client offers no personWatch; the
      // envelope it would send, sent anyway, is refused.
      assert.equal((client as unknown as Record<string, unknown>).personWatchAsync, undefined);
      const fault = await postedFault(`${running.url}/ws`, version, 'personWatch');
      assert.match(JSON.stringify(fault), /person.watch streams its results, which SOAP cannot carry/);
    });

    it("the handler's own Client error (create with an id)", async () => {
      const { fault } = await invokeFault(client, 'personCreate', { p: { id: 7, lastname: 'X' } });
      assert.match(JSON.stringify(fault), /I don't want an id/);
    });
  });
}
