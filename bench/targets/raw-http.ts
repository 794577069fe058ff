// The same two routes written directly on node:http: the floor any framework is measured from.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedPersons } from '../../examples/persons/person.ts';

export default async function start(): Promise<string> {
  const persons = seedPersons();
  let nextId = 3;
  const json = (res: import('node:http').ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (req.method === 'GET' && path === '/ws/person/get') {
      const id = Number(new URLSearchParams(url.slice(q + 1)).get('id'));
      const p = Number.isInteger(id) ? persons.get(id) : undefined;
      if (!p) return json(res, 400, '{"faultcode":"Client","faultstring":"Unknown ID"}');
      return json(res, 200, JSON.stringify(p));
    }
    if (req.method === 'POST' && path === '/ws/person/create') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const { p } = JSON.parse(Buffer.concat(chunks).toString()) as { p: { id?: number } };
          if (typeof p !== 'object' || p === null || p.id !== undefined) return json(res, 400, '{"faultcode":"Client"}');
          const created = { id: nextId++, ...p }; // as the demo builds it
          persons.set(created.id, created as never);
          json(res, 200, JSON.stringify(created));
        } catch {
          json(res, 400, '{"faultcode":"Client"}');
        }
      });
      return;
    }
    json(res, 404, '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
