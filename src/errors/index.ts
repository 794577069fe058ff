export { catalog, formatMessage, type ErrorCode, type ErrorKind } from './catalog.ts';
export { ClientError, NotFoundError, SwitchboardError, type FieldError, debugInfo, sbError, toSwitchboardError } from './errors.ts';
export { faultTable, type FaultMapping } from './table.ts';
export { DeclarationError, declarationCatalog, declarationError, type DeclarationCode } from './declaration.ts';
