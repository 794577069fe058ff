// Express 5 answering GET /api/ws/person/get?id=1: natively (a plain route with res.json) or
// through Switchboard's middleware mounted at /api. The argument picks which.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { personsRoot } from '../../examples/persons/app.ts';
import { seedPersons } from '../../examples/persons/person.ts';
import { switchboard } from '../../src/servers/express/index.ts';

export default async function start(args: string[]): Promise<string> {
  const app = express();
  if (args[0] === 'switchboard') app.use('/api', switchboard(personsRoot()));
  else {
    const persons = seedPersons();
    app.get('/api/ws/person/get', (req, res) => {
      const p = persons.get(Number(req.query.id));
      if (!p) res.status(400).json({ faultcode: 'Client', faultstring: 'Unknown ID', debuginfo: null });
      else res.json(p);
    });
  }
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
