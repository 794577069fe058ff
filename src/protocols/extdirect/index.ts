export { extdirect, type ExtDirectOptions } from './extdirect.ts';
export type { ParamsNotation } from './args.ts';
export { FORM_HANDLER_OPTION, NOTATION_OPTION, POLL_OPTION } from './methods.ts';
export { extDirectFaults, type ExtDirectFault } from './faults.ts';
