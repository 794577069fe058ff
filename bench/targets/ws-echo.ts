// The floor: a bare `ws` server answering each RPC frame with a same-size JSON reply (the id
// read from the frame, the rest a fixed string of the size Switchboard answers person.get with).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { seedPersons } from '../../examples/persons/person.ts';
import { answerHeapQuestions } from './ws-heap.ts';

export default async function start(): Promise<string> {
  const result = JSON.stringify(seedPersons().get(1));
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const { id } = JSON.parse(String(data)) as { id: number };
      ws.send(`{"id":${id},"status":200,"result":${result}}`);
    });
  });
  answerHeapQuestions(() => wss.clients.size);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`;
}
