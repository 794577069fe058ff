// The peer: the `soap` npm package's server answering personGet from a hand-written WSDL
// (soap-persons.wsdl), with the demo's data, on node:http.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen } from 'soap';
import { seedPersons } from '../../examples/persons/person.ts';

/** The WSDL beside this file, or (when run as built JavaScript) in the source tree. */
function wsdlText(): string {
  const here = fileURLToPath(new URL('./soap-persons.wsdl', import.meta.url));
  return readFileSync(existsSync(here) ? here : resolve('bench/targets/soap-persons.wsdl'), 'utf8');
}

export default async function start(): Promise<string> {
  const persons = seedPersons();
  const server = createServer((_req, res) => {
    // soap.listen answers its own path; anything else is not found.
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
