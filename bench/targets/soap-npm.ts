// The peer: the `soap` npm package's server answering personGet from a hand-written WSDL
// (soap-persons.wsdl), with the demo's data, on node:http.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen } from 'soap';
import { seedPersons } from '../../examples/persons/person.ts';

/** The WSDL beside this file's source: found from here whether run as TypeScript or as built JavaScript. */
function wsdlText(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    for (const candidate of [join(dir, 'soap-persons.wsdl'), join(dir, 'bench/targets/soap-persons.wsdl')]) {
      if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    }
    dir = dirname(dir);
  }
  throw new Error('bench/targets/soap-persons.wsdl not found');
}

export default async function start(): Promise<string> {
  const persons = seedPersons();
  const server = createServer((req, res) => {
    // soap.listen answers its own path; `/__cpu` reports CPU time for the benchmark.
    if (req.url === '/__cpu') {
      res.end(JSON.stringify(process.cpuUsage()));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  const service = {
    persons: {
      persons_Port: {
        personGet(args: { id: number | string }) {
          const p = persons.get(Number(args.id));
          if (!p) throw { Fault: { faultcode: 'soap:Client', faultstring: 'Unknown ID' } };
          return { result: { ...p, hobbies: { item: p.hobbies } } };
        },
      },
    },
  };
  listen(server, '/ws', service, wsdlText());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
