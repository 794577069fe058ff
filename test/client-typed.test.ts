// The typed client beyond the demo: an API of @expose'd class methods typed from the class
// itself; the WebSocket transport carrying the token (the handshake's access_token); int64
// results as exact bigints over every transport, whether the wire carried a number (WSME) or a
// string (below /_ah/api/), never a rounded number.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { SwitchboardFault, client, closeClient } from '../src/client/index.ts';
import { type Running, type Static, api, controller, createApp, devToken, expose, root, serve, t } from '../src/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { devSecuredApi } from './helpers/dev-api.ts';
import { call } from './helpers/http.ts';

const Book = t.complex('Book', { isbn: t.string(), title: t.string(), copies: t.int64() }, { mandatory: ['isbn', 'title', 'copies'] });
type Book = Static<typeof Book>;

class BookController {
  private readonly books = new Map<string, Book>([['1', { isbn: '1', title: 'Dune', copies: 9007199254740993n }]]);

  @expose(Book, { args: { isbn: t.string() } })
  get({ isbn }: { isbn: string }): Book {
    const b = this.books.get(isbn);
    if (!b) throw new Error('none');
    return b;
  }

  @expose(t.array(Book), { args: {} })
  all(): Book[] {
    return [...this.books.values()];
  }
}

const BIG = 9007199254740993n; // 2^53 + 1: a JSON number read into a double is ...992

function numbers(basePath: string) {
  const Count = t.complex('Count', { n: t.int64(), small: t.integer(), ratio: t.number() }, { mandatory: ['n', 'small', 'ratio'] });
  return api({
    name: basePath === '' ? 'numbers' : 'gnumbers',
    version: 'v1',
    basePath,
    controllers: {
      counts: controller({
        big: expose({ args: { n: t.int64() }, returns: Count, method: 'POST' }, ({ n }) => ({ n: n + 1n, small: 1, ratio: 0.5 })),
        many: expose({ returns: t.array(t.int64()), method: 'GET' }, () => [BIG, -BIG, 1n]),
        ticks: expose({ returns: t.int64(), stream: true }, async function* () {
          yield BIG;
          yield BIG + 1n;
        }),
      }),
    },
  });
}

const books = root({ webpath: 'books', controllers: { books: new BookController() } });

describe('the typed client, further', () => {
  let running: Running;
  let sockets: WebsocketServer;
  before(async () => {
    running = await serve(createApp([books, numbers('/n/v1'), numbers('/_ah/api/gnumbers/v1'), devSecuredApi()]), { port: 0, host: '127.0.0.1' });
    sockets = attachWebsocket(running, {});
  });
  after(async () => {
    await sockets.close(200);
    await running.close(200);
  });

  it('types an API of @expose’d class methods from the class', async () => {
    for (const transport of ['rest', 'ws', 'jsonrpc'] as const) {
      const c = client<typeof books>(`${running.url}/books`, { transport, WebSocket });
      try {
        const b = await c.books.get({ isbn: '1' });
        const title: string = b.title;
        const copies: bigint = b.copies;
        assert.deepEqual([title, copies], ['Dune', BIG], transport);
        const all = await c.books.all();
        assert.equal(all.length, 1);
      } finally {
        closeClient(c);
      }
    }
  });

  it('sends the token over the WebSocket (the handshake’s access_token), and none when not given', async () => {
    const url = `${running.url}/secured/v1`;
    const anonymous = client<ReturnType<typeof devSecuredApi>>(url, { transport: 'ws', WebSocket });
    const token = await devToken({ sub: 'alice', scopes: ['https://www.googleapis.com/auth/userinfo.email'] });
    const signed = client<ReturnType<typeof devSecuredApi>>(url, { transport: 'ws', WebSocket, token });
    try {
      const refused = await anonymous.me.whoami().then(
        () => assert.fail('called without a token'),
        (err: unknown) => err,
      );
      assert.ok(refused instanceof SwitchboardFault);
      assert.equal(refused.status, 401);
      const me: string = await signed.me.whoami();
      assert.equal(me, 'alice');
    } finally {
      closeClient(anonymous);
      closeClient(signed);
    }
  });

  for (const base of ['/n/v1', '/_ah/api/gnumbers/v1']) {
    for (const transport of ['rest', 'ws', 'jsonrpc'] as const) {
      it(`keeps int64 exact as bigints at ${base} over ${transport}`, async () => {
        const c = client<ReturnType<typeof numbers>>(`${running.url}${base}`, { transport, WebSocket });
        try {
          const r = await c.counts.big({ n: BIG });
          const n: bigint = r.n;
          assert.deepEqual([n, r.small, r.ratio], [BIG + 1n, 1, 0.5]);
          assert.deepEqual(await c.counts.many(), [BIG, -BIG, 1n]);
          if (transport !== 'jsonrpc') {
            const ticks: bigint[] = [];
            for await (const x of c.counts.ticks()) ticks.push(x);
            assert.deepEqual(ticks, [BIG, BIG + 1n]);
          }
        } finally {
          closeClient(c);
        }
      });
    }
  }

  it('the wires differ as documented: a number for WSME, a string below /_ah/api/', async () => {
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n": "1"}' };
    assert.equal((await call(`${running.url}/n/v1/counts/big`, post)).text, '{"n":2,"small":1,"ratio":0.5}');
    assert.equal((await call(`${running.url}/_ah/api/gnumbers/v1/counts/big`, post)).text, '{"n":"2","small":1,"ratio":0.5}');
  });
});
