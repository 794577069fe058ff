/** The kitchen on a node:http server (127.0.0.1, port 0), with the WebSocket beside it when asked. */
import { type Running, serve } from '../../../../src/index.ts';
import { type WebsocketServer, attachWebsocket } from '../../../../src/servers/ws/index.ts';
import { jwksProvider } from '../auth.ts';
import { kitchenApi } from '../kitchen.ts';
import type { Answer } from '../model.ts';

export interface Served {
  /** `http://127.0.0.1:<port>/pc` */
  readonly http: string;
  /** `ws://127.0.0.1:<port>/pc` */
  readonly ws: string;
  close(): Promise<void>;
}

export async function serveKitchen(withSocket = false): Promise<Served> {
  const idp = await jwksProvider();
  const running: Running = await serve(kitchenApi(idp.jwksUrl), { port: 0, host: '127.0.0.1' });
  const wss: WebsocketServer | undefined = withSocket ? attachWebsocket(running, { pingInterval: 0 }) : undefined;
  return {
    http: `${running.url}/pc`,
    ws: `${running.url.replace(/^http/, 'ws')}/pc`,
    close: async () => {
      await wss?.close(200);
      await running.close(200);
    },
  };
}

/** A driver's kitchen server over HTTP: `start` and `close` for the driver, `http` once started. */
export interface KitchenHttp {
  start(): Promise<void>;
  close(): Promise<void>;
  readonly http: string;
}

export function kitchenHttp(): KitchenHttp {
  let served: Served | undefined;
  return {
    start: async () => {
      served = await serveKitchen();
    },
    close: async () => {
      await served?.close();
    },
    get http() {
      if (!served) throw new Error('the kitchen is not started');
      return served.http;
    },
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** Its `WWW-Authenticate` header, if any. */
  readonly challenge?: string | undefined;
}

/** One request with Node's fetch, read whole. */
export async function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
  const r = await fetch(url, { method, headers, body });
  return {
    status: r.status,
    contentType: r.headers.get('content-type') ?? '',
    text: await r.text(),
    challenge: r.headers.get('www-authenticate') ?? undefined,
  };
}

/** `answer`, its fault given the HTTP answer's challenge (a value keeps none). */
export function challenged(answer: Answer, a: HttpAnswer): Answer {
  return answer.kind === 'fault' ? { kind: 'fault', fault: { ...answer.fault, challenge: a.challenge } } : answer;
}

/** One POST. */
export const post = (url: string, headers: Record<string, string>, body: string) => send('POST', url, headers, body);
