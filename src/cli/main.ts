/** `switchboard serve <module>`: serve an API with a request log and a graceful stop. */
import { readFileSync } from 'node:fs';
import { type ApiDef, isApis } from '../api/api.ts';
import { DeclarationError } from '../errors/declaration.ts';
import { EdlError } from '../idl/load.ts';
import { type App, createApp } from '../protocols/app.ts';
import { callLog } from '../protocols/call-log.ts';
import { Health } from '../protocols/health.ts';
import { Metrics } from '../protocols/metrics.ts';
import { serve } from '../servers/node/server.ts';
import { attachWebsocket } from '../servers/ws/attach.ts';
import { USAGE, parseArgs } from './args.ts';
import { edlCommand, loadEdl, watchEdl } from './edl.ts';
import { isAppDir, loadEndpointApps } from './endpoints.ts';
import { init } from './init.ts';
import { loadTarget } from './load.ts';
import { createLogger, levelOf } from './logger.ts';
import { writeOpenApi } from './openapi.ts';
import { swappable } from './swap.ts';
import { printToken } from './token.ts';
import { followSupervisor, isWatchSupervisor, superviseWatch } from './watch.ts';
import { isPrimary, runWorkers } from './workers.ts';

/** How long in-flight requests may take to finish after SIGINT/SIGTERM. */
const GRACE_MS = 10_000;

export async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`switchboard: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  if (args.command === 'init') return init(args.dir ?? '.');
  if (args.command === 'edl') return edlCommand(args.edl!.action, args.edl!.files, process.stdout, process.stderr);
  if (args.command === 'token') return printToken(args.token!);
  if (args.command === 'openapi') return writeOpenApi(args);
  if (args.workers !== undefined && args.workers > 1 && isPrimary()) return runWorkers(args.workers, (line) => process.stdout.write(line));
  let level: ReturnType<typeof levelOf>;
  try {
    level = levelOf(args.logLevel, process.env.LOG_LEVEL);
  } catch (err) {
    process.stderr.write(`switchboard: ${(err as Error).message}\n`);
    return 2;
  }
  const logger = await createLogger(level);
  // An EDL file is watched in place (recompiled and swapped); any other module by a supervisor.
  const edlFile = args.module!.endsWith('.edl');
  // --watch: this process only watches; a child process (cluster worker) serves each version.
  if (args.watch && !edlFile && isWatchSupervisor()) return superviseWatch(args.module!, logger);
  if (args.watch && !edlFile) followSupervisor();
  const onServerError = (err: Error) => logger.error({ err: (err as { cause?: unknown }).cause ?? err }, err.message);
  let app: App;
  // /healthz and /readyz; SIGTERM turns readiness off first.
  const health = new Health();
  // --metrics: /metrics, with the open WebSocket connections once the socket server is up.
  let openSockets = () => 0;
  const metrics = args.metrics ? new Metrics().gauge('switchboard_open_sockets', 'Open WebSocket connections.', () => openSockets()) : undefined;
  let stopWatching = () => {};
  // `serve x.edl --store …`: its database, closed once the server stopped.
  let closeStorage = async () => {};
  try {
    // Every request gets an id, echoed and logged; every call (batch members too) a line of its own.
    const observers = args.quiet ? [] : [callLog(logger)];
    // The explorer: createApp's rule (on outside production), --explorer / --no-explorer override it.
    const options = { debug: args.debug, onServerError, explorer: args.explorer, requestIds: true, observers, health, metrics };
    const edl = edlFile ? await loadEdl(args.module!, args.handlers, args.store) : undefined;
    if (edl) {
      closeStorage = edl.close;
      app = createApp(edl.api, options);
      if (args.watch) {
        const live = swappable(app);
        app = live;
        stopWatching = watchEdl(
          args.module!,
          edl.rebuild,
          (next) => live.swap(createApp(next, options)),
          (text) => process.stderr.write(text),
        );
      }
    } else {
      const targets = [args.module!, ...(args.more ?? [])];
      const dirs = targets.filter(isAppDir);
      const loaded = await Promise.all(targets.filter((t) => !isAppDir(t)).map(loadTarget));
      const apis: ApiDef[] = [
        ...loaded.flatMap((t) => (isApis(t) ? [t].flat() : [])),
        ...(dirs.length > 0 ? await loadEndpointApps(dirs, (l) => process.stderr.write(l)) : []),
      ];
      const apps = loaded.filter((t): t is App => !isApis(t));
      if (apps.length > 0 && targets.length > 1)
        throw new Error('a module exporting an app (createApp) is served alone; export its APIs to serve it beside others');
      // A declaration error (a schema no codec carries, a binding that does not fit) is found here.
      app = apps[0] ?? createApp(apis, options);
    }
  } catch (err) {
    process.stderr.write(`switchboard: cannot serve ${args.module}: ${describe(err, args.debug)}\n`);
    return 1;
  }
  let running: Awaited<ReturnType<typeof serve>>;
  try {
    running = await serve(app, { port: args.port, host: args.host, logger: args.quiet ? undefined : logger });
  } catch (err) {
    process.stderr.write(`switchboard: cannot listen: ${describe(err, false)}\n`);
    return 1;
  }
  // Every function is also callable over a WebSocket at the root webpath.
  const sockets = attachWebsocket(running, { logger });
  openSockets = () => sockets.connections.size;
  if (metrics) {
    // Open HTTP connections (keep-alive ones included), counted as they open and close.
    let open = 0;
    running.server.backend.on('connection', (socket) => {
      open++;
      socket.once('close', () => open--);
    });
    metrics.gauge('switchboard_open_connections', 'Open HTTP connections.', () => open);
  }
  const webpath = app.api.webpath || '/';
  process.stdout.write(
    `Switchboard serving ${app.apis.map((a) => a.root.name).join(',')} at ${running.url}/ (functions under ${webpath}; WebSocket at ${running.url.replace(/^http/, 'ws')}${webpath})\n`,
  );

  await new Promise<void>((resolveStop) => {
    let stopping = false;
    let endDelay = () => {};
    const stop = (signal: string) => {
      if (stopping) {
        // A second signal (Ctrl-C again): no more waiting, for the drain delay or requests in progress.
        endDelay();
        logger.info({ signal }, 'stopping now: closing every connection');
        running.server.backend.closeAllConnections();
        return;
      }
      stopping = true;
      stopWatching();
      logger.info({ signal }, 'stopping: finishing in-flight requests');
      // Sockets get their 1001 close first, then HTTP requests in flight may finish.
      // Readiness off first; with SWITCHBOARD_DRAIN_DELAY_MS, the port stays open that long so the
      // load balancer sees /readyz fail and stops sending traffic before the server stops accepting.
      health.drain();
      const stopServing = () => {
        endDelay = () => {};
        sockets
          .close()
          .then(() => {
            app.close();
            return running.close(GRACE_MS);
          })
          .then(() => closeStorage())
          .then(resolveStop, resolveStop);
      };
      const ms = drainDelay();
      // No delay: stop accepting at once (nothing may be answered after the signal's log line).
      if (ms === 0) {
        stopServing();
        return;
      }
      const timer = setTimeout(stopServing, ms);
      endDelay = () => {
        clearTimeout(timer);
        stopServing();
      };
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  logger.flush();
  return 0;
}

/** `SWITCHBOARD_DRAIN_DELAY_MS`: milliseconds between readiness off and the stop (default 0). */
function drainDelay(): number {
  const ms = Number(process.env.SWITCHBOARD_DRAIN_DELAY_MS ?? 0);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}

/** An error for the terminal: its message, or its stack with --debug. */
function describe(err: unknown, stack: boolean): string {
  // A declaration error says what and where; its stack (the framework's own frames) helps no one.
  if (err instanceof DeclarationError) return `${err.message} [${err.code}]`;
  if (err instanceof EdlError) return err.message;
  if (err instanceof Error) return stack && err.stack ? err.stack : err.message;
  return String(err);
}
