/**
 * Health probes for orchestrators (Kubernetes' liveness and readiness): `/healthz` answers 200
 * while the process can answer at all; `/readyz` answers 200 only when every check passes (a
 * store connected, a bus subscribed) and the server is not draining, else 503 with what failed.
 * `drain()` (the CLI calls it on SIGTERM) turns readiness off before the server stops, so the
 * load balancer sends no new traffic while requests in progress finish.
 */
import type { SbRequest, SbResponse } from '../runtime/http.ts';

/** A readiness check: resolves (to anything but `false`) when ready; throws or returns `false` when not. */
export type ReadyCheck = () => unknown;

export interface HealthOptions {
  /** Liveness path (default `/healthz`). */
  live?: string;
  /** Readiness path (default `/readyz`). */
  ready?: string;
  /** Readiness checks by name. */
  checks?: Record<string, ReadyCheck>;
  /** Milliseconds a check may take before it counts as failed (default 2000). */
  timeoutMs?: number;
}

type Handle = (req: SbRequest) => SbResponse | Promise<SbResponse>;

const JSON_TYPE = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** The probes of one app: give it as `createApp(root, { health })`, keep it to `drain()` or add checks. */
export class Health {
  readonly live: string;
  readonly ready: string;
  private readonly checks: Map<string, ReadyCheck>;
  private readonly timeoutMs: number;
  private drainingNow = false;

  constructor(options: HealthOptions = {}) {
    this.live = options.live ?? '/healthz';
    this.ready = options.ready ?? '/readyz';
    this.checks = new Map(Object.entries(options.checks ?? {}));
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  /** Adds a readiness check (a store or a bus registers its own). */
  check(name: string, check: ReadyCheck): this {
    this.checks.set(name, check);
    return this;
  }

  /** Readiness off from now on: `/readyz` answers 503 `draining`. */
  drain(): void {
    this.drainingNow = true;
  }

  get draining(): boolean {
    return this.drainingNow;
  }

  /** `handle` with the two probes in front. */
  wrap(handle: Handle): Handle {
    return (req) => {
      const path = req.path;
      if (path !== this.live && path !== this.ready) return handle(req);
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return { status: 405, headers: { allow: 'GET, HEAD', ...JSON_TYPE }, body: '{"status":"method not allowed"}' };
      if (path === this.live) return answer(req, 200, { status: 'ok' });
      return this.readiness().then((r) => answer(req, r.ok ? 200 : 503, r.body));
    };
  }

  /** Runs the checks: ok, and the body `/readyz` answers. */
  async readiness(): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    if (this.drainingNow) return { ok: false, body: { status: 'draining' } };
    const results: Record<string, string> = {};
    let ok = true;
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        const r = await this.run(check);
        results[name] = r;
        if (r !== 'ok') ok = false;
      }),
    );
    return { ok, body: { status: ok ? 'ready' : 'not ready', checks: results } };
  }

  private run(check: ReadyCheck): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
    });
    const result = Promise.resolve()
      .then(check)
      .then(
        (v) => (v === false ? 'failed' : 'ok'),
        (err: unknown) => `failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    return Promise.race([result, timeout]).finally(() => clearTimeout(timer));
  }
}

function answer(req: SbRequest, status: number, body: Record<string, unknown>): SbResponse {
  return { status, headers: { ...JSON_TYPE }, body: req.method === 'HEAD' ? null : JSON.stringify(body) };
}
