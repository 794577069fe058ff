/**
 * A WebSocket handshake judged by the API's steps (bearer auth's `handshake`): the same for
 * every socket of the API — its RPC socket at the base path and the Channels socket — so a
 * token no function of the API would accept is refused at the upgrade wherever the socket is.
 */
import type { HandshakeCheck, StepTarget } from '../../api/steps.ts';
import type { Api } from '../../runtime/compile.ts';
import { CallRequest, type ConnectionInfo } from './requests.ts';

export class HandshakeJudge {
  private readonly checks: readonly HandshakeCheck[];
  private readonly targets: readonly StepTarget[];

  constructor(private readonly api: Api) {
    this.checks = api.def.steps.flatMap((s) => (s.handshake ? [s.handshake] : []));
    this.targets = Object.freeze(api.functions.map((fn) => fn.target));
  }

  /**
   * Throws (or rejects with) the error that refuses the socket, e.g. 401 for a bearer token that
   * no function of the API would accept; nothing to do when the API's steps have no such check.
   */
  judge(conn: ConnectionInfo): void | Promise<void> {
    if (this.checks.length === 0) return;
    // As the socket's calls will see the request (method `WS`: the query's access_token is read).
    const request = new CallRequest(conn, this.api.webpath);
    const run = (i: number): void | Promise<void> => {
      for (; i < this.checks.length; i++) {
        const out = this.checks[i]!(request, this.targets);
        if (out instanceof Promise) {
          const next = i + 1;
          return out.then(() => run(next));
        }
      }
    };
    return run(0);
  }
}
