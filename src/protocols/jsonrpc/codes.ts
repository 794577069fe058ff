/**
 * JSON-RPC 2.0's own error codes, for faults found while reading a request. Errors raised by
 * a running function map through JSON-RPC's fault table (`faults.ts`) instead.
 */
export const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;
export const RPC_INVALID_PARAMS = -32602;
export const RPC_INTERNAL_ERROR = -32603;
