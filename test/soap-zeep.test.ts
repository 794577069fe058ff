// SOAP with Python's zeep (Debian's python3-zeep), strict mode, against the demo: every
// operation over the WSDL's SOAP 1.1 port and over its SOAP 1.2 port. The Python side is
// test/interop/zeep_client.py; it prints its results as JSON.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { type Running as KitchenRunning, serve } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { kitchenRoot } from './interop/kitchen.ts';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./interop/zeep_client.py', import.meta.url));
const TYPES_SCRIPT = fileURLToPath(new URL('./interop/zeep_types.py', import.meta.url));

interface ZeepRun {
  service: string;
  port: string;
  calls: Record<string, { ok?: unknown; fault?: { message: string; code: string; sb: string | null } }>;
  envelopes: string[];
  /** Whether the WSDL gave zeep a personWatch operation (it streams: it should not). */
  offersWatch?: boolean;
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
      assert.equal(out.offersWatch, false, 'the WSDL leaves the streaming personWatch out');
      const client = version === '1.1' ? 'soap:Client' : 'soap:Sender';
      assert.deepEqual(out.calls, {
        get1: { ok: ross },
        list: { ok: [ross, monica] },
        create: { ok: chandler },
        get3: { ok: chandler },
        update: { ok: { id: 2, lastname: 'Geller', firstname: 'Monica', age: 29, hobbies: { item: ['Food'] } } },
        destroy: { ok: null },
        get1after: { fault: { message: 'Unknown ID', code: client, sb: 'SB_CLIENT_ERROR' } },
        get99: { fault: { message: 'Unknown ID', code: client, sb: 'SB_CLIENT_ERROR' } },
        createWithId: { fault: { message: "I don't want an id", code: client, sb: 'SB_CLIENT_ERROR' } },
        watch: { fault: { message: 'person.watch streams its results, which SOAP cannot carry', code: client, sb: 'SB_STREAM_NOT_CARRIED' } },
      });
    });
  });
}

/** What zeep reads back from the echo of each value test/interop/zeep_types.py sends. */
const KITCHEN_BACK = {
  name: 'a < b & "c"',
  count: 3,
  big: { bigint: '9223372036854775807' },
  ratio: 2.5,
  ok: true,
  price: '12.50',
  day: '2010-04-27',
  at: '12:54:18',
  when: '2010-04-27 12:54:18+00:00',
  blob: { hex: '68656c6c6f' },
  color: 'green',
  level: 2,
  tags: { item: ['x', 'y'] },
  scores: { item: [{ key: 'a', value: 1 }] },
  maybe: null,
  home: { street: 'Main', zip: '12345' },
  // zeep fills absent optional elements with None, and reads an empty element as None.
  others: { item: [{ street: 'Side', zip: null }] },
  grid: { item: [{ item: [1, 2] }, null] },
};

const ECHOES = {
  string: { ok: 'a < b & "c" ünï' },
  int: { ok: -42 },
  long: { ok: { bigint: '-9223372036854775808' } },
  double: { ok: 3.25 },
  bool: { ok: false },
  decimal: { ok: '-1234567890123456.25' },
  date: { ok: '2010-04-27' },
  time: { ok: '12:54:18' },
  datetime: { ok: '2010-04-27 12:54:18+02:00' },
  binary: { ok: { hex: '000102ff' } },
  color: { ok: 'blue' },
  level: { ok: 3 },
  strings: { ok: ['a', null, 'c'] },
  ints: { ok: [1, 2] },
  dict: {
    ok: [
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ],
  },
  nullable: { ok: null },
  bounded: { ok: 10 },
  short: { ok: 'abcde' },
  kitchen: { ok: KITCHEN_BACK },
  outOfBounds: { fault: "Invalid input for field/attribute v. Value: '11'. Value should be lower or equal to 10" },
};

for (const version of ['1.1', '1.2'] as const) {
  describe(`SOAP ${version}: Python zeep (strict) echoes every type`, () => {
    let running: KitchenRunning;
    beforeEach(async () => {
      running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1' });
    });
    afterEach(() => running.close());

    it('reads back what it sent, in its own Python types', async () => {
      const { stdout } = await run('/usr/bin/python3', [TYPES_SCRIPT, `${running.url}/ws/api.wsdl`, version], { timeout: 60_000 });
      assert.deepEqual(JSON.parse(stdout), ECHOES);
    });
  });
}
