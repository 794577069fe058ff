/** Calls over JSON-RPC 2.0 on HTTP (`<base>/jsonrpc`); its error's `data` carries the fault's code. */
import { SwitchboardFault } from './fault.ts';
import { parseJson, toJson } from './json.ts';
import type { Transport } from './transport.ts';
import type { CallOptions } from './types.ts';

type RpcError = { code: number; message: string; data?: { faultcode?: string; code?: string; fields?: { path: string; message: string }[] } };

export class JsonRpcTransport implements Transport {
  private next = 0;

  constructor(
    private readonly base: string,
    private readonly fetcher: typeof fetch,
    private readonly headers: Readonly<Record<string, string>>,
  ) {}

  async call(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): Promise<unknown> {
    const res = await this.fetcher(`${this.base}/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers, ...options.headers },
      body: toJson({ jsonrpc: '2.0', id: ++this.next, method: name, params: args }),
      signal: options.signal,
    });
    const body = parseJson(await res.text()) as { result?: unknown; error?: RpcError } | undefined;
    const error = body?.error;
    if (error) {
      const status = res.status !== 200 ? res.status : error.data?.faultcode === 'Server' ? 500 : 400;
      throw new SwitchboardFault(status, error.data?.code ?? 'SB_UNKNOWN', error.message, error.data?.fields ?? []);
    }
    if (!res.ok || body === undefined) throw new SwitchboardFault(res.status, 'SB_UNKNOWN', `HTTP ${res.status}`);
    return body.result ?? null;
  }

  /** JSON-RPC over HTTP carries no stream: the server's answer (SB_STREAM_NOT_CARRIED) is thrown. */
  async *stream(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): AsyncGenerator<unknown> {
    yield await this.call(name, args, options);
  }

  close(): void {}
}
