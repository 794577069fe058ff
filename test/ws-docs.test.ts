// docs/websocket.md and docs/streams.md: every frame shown is sent, in order, on one connection
// (per subprotocol) to a fresh persons demo, and the frames that come back must be the ones
// shown; the SSE example is fetched and compared too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { personsRoot } from '../examples/persons/app.ts';
import { Client, startWs } from './ws-fixture.ts';

interface Block {
  kind: 'ws-send' | 'ws-receive' | 'sse-response';
  subprotocol: string | undefined;
  text: string;
}

function blocks(file: string): Block[] {
  const page = readFileSync(new URL(`../docs/${file}`, import.meta.url), 'utf8');
  return [...page.matchAll(/^```\w+ (ws-send|ws-receive|sse-response)(?: (\w+))?\n([\s\S]*?)^```$/gm)].map((m) => ({
    kind: m[1] as Block['kind'],
    subprotocol: m[2],
    text: m[3],
  }));
}

async function runFrames(file: string): Promise<number> {
  const s = await startWs({}, personsRoot());
  const clients = new Map<string, Client>();
  let checked = 0;
  try {
    let client: Client | undefined;
    let seen = 0;
    for (const b of blocks(file)) {
      if (b.kind === 'ws-send') {
        const name = b.subprotocol ?? '';
        if (!clients.has(name)) clients.set(name, await Client.open(s.url, b.subprotocol));
        client = clients.get(name)!;
        seen = client.frames.length;
        client.send(b.text.trim());
      } else if (b.kind === 'ws-receive') {
        assert.ok(client, 'a ws-receive block follows a ws-send block');
        const c = client;
        const at = seen;
        await c.next(() => c.frames.length > at, 5000, at);
        assert.deepEqual(c.frames[at], JSON.parse(b.text), `${file}: frame ${checked + 1}`);
        seen = at + 1;
        checked++;
      }
    }
    for (const c of clients.values()) c.close();
  } finally {
    await s.close();
  }
  return checked;
}

describe('docs/websocket.md and docs/streams.md examples', () => {
  it('websocket.md: every frame answered as shown', async () => {
    assert.ok((await runFrames('websocket.md')) >= 9);
  });

  it('streams.md: every frame answered as shown', async () => {
    assert.ok((await runFrames('streams.md')) >= 3);
  });

  it('streams.md: the SSE example', async () => {
    const shown = blocks('streams.md').find((b) => b.kind === 'sse-response');
    assert.ok(shown);
    const s = await startWs({}, personsRoot());
    try {
      const url = s.running.url;
      for (const [firstname, hobby] of [
        ['Phoebe', 'Guitar'],
        ['Joey', 'Food'],
      ]) {
        const r = await fetch(`${url}/ws/person/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ p: { lastname: 'Buffay', firstname, age: 30, hobbies: [hobby] } }),
        });
        assert.equal(r.status, 200);
      }
      const res = await fetch(`${url}/ws/person/watch`, { headers: { accept: 'text/event-stream', 'last-event-id': '1' } });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      const deadline = Date.now() + 5000;
      while (text.length < shown.text.length && Date.now() < deadline) {
        const step = await reader.read();
        if (step.done) break;
        text += step.value;
      }
      await reader.cancel();
      assert.equal(text, shown.text);
    } finally {
      await s.close();
    }
  });
});
