// The persons demo on Switchboard with its default protocols; SOAP answers at /ws.
// `GET /__cpu` reports the process's CPU time, so the benchmark can charge CPU per call.
import { personsRoot } from '../../examples/persons/app.ts';
import { serve } from '../../src/servers/node/index.ts';

export default async function start(): Promise<string> {
  const running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
  const { server } = running;
  server.backend.removeAllListeners('request');
  server.backend.on('request', (req, res) => {
    if (req.url === '/__cpu') res.end(JSON.stringify(process.cpuUsage()));
    else server.handleRequest(req, res);
  });
  return running.url;
}
