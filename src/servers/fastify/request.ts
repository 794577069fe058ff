/** `SbRequest` inside a Fastify plugin: node:http's, with the path below the plugin's prefix. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeRequest } from '../node/request.ts';

export class FastifyMountedRequest extends NodeRequest {
  override readonly path: string;

  constructor(
    raw: IncomingMessage,
    res: ServerResponse,
    /** The plugin's prefix (`/svc`), `''` when registered without one. */
    private readonly prefix: string,
  ) {
    super(raw, res);
    // The router only sends paths under the prefix here, so cutting its length is exact.
    const url = raw.url ?? '/';
    const q = url.indexOf('?');
    const full = q === -1 ? url : url.slice(0, q);
    this.path = prefix.length === 0 ? full : full.slice(prefix.length) || '/';
  }

  /** The plugin's prefix, as this request matched it. */
  override get mount(): string {
    return this.prefix === '' ? '' : (this.raw.url ?? '').slice(0, this.prefix.length);
  }
}
