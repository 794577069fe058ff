/**
 * REST+JSON calls from the API's own OpenAPI document (`<base>/openapi.json`, fetched once): the
 * operations of the function (`x-switchboard-function`) give its verbs and path, and their `x-switchboard-arguments`
 * where each argument goes (path, query, header, a body member, the whole body). Streams are
 * asked for as Server-Sent Events.
 */
import { faultOf } from './fault.ts';
import { parseJson, toJson } from './json.ts';
import { eventItems } from './sse.ts';
import type { Transport } from './transport.ts';
import type { CallOptions } from './types.ts';

interface Placed {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'member' | 'body';
  readonly key: string;
}

interface Operation {
  readonly verb: string;
  readonly path: string;
  readonly args: readonly Placed[];
}

type Document = { paths: Record<string, Record<string, { 'x-switchboard-function'?: string; 'x-switchboard-arguments'?: Placed[] }>> };

export class RestTransport implements Transport {
  private operations: Promise<Map<string, Operation[]>> | undefined;

  constructor(
    private readonly base: string,
    private readonly fetcher: typeof fetch,
    private readonly headers: Readonly<Record<string, string>>,
  ) {}

  async call(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): Promise<unknown> {
    const res = await this.send(name, args, options, false);
    const text = await res.text();
    if (!res.ok) throw faultOf(res.status, parseJson(text));
    return res.status === 204 || text === '' ? null : parseJson(text);
  }

  async *stream(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): AsyncGenerator<unknown> {
    const res = await this.send(name, args, options, true);
    if (!res.ok) throw faultOf(res.status, parseJson(await res.text()));
    if (!res.body) return;
    yield* eventItems(res.body, options.signal);
  }

  close(): void {}

  private async send(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions, stream: boolean): Promise<Response> {
    const op = await this.operation(name, Object.keys(args).length > 0);
    let path = op.path;
    const query: string[] = [];
    const headers: Record<string, string> = { accept: stream ? 'text/event-stream' : 'application/json', ...this.headers, ...options.headers };
    const members: Record<string, unknown> = {};
    let body: string | undefined;
    let hasMembers = false;
    for (const a of op.args) {
      if (!(a.name in args) || args[a.name] === undefined) continue;
      const v = args[a.name];
      if (a.in === 'path') path = path.replace(`{${a.name}}`, encodeURIComponent(String(v)));
      else if (a.in === 'query') for (const x of Array.isArray(v) ? v : [v]) query.push(`${encodeURIComponent(a.key)}=${encodeURIComponent(String(x))}`);
      else if (a.in === 'header') headers[a.key] = String(v);
      else if (a.in === 'body') body = toJson(v);
      else {
        members[a.key] = v;
        hasMembers = true;
      }
    }
    if (body === undefined && hasMembers) body = toJson(members);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = `${this.base}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
    return this.fetcher(url, { method: op.verb, headers, body, signal: options.signal });
  }

  /** The operation to call: one that reads a body when there are arguments and one does, else the first. */
  private async operation(name: string, withArgs: boolean): Promise<Operation> {
    this.operations ??= this.load();
    const ops = (await this.operations).get(name);
    if (!ops || ops.length === 0) throw faultOf(404, { code: 'SB_UNKNOWN_METHOD', faultstring: `Unknown method: ${name}` });
    return (withArgs ? ops.find((o) => o.verb !== 'GET' && o.verb !== 'DELETE') : undefined) ?? ops[0]!;
  }

  private async load(): Promise<Map<string, Operation[]>> {
    const res = await this.fetcher(`${this.base}/openapi.json`, { headers: this.headers });
    if (!res.ok) {
      this.operations = undefined;
      throw faultOf(res.status, parseJson(await res.text()));
    }
    const doc = (await res.json()) as Document;
    const out = new Map<string, Operation[]>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [verb, op] of Object.entries(item)) {
        const name = op['x-switchboard-function'];
        if (!name) continue;
        const list = out.get(name) ?? [];
        list.push({ verb: verb.toUpperCase(), path, args: op['x-switchboard-arguments'] ?? [] });
        out.set(name, list);
      }
    }
    return out;
  }
}
