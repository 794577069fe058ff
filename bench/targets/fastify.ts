// The same two routes on Fastify 5 with JSON schemas (compiled validation and serialisation).
import Fastify from 'fastify';
import { seedPersons } from '../../examples/persons/person.ts';

const Person = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    lastname: { type: 'string' },
    firstname: { type: 'string' },
    age: { type: 'integer' },
    hobbies: { type: 'array', items: { type: 'string' } },
  },
} as const;

export default async function start(): Promise<string> {
  const persons = seedPersons();
  let nextId = 3;
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { id: number } }>(
    '/ws/person/get',
    { schema: { querystring: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } }, response: { 200: Person } } },
    async (req, reply) => {
      const p = persons.get(req.query.id);
      if (!p) return reply.code(400).send({ faultcode: 'Client', faultstring: 'Unknown ID' });
      return p;
    },
  );
  app.post<{ Body: { p: { id?: number } } }>(
    '/ws/person/create',
    { schema: { body: { type: 'object', required: ['p'], additionalProperties: false, properties: { p: Person } }, response: { 200: Person } } },
    async (req, reply) => {
      if (req.body.p.id !== undefined) return reply.code(400).send({ faultcode: 'Client', faultstring: "I don't want an id" });
      const created = { id: nextId++, ...req.body.p }; // as the demo builds it
      persons.set(created.id, created as never);
      return created;
    },
  );
  return app.listen({ port: 0, host: '127.0.0.1' });
}
