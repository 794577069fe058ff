/**
 * The Fastify adapter: a plugin answering every request below the prefix it is registered
 * with. It replaces the content-type parsers of its own (encapsulated) scope with one that
 * leaves the body unread, so Switchboard's protocols read the bytes under Switchboard's limit.
 * Fastify is imported for its types only, so the core never needs it installed.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { type Apis, isApis } from '../../api/api.ts';
import { type App, type AppOptions, createApp } from '../../protocols/app.ts';
import type { SbResponse } from '../../runtime/http.ts';
import { Server } from '../server.ts';
import type { WebsocketOptions } from '../ws/server.ts';
import { FastifyMountedRequest } from './request.ts';
import { mountWebsocket } from './websocket.ts';

export interface SwitchboardPluginOptions extends AppOptions {
  /** What to serve: a root, or an app built with `createApp`. */
  serve: Apis | App;
  /**
   * Also serve the WebSocket interface at the prefix + root webpath (`ws://host/api/ws`) on the
   * host's http server: `true`, or the socket's options. It closes (sockets get 1001) with Fastify.
   */
  websocket?: boolean | WebsocketOptions;
}

type Plugin = FastifyPluginCallback<SwitchboardPluginOptions>;

export class FastifyServer extends Server<Plugin, [FastifyRequest, FastifyReply]> {
  readonly backend: Plugin;
  private instance: FastifyInstance | undefined;
  private prefix = '';

  constructor(app: App) {
    super(app);
    this.backend = this.createBackend();
  }

  get hostloc(): string {
    const a = this.instance?.server.address();
    if (!a || typeof a === 'string') return a ?? '';
    return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
  }

  createBackend(): Plugin {
    return (instance, _opts, done) => {
      this.instance = instance;
      this.prefix = instance.prefix;
      instance.removeAllContentTypeParsers();
      // Leave the body unread; `done()` without a value keeps the stream untouched.
      instance.addContentTypeParser('*', (_req, _payload, parsed) => parsed(null));
      const handler = (req: FastifyRequest, reply: FastifyReply) => this.handleRequest(req, reply);
      instance.all('/', handler);
      instance.all('/*', handler);
      done();
    };
  }

  createRequest(req: FastifyRequest, reply: FastifyReply): FastifyMountedRequest {
    return new FastifyMountedRequest(req.raw, reply.raw, this.prefix);
  }

  handleRequest(req: FastifyRequest, reply: FastifyReply): void {
    const sreq = this.createRequest(req, reply);
    let out: SbResponse | Promise<SbResponse>;
    try {
      out = this.app.handle(sreq);
    } catch (err) {
      // Fastify's error handler gets what the protocols could not answer (a bug).
      reply.send(err);
      return;
    }
    // Even a synchronous answer is sent a microtask later: answering from inside node's parser
    // callback (before the request is marked complete) costs node more per response — measured
    // ~1.8× the calls/s this way. A throw while sending goes to Fastify's error handler.
    Promise.resolve(out)
      .then((r) => send(reply, r, sreq.bodyRefused))
      .catch((err) => reply.send(err));
  }
}

/** Through `reply.send`, so the host app's `onSend` hooks (CORS, compression…) still apply. */
function send(reply: FastifyReply, out: SbResponse, closeConnection: boolean): void {
  reply.code(out.status).headers(out.headers);
  if (closeConnection) reply.header('connection', 'close');
  const body = out.body;
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) reply.send(body);
  // Destroying the stream (client gone) closes the source iterator.
  else reply.send(Readable.from(body, { objectMode: false }));
}

/**
 * Registers Switchboard in an existing Fastify app, below a prefix:
 *
 * ```ts
 * await fastify.register(switchboard, { prefix: '/api', serve: personsRoot() });  // GET /api/ws/person/get?id=1
 * ```
 */
export const switchboard: Plugin = (instance, opts, done) => {
  const { serve, websocket, ...options } = opts;
  // Server faults go to the host's logger unless the options name another listener.
  const onServerError = options.onServerError ?? ((err) => instance.log.error({ err: err.cause ?? err }, err.message));
  const app = isApis(serve) ? createApp(serve, { ...options, onServerError }) : serve;
  // An app the plugin built is the plugin's to close, with the host.
  if (isApis(serve))
    instance.addHook('onClose', (_instance, hookDone) => {
      app.close();
      hookDone();
    });
  if (websocket) {
    // Socket errors and faults go to the host's logger unless the options name another.
    mountWebsocket(instance, app, { logger: instance.log, ...(websocket === true ? {} : websocket) });
  }
  new FastifyServer(app).backend(instance, opts, done);
};
