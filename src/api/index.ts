export type { CallContext, RequestInfo, Principal, StepContext } from './context.ts';
export type { HttpMethod, HttpOptions, ArgSource } from './binding.ts';
export type { CallStep, HandshakeCheck, Policy, StepTarget } from './steps.ts';
export {
  expose,
  exposedMethod,
  type Args,
  type ArgsOf,
  type ResultOf,
  type Handler,
  type AnyHandler,
  type FunctionDef,
  type FunctionOptions,
  type ExposeOptions,
  type Returned,
} from './expose.ts';
export { controller, readMember, type ControllerDef, type ControllerOptions, type Member } from './controller.ts';
export { api, isApi, isApis, normalisePath, type ApiDef, type ApiOptions, type Apis, type VerbRule } from './api.ts';
export { root, isRoot, type RootDef, type RootOptions } from './root.ts';
export { implement, type Handlers } from './implement.ts';
export { liveSource, isLive, type LiveSource, type LiveSink, type LiveHandle } from './live.ts';
export * from './endpoints/index.ts';
