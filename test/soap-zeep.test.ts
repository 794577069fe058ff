// SOAP with Python's zeep (Debian's python3-zeep), strict mode, against the demo: every
// operation over the WSDL's SOAP 1.1 port and over its SOAP 1.2 port. The Python side is
// test/interop/zeep_client.py; it prints its results as JSON.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./interop/zeep_client.py', import.meta.url));

interface ZeepRun {
  service: string;
  port: string;
  calls: Record<string, { ok?: unknown; fault?: { message: string; code: string } }>;
  envelopes: string[];
}

const ross = { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: { item: ['Dinosaurs', 'Rachel'] } };
const monica = { id: 2, lastname: 'Geller', firstname: 'Monica', age: 28, hobbies: { item: ['Food', 'Cleaning'] } };
const chandler = { id: 3, lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: { item: ['Jokes'] } };

for (const version of ['1.1', '1.2'] as const) {
  describe(`SOAP ${version}: Python zeep (strict) against the demo`, () => {
    let running: Running;
    beforeEach(async () => {
      running = await startDemo();
    });
    afterEach(() => running.close());

    it('calls every operation, and gets the faults it should', async () => {
      // /usr/bin/python3: Debian's interpreter, the one that sees python3-zeep.
      const { stdout } = await run('/usr/bin/python3', [SCRIPT, `${running.url}/ws/api.wsdl`, version], { timeout: 60_000 });
      const out = JSON.parse(stdout) as ZeepRun;
      assert.equal(out.service, 'persons');
      assert.equal(out.port, version === '1.1' ? 'persons_Port' : 'persons_Port12');
      const envNs = version === '1.1' ? 'http://schemas.xmlsoap.org/soap/envelope/' : 'http://www.w3.org/2003/05/soap-envelope';
      for (const e of out.envelopes) assert.ok(e.includes(envNs), e);
      const client = version === '1.1' ? 'soap:Client' : 'soap:Sender';
      assert.deepEqual(out.calls, {
        get1: { ok: ross },
        list: { ok: [ross, monica] },
        create: { ok: chandler },
        get3: { ok: chandler },
        update: { ok: { id: 2, lastname: 'Geller', firstname: 'Monica', age: 29, hobbies: { item: ['Food'] } } },
        destroy: { ok: null },
        get1after: { fault: { message: 'Unknown ID', code: client } },
        get99: { fault: { message: 'Unknown ID', code: client } },
        createWithId: { fault: { message: "I don't want an id", code: client } },
        watch: { fault: { message: 'Invalid request: personWatch streams its results, which SOAP cannot carry; call it over a streaming protocol', code: client } },
      });
    });
  });
}
