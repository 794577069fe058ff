// Fastify 5 answering GET /api/ws/person/get?id=1: natively (a plain route returning the
// object; `schema`: the same with its query validated) or through Switchboard's plugin
// registered with prefix /api. The argument picks which.
import Fastify from 'fastify';
import { personsRoot } from '../../examples/persons/app.ts';
import { seedPersons } from '../../examples/persons/person.ts';
import { switchboard } from '../../src/servers/fastify/index.ts';

export default async function start(args: string[]): Promise<string> {
  const app = Fastify({ logger: false });
  if (args[0] === 'switchboard') await app.register(switchboard, { prefix: '/api', serve: personsRoot() });
  else if (args[0] === 'schema') {
    // The same route doing the work Switchboard does: the id validated as an integer.
    const persons = seedPersons();
    app.get<{ Querystring: { id: number } }>(
      '/api/ws/person/get',
      { schema: { querystring: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } } },
      async (req, reply) => {
        const p = persons.get(req.query.id);
        if (!p) return reply.code(400).send({ faultcode: 'Client', faultstring: 'Unknown ID', debuginfo: null });
        return p;
      },
    );
  } else {
    const persons = seedPersons();
    app.get<{ Querystring: { id: string } }>('/api/ws/person/get', async (req, reply) => {
      const p = persons.get(Number(req.query.id));
      if (!p) return reply.code(400).send({ faultcode: 'Client', faultstring: 'Unknown ID', debuginfo: null });
      return p;
    });
  }
  return app.listen({ port: 0, host: '127.0.0.1' });
}
