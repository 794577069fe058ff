export { catalog, formatMessage, type ErrorCode } from './catalog.ts';
export { errorKinds, faultTable, statusFaults, type ErrorKind, type KindInfo, type StatusFault } from './kinds.ts';
export {
  ClientError,
  NotFoundError,
  SwitchboardError,
  type ClientErrorOptions,
  type ErrorOptions,
  type FieldError,
  debugInfo,
  sbError,
  toSwitchboardError,
} from './errors.ts';
export { DeclarationError, declarationCatalog, declarationError, type DeclarationCode } from './declaration.ts';
export { Redirect, isRedirect } from './redirect.ts';
