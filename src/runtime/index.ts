export { compileApi, verbsOf, type Api, type ApiOptions, type ArgSpec, type FunctionEntry } from './compile.ts';
export { call, type Carrier } from './call.ts';
export { isStream, type Call, type Outcome } from './dispatch.ts';
export { Binder, type Codec } from './binder.ts';
export { TextArgs } from './textargs.ts';
export type { Binding, Source } from './binding.ts';
export { Context } from './context.ts';
export type { SbRequest, SbResponse, BodyChunk } from './http.ts';
