export type { CallContext, RequestInfo } from './context.ts';
export {
  expose,
  exposedMethod,
  type Args,
  type ArgsOf,
  type ResultOf,
  type Handler,
  type HttpMethod,
  type FunctionDef,
  type FunctionOptions,
  type ExposeOptions,
  type Returned,
} from './expose.ts';
export { controller, readMember, type ControllerDef, type Member } from './controller.ts';
export { root, isRoot, type RootDef, type RootOptions } from './root.ts';
