import type { Principal, RequestInfo, StepContext } from '../api/context.ts';

/** The handler's context; the abort signal is the request's, read only when asked for. */
export class Context implements StepContext {
  principal: Principal | undefined = undefined;

  constructor(
    readonly request: RequestInfo,
    readonly name: string,
  ) {}

  get signal(): AbortSignal {
    return this.request.signal;
  }
}
