// The persons demo with its WebSocket interface at ws://host/ws (defaults: JSON payload, 30 s pings).
import { personsRoot } from '../../examples/persons/app.ts';
import { serve } from '../../src/index.ts';
import { attachWebsocket } from '../../src/servers/ws/index.ts';
import { answerHeapQuestions } from './ws-heap.ts';

export default async function start(): Promise<string> {
  const running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
  const wss = attachWebsocket(running);
  answerHeapQuestions(() => wss.connections.size);
  return `${running.url.replace('http', 'ws')}/ws`;
}
