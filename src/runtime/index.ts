export { compileApi, verbsOf, type Api, type ApiOptions, type ArgSpec, type FunctionEntry, type ControllerEntry } from './compile.ts';
export { dispatch, completeArgs, isStream, type Call, type Outcome } from './dispatch.ts';
export { Context } from './context.ts';
export { response, type SbRequest, type SbResponse, type BodyChunk } from './http.ts';
