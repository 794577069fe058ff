/**
 * What the conformance suite serves besides the persons demo: a `probe` controller (a server
 * fault, a request header read back, a call that waits for its caller to go away) and a
 * `probe` protocol answering with streamed bodies and custom headers — the parts of the
 * server contract no shipped protocol exercises yet, through the same `App` the adapters get.
 */
import { type App, type Protocol, controller, createApp, expose, root, t } from '../../src/index.ts';
import { defaultProtocols } from '../../src/protocols/defaults.ts';
import type { SbResponse } from '../../src/runtime/http.ts';
import { personController } from '../../examples/persons/person.ts';

/** A promise with its resolver, for events the suite waits for. */
export class Signal {
  readonly promise: Promise<void>;
  fire!: () => void;
  constructor() {
    this.promise = new Promise((resolve) => {
      this.fire = resolve;
    });
  }
}

/** Events the app reports to the test; replaced per test that uses them. */
export class ProbeState {
  /** The `probe.wait` handler is running. */
  waiting = new Signal();
  /** Its `ctx.signal` fired. */
  aborted = new Signal();
  /** Lets `_probe/stream` send its second chunk. */
  gate = new Signal();
  /** The endless stream's iterator was closed. */
  endlessClosed = new Signal();

  reset(): void {
    this.waiting = new Signal();
    this.aborted = new Signal();
    this.gate = new Signal();
    this.endlessClosed = new Signal();
  }
}

/** Resolves with `p`, or rejects after `ms` so no test can hang. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function probeController(state: ProbeState) {
  return controller({
    boom: expose({ returns: t.string() }, () => {
      throw new Error('kaboom: internal detail');
    }),
    header: expose({ args: { name: t.string() }, returns: t.string() }, ({ name }, ctx) => ctx.request.header(name) ?? '(absent)'),
    wait: expose({ returns: t.string() }, async (_args, ctx) => {
      state.waiting.fire();
      await within(new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true })), 30_000, 'the client to go away');
      state.aborted.fire();
      return 'aborted';
    }),
  });
}

const encoder = new TextEncoder();

/** The probe protocol: owns `_probe/*` below the webpath. */
function probeProtocol(state: ProbeState): Protocol {
  const protocol: Protocol = {
    name: 'probe',
    consumes: [],
    produces: [],
    endpoints: ['_probe/stream', '_probe/endless', '_probe/echo', '_probe/empty'],
    bind: (_api, env) => ({
      protocol,
      fault: (err) => ({ status: err.status, headers: { 'content-type': 'text/plain' }, body: err.message }),
      handle: async (req, rel): Promise<SbResponse> => {
        switch (rel) {
          case '_probe/stream':
            return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-probe': 'stream' }, body: twoChunks(state) };
          case '_probe/endless':
            return { status: 200, headers: { 'content-type': 'text/plain' }, body: endless(state) };
          case '_probe/empty':
            return { status: 204, headers: { 'x-probe': 'empty' }, body: null };
          default: {
            const body = req.hasBody ? await req.body(env.bodyLimit) : new Uint8Array(0);
            const echo = { method: req.method, path: req.path, query: req.query, probe: req.header('x-probe') ?? null, length: body.byteLength };
            return {
              status: 200,
              headers: { 'content-type': 'application/json', 'x-one': '1', 'x-two': 'two words', 'cache-control': 'no-store' },
              body: JSON.stringify(echo),
            };
          }
        }
      },
    }),
  };
  return protocol;
}

/** `one\n`, then — once the test has read it and opened the gate — `two\n` (as bytes). */
async function* twoChunks(state: ProbeState): AsyncGenerator<string | Uint8Array> {
  yield 'one\n';
  await within(state.gate.promise, 30_000, 'the gate');
  yield encoder.encode('two\n');
}

/** One chunk, then nothing until closed: only the iterator's `return()` ends it. */
function endless(state: ProbeState): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]() {
      let sent = false;
      const stop = new Signal();
      return {
        async next(): Promise<IteratorResult<string>> {
          if (!sent) {
            sent = true;
            return { done: false, value: 'tick\n' };
          }
          await within(stop.promise, 30_000, 'the stream to be closed').catch(() => {});
          return { done: true, value: undefined };
        },
        async return(): Promise<IteratorResult<string>> {
          state.endlessClosed.fire();
          stop.fire();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** The body limit of the suite's app: small, so refusals are cheap to provoke. */
export const SUITE_BODY_LIMIT = 4096;

/** The app every adapter serves in the suite: the persons demo plus the probes, every default protocol. */
export function suiteApp(state: ProbeState): App {
  const r = root({
    webpath: 'ws',
    name: 'persons',
    controllers: { person: personController(), probe: probeController(state) },
  });
  return createApp(r, { protocols: [...defaultProtocols(), probeProtocol(state)], bodyLimit: SUITE_BODY_LIMIT });
}
