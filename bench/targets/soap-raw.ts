// The floor: personGet over SOAP 1.1 written by hand on node:http — a regular expression for
// the id, a string template for the answer, no WSDL, no checks. Not a fair peer; a reference.
// `GET /__cpu` reports the process's CPU time for the benchmark.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedPersons } from '../../examples/persons/person.ts';

const ID = /<(?:\w+:)?id>(\d+)<\/(?:\w+:)?id>/;
const esc = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

export default async function start(): Promise<string> {
  const persons = seedPersons();
  const server = createServer((req, res) => {
    if (req.url === '/__cpu') {
      res.end(JSON.stringify(process.cpuUsage()));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = ID.exec(Buffer.concat(chunks).toString('utf8'));
      const p = m ? persons.get(Number(m[1])) : undefined;
      const head = '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>';
      let body: string;
      if (p) {
        const hobbies = (p.hobbies ?? []).map((h) => `<item>${esc(h)}</item>`).join('');
        body = `${head}<personGetResponse xmlns="urn:persons:types"><result><id>${p.id}</id><lastname>${esc(p.lastname ?? '')}</lastname><firstname>${esc(p.firstname ?? '')}</firstname><age>${p.age}</age><hobbies>${hobbies}</hobbies></result></personGetResponse></soap:Body></soap:Envelope>`;
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      } else {
        body = `${head}<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unknown ID</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
        res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      }
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
