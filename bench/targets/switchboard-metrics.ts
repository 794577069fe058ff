// The persons demo on node:http with /metrics counting every call (`on`), or without it (`off`).
import { personsRoot } from '../../examples/persons/app.ts';
import { Metrics, serve } from '../../src/index.ts';

export default async function start(args: string[]): Promise<string> {
  const metrics = args[0] === 'on' ? new Metrics() : undefined;
  const running = await serve(personsRoot(), { port: 0, host: '127.0.0.1', metrics });
  return running.url;
}
