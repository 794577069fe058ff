/**
 * The Express adapter: middleware answering every request below the path it is mounted at.
 * Express is imported for its types only, so the core never needs it installed.
 */
import type { NextFunction, Request, Response } from 'express';
import { type Apis, isApis } from '../../api/api.ts';
import { type App, type AppOptions, createApp } from '../../protocols/app.ts';
import type { SbResponse } from '../../runtime/http.ts';
import { writeResponse } from '../node/write.ts';
import { Server } from '../server.ts';
import { ExpressRequest } from './request.ts';

export type SwitchboardMiddleware = (req: Request, res: Response, next: NextFunction) => void;

export class ExpressServer extends Server<SwitchboardMiddleware, [Request, Response, NextFunction]> {
  readonly backend: SwitchboardMiddleware;
  private host = '';

  constructor(app: App) {
    super(app);
    this.backend = this.createBackend();
  }

  /** Express owns the socket: the `Host` of the first request. */
  get hostloc(): string {
    return this.host;
  }

  createBackend(): SwitchboardMiddleware {
    return (req, res, next) => this.handleRequest(req, res, next);
  }

  /**
   * Express has already cut the mount path off `req.url`: the app sees the path below it, and
   * the mount (`req.baseUrl`) for the documents that link back.
   */
  createRequest(req: Request, res: Response): ExpressRequest {
    return new ExpressRequest(req, res, req.body, req.baseUrl);
  }

  handleRequest(req: Request, res: Response, next: NextFunction): void {
    if (this.host === '') this.host = req.headers.host ?? '';
    const sreq = this.createRequest(req, res);
    let out: SbResponse | Promise<SbResponse>;
    try {
      out = this.app.handle(sreq);
    } catch (err) {
      // Express's error handlers get what the protocols could not answer (a bug).
      next(err);
      return;
    }
    // A throw while writing (a header node refuses) goes to Express too, never unhandled.
    if (out instanceof Promise) out.then((r) => writeResponse(res, r, sreq.bodyRefused)).catch(next);
    else {
      try {
        writeResponse(res, out, sreq.bodyRefused);
      } catch (err) {
        next(err);
      }
    }
  }
}

/**
 * Middleware serving a root (or a built app) under the mount path:
 *
 * ```ts
 * const app = express();
 * app.use('/api', switchboard(personsRoot()));   // GET /api/ws/person/get?id=1
 * ```
 */
export function switchboard(rootOrApp: Apis | App, options: AppOptions = {}): SwitchboardMiddleware {
  const app = isApis(rootOrApp) ? createApp(rootOrApp, options) : rootOrApp;
  return new ExpressServer(app).backend;
}
