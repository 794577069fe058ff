// The WSDL's own schema, cut out with xmllint, validates what the server actually sends: the
// Body content of real responses over SOAP 1.1 and 1.2, for every type (xmllint --schema).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { personsRoot } from '../examples/persons/app.ts';
import { type Running, serve } from '../src/index.ts';
import { kitchenRoot } from './interop/kitchen.ts';
import { type Version, envelope, soapPost } from './interop/soap-http.ts';

const run = promisify(execFile);
const BODY_CHILD = '/*[local-name()="Envelope"]/*[local-name()="Body"]/*';
const SCHEMA = '//*[local-name()="schema" and namespace-uri()="http://www.w3.org/2001/XMLSchema"]';

/** xmllint with its exit code and output; never throws. */
async function xmllint(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run('xmllint', args, { timeout: 30_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const KITCHEN = `<name>a &amp; &lt;b&gt; "c"</name><count>3</count><big>9223372036854775807</big><ratio>2.5</ratio><ok>true</ok><price>12.5</price><day>2010-04-27</day><at>12:54:18</at><when>2010-04-27T12:54:18Z</when><blob>aGVsbG8=</blob><color>green</color><level>2</level><tags><item>x</item><item>y</item></tags><scores><item><key>a</key><value>1</value></item></scores><maybe xsi:nil="true"/><home><street>Main</street><zip>12345</zip></home><others><item><street>Side</street></item></others><grid><item><item>1</item><item>2</item></item><item/></grid>`;

/** One argument value (the inside of `<v>`) per echo function. */
const SAMPLES: Record<string, string> = {
  string: 'a &amp; &lt;b&gt; "c" ünï',
  int: '-42',
  long: '-9223372036854775808',
  double: '3.25',
  bool: 'false',
  // libxml2 checks xs:decimal up to 24 digits (XSD asks for at least 18).
  decimal: '-1234567890123456.25',
  date: '2010-04-27',
  time: '12:54:18',
  datetime: '2010-04-27T12:54:18+02:00',
  binary: 'AAEC/w==',
  color: 'blue',
  level: '3',
  strings: '<item>a</item><item></item><item>c</item>',
  ints: '<item>1</item><item>2</item>',
  dict: '<item><key>a</key><value>1</value></item><item><key>b</key><value>2</value></item>',
  nullable: '',
  bounded: '10',
  short: 'abcde',
  kitchen: KITCHEN,
  kitchens: `<item>${KITCHEN}</item><item><name>only</name></item>`,
};

/** Where the canonical form the server writes differs from the sample sent. */
const ROUND_TRIP: Record<string, string> = {
  string: 'a &amp; &lt;b&gt; "c" ünï',
  strings: '<item>a</item><item/><item>c</item>',
};

describe('SOAP responses validate against the WSDL schema (xmllint)', () => {
  let dir: string;
  let kitchen: Running;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-soap-xsd-'));
    kitchen = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await kitchen.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Fetches a WSDL, checks it is well-formed, and writes its schema to a file. */
  async function schemaOf(running: Running, name: string): Promise<string> {
    const r = await fetch(`${running.url}/ws/api.wsdl`);
    assert.equal(r.status, 200);
    const wsdl = join(dir, `${name}.wsdl`);
    writeFileSync(wsdl, await r.text());
    const wellFormed = await xmllint(['--noout', wsdl]);
    assert.equal(wellFormed.code, 0, wellFormed.out);
    const cut = await xmllint(['--xpath', SCHEMA, wsdl]);
    assert.equal(cut.code, 0, cut.out);
    const xsd = join(dir, `${name}.xsd`);
    writeFileSync(xsd, cut.out);
    return xsd;
  }

  /** Cuts the Body's child out of a response and validates it. */
  async function validates(xsd: string, response: string, label: string): Promise<void> {
    const file = join(dir, `${label}.xml`);
    writeFileSync(file, response);
    const cut = await xmllint(['--xpath', BODY_CHILD, file]);
    assert.equal(cut.code, 0, `${label}: ${cut.out}`);
    const body = join(dir, `${label}.body.xml`);
    writeFileSync(body, cut.out);
    const v = await xmllint(['--noout', '--schema', xsd, body]);
    assert.equal(v.code, 0, `${label}: ${v.out}\n${cut.out}`);
    assert.match(v.out, /validates/);
  }

  for (const version of ['1.1', '1.2'] as Version[]) {
    it(`persons demo, SOAP ${version}: every operation's response`, async (tc) => {
      const persons = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
      tc.after(() => persons.close());
      const xsd = await schemaOf(persons, `persons-${version}`);
      const t = 'xmlns="urn:persons:types"';
      const calls: [string, string][] = [
        ['personGet', `<personGet ${t}><id>1</id></personGet>`],
        ['personList', `<personList ${t}/>`],
        ['personCreate', `<personCreate ${t}><p><lastname>Bing</lastname><hobbies/></p></personCreate>`],
        ['personUpdate', `<personUpdate ${t}><p><id>2</id><firstname>Monica</firstname></p></personUpdate>`],
        ['personDestroy', `<personDestroy ${t}><id>3</id></personDestroy>`],
      ];
      for (const [op, body] of calls) {
        const r = await soapPost(`${persons.url}/ws`, version, envelope(version, body), op);
        assert.equal(r.status, 200, r.text);
        await validates(xsd, r.text, `persons-${version}-${op}`);
      }
    });

    it(`every type, SOAP ${version}: echo responses`, async () => {
      const xsd = await schemaOf(kitchen, `kitchen-${version}`);
      const t = 'xmlns="urn:kitchen:types" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
      for (const [name, value] of Object.entries(SAMPLES)) {
        const op = `echo${name[0].toUpperCase()}${name.slice(1)}`;
        const v = name === 'nullable' ? '<v xsi:nil="true"/>' : `<v>${value}</v>`;
        const r = await soapPost(`${kitchen.url}/ws`, version, envelope(version, `<${op} ${t}>${v}</${op}>`), op);
        assert.equal(r.status, 200, `${op}: ${r.text}`);
        await validates(xsd, r.text, `kitchen-${version}-${op}`);
        // What went in comes back out, in the same XML (the codec writes fields in order).
        const result = /<result(?: xsi:nil="true"\/>|>(.*)<\/result>|\/>)/.exec(r.text);
        assert.ok(result, r.text);
        assert.equal(result[1] ?? '', ROUND_TRIP[name] ?? value, op);
      }
      for (const op of ['miscOptional', 'miscNothing', 'miscNoResult']) {
        const args = op === 'miscOptional' ? '<a>1</a>' : '';
        const r = await soapPost(`${kitchen.url}/ws`, version, envelope(version, `<${op} ${t}>${args}</${op}>`), op);
        assert.equal(r.status, 200, `${op}: ${r.text}`);
        await validates(xsd, r.text, `kitchen-${version}-${op}`);
      }
    });
  }
});
