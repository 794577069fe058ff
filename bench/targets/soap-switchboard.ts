// The persons demo on Switchboard with its default protocols; SOAP answers at /ws.
import { personsRoot } from '../../examples/persons/app.ts';
import { serve } from '../../src/index.ts';

export default async function start(): Promise<string> {
  const running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
  return running.url;
}
